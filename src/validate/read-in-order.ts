/**
 * Runs `load` over `items` with at most `concurrency` in flight and yields the results in input order.
 * Reading 18 000 small segments one at a time is latency-bound (worse over HTTP); reading them all at
 * once holds them all in memory. `load` must not reject: return the error as a value.
 */
export async function* readInOrder<T, R>(items: readonly T[], concurrency: number, load: (item: T) => Promise<R>): AsyncGenerator<R> {
  const inFlight: Promise<R>[] = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && inFlight.length < concurrency) inFlight.push(load(items[next++] as T));
  };
  fill();
  while (inFlight.length > 0) {
    const result = await (inFlight.shift() as Promise<R>);
    fill();
    yield result;
  }
}
