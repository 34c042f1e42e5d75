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
 * Released is the merge's own rule: both keep a SourceClock per source.
 */
import { REORDER_WINDOW_MS } from './reorder-window.js';
import { SourceClock, type TimedRun } from './source-clock.js';

export class SourceSchedule {
  private readonly clocks: SourceClock<TimedRun>[];

  constructor(sourceCount: number, windowMs = REORDER_WINDOW_MS) {
    this.clocks = Array.from({ length: sourceCount }, () => new SourceClock<TimedRun>(windowMs));
  }

  /** The open source to read next, or -1 when all have ended. Ties: the earliest latest message, then the first source. */
  next(): number {
    let best = -1;
    for (let s = 0; s < this.clocks.length; s++) {
      const clock = this.clocks[s]!;
      if (clock.ended) continue;
      const chosen = best < 0 ? undefined : this.clocks[best]!;
      if (chosen === undefined || clock.released < chosen.released || (clock.released === chosen.released && clock.latest < chosen.latest)) best = s;
    }
    return best;
  }

  /** Takes the times of a batch read from `source`, sorted. */
  read(source: number, times: readonly number[]): void {
    if (times.length === 0) return;
    const clock = this.clocks[source]!;
    clock.add({ times, releasable: 0 });
    // Only what is not released yet matters from here on.
    const runs = clock.runs;
    for (let i = runs.length - 1; i >= 0; i--) if (runs[i]!.releasable === runs[i]!.times.length) runs.splice(i, 1);
  }

  end(source: number): void {
    const clock = this.clocks[source]!;
    clock.end();
    clock.runs.length = 0;
  }
}
