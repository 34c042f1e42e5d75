/**
 * The release rule streaming order rests on (reorder-window.ts), for one source: a message is
 * released once its source has reached a message `windowMs` later, or has ended; a run of messages
 * that starts before the latest released time has stepped back too far to be placed. The main
 * thread's merge (worker/time-order-merge.ts) hands released messages on, and the worker's
 * schedule (source-schedule.ts) reads the source whose released messages end earliest: both keep
 * a clock per source, so they cannot disagree on what is released.
 */

/** Messages of one source, sorted by time; the clock moves `releasable` along them. */
export interface TimedRun {
  readonly times: ArrayLike<number>;
  /** The messages before this index are released. */
  releasable: number;
}

export class SourceClock<Run extends TimedRun> {
  /** The latest time the source has reached. */
  latest = -Infinity;
  /** The latest time released so far: a later run may not start earlier. */
  released = -Infinity;
  ended = false;
  /** The runs its owner still keeps (the clock only ever adds to this). */
  readonly runs: Run[] = [];

  constructor(private readonly windowMs: number) {}

  /** False when a run starting at `firstTime` comes too late to be placed. */
  accepts(firstTime: number): boolean {
    return firstTime >= this.released;
  }

  /** Adds a non-empty run; returns how many messages, in all runs, this released. */
  add(run: Run): number {
    this.runs.push(run);
    const last = run.times[run.times.length - 1]!;
    if (last > this.latest) this.latest = last;
    return this.release(this.latest - this.windowMs);
  }

  /**
   * No more runs: everything is released. Returns how many messages this released. Everything
   * means every message, whatever its time: one that compares as no earlier than Infinity (an
   * Infinity, a NaN) was once held forever, and the main thread waited on it until the worker
   * watchdog gave up. Readers reject such times (time-range.ts); this keeps a miss from hanging.
   */
  end(): number {
    this.ended = true;
    return this.release(Infinity, true);
  }

  /** Each run's released messages are a prefix of it. */
  private release(before: number, all = false): number {
    let released = 0;
    for (const run of this.runs) {
      const { times } = run;
      let r = run.releasable;
      if (all) r = times.length;
      else while (r < times.length && times[r]! < before) r++;
      if (r === run.releasable) continue;
      released += r - run.releasable;
      run.releasable = r;
      if (times[r - 1]! > this.released) this.released = times[r - 1]!;
    }
    return released;
  }
}
