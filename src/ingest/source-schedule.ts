/**
 * Which source the reading worker reads next when it streams several (read-sources.ts
 * streamSourceBatches), so that the main thread's merge (worker/time-order-merge.ts) holds about a
 * reorder window of each and no more.
 *
 * The merge hands a message on only while every open source has a released message waiting, and
 * it uses them up in time order: the first source to run dry is the one whose released messages
 * end earliest. So the next source to read is the open one with the lowest released time (none
 * released yet counts lowest), as the merge by time this replaced pulled the source it ran out of.
 * Reading the one whose latest message is earliest instead held almost a whole archive when a
 * source started late or had a long gap: its first batch released nothing while the other source
 * was read on and on.
 *
 * Released is computed as the merge computes it: the latest time, among a source's messages, that
 * is more than the window before its latest message.
 */
export class SourceSchedule {
  private readonly sources: {
    open: boolean;
    latest: number;
    released: number;
    /** Times of its messages not released yet, sorted, from `head` on. */
    waiting: number[];
    head: number;
  }[];

  constructor(
    sourceCount: number,
    private readonly windowMs: number,
  ) {
    this.sources = Array.from({ length: sourceCount }, () => ({ open: true, latest: -Infinity, released: -Infinity, waiting: [], head: 0 }));
  }

  /** The open source to read next, or -1 when all have ended. Ties: the earliest latest message, then the first source. */
  next(): number {
    let best = -1;
    for (let s = 0; s < this.sources.length; s++) {
      const source = this.sources[s]!;
      if (!source.open) continue;
      const chosen = best < 0 ? undefined : this.sources[best]!;
      if (chosen === undefined || source.released < chosen.released || (source.released === chosen.released && source.latest < chosen.latest)) best = s;
    }
    return best;
  }

  /** Takes the times of a batch read from `source`, sorted. */
  read(source: number, times: readonly number[]): void {
    const state = this.sources[source]!;
    if (times.length === 0) return;
    let waiting = state.waiting;
    if (state.head === waiting.length || waiting[waiting.length - 1]! <= times[0]!) {
      for (const t of times) waiting.push(t);
    } else {
      waiting = mergeSorted(waiting.slice(state.head), times);
      state.head = 0;
    }
    state.latest = Math.max(state.latest, times[times.length - 1]!);
    const before = state.latest - this.windowMs;
    let head = state.head;
    while (head < waiting.length && waiting[head]! < before) head++;
    if (head > state.head) state.released = Math.max(state.released, waiting[head - 1]!);
    // Compacted once most of it is released: each time is copied a bounded number of times.
    if (head > waiting.length >>> 1) {
      waiting = waiting.slice(head);
      head = 0;
    }
    state.waiting = waiting;
    state.head = head;
  }

  end(source: number): void {
    const state = this.sources[source]!;
    state.open = false;
    state.waiting = [];
    state.head = 0;
  }
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(b[j]! < a[i]! ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
