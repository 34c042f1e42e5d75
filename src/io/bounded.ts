/**
 * Runs async tasks with at most `limit` in flight. On a slow file system, 18 000 segment files
 * written one after another wait for it 18 000 times (see WritePace); all at once exhaust file
 * descriptors.
 */
export function createTaskPool(limit: number) {
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  return {
    async run(task: () => Promise<void>): Promise<void> {
      if (failure) throw failure;
      while (inFlight.size >= limit) await Promise.race(inFlight);
      if (failure) throw failure;
      const p = task().then(
        () => {
          inFlight.delete(p);
        },
        (err) => {
          inFlight.delete(p);
          failure ??= err;
        },
      );
      inFlight.add(p);
    },
    /** Throws the first task's failure, if any: for a caller that goes on without calling run(). */
    throwIfFailed(): void {
      if (failure) throw failure;
    },
    /** Waits for the tasks in flight whatever their outcome: after a failure elsewhere, nothing is left writing. */
    async settle(): Promise<void> {
      await Promise.allSettled(inFlight);
    },
    async drain(): Promise<void> {
      await Promise.all(inFlight);
      if (failure) throw failure;
    },
  };
}
