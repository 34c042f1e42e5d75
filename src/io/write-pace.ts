/**
 * Whether a new segment file is written on this thread, one call after another, or handed to
 * libuv's pool with bounded concurrency (createTaskPool).
 *
 * On a local file system a new segment is a create, a copy into the page cache and a close: tens of
 * microseconds. Through the pool each file is three hand-offs to another thread and back, and the
 * pool's four threads contend for the one folder's lock; here that cost twice the CPU of the same
 * calls made in line (6 000 files of 19.5 kB: ~1.15 s against ~0.55 s, user and system; a writer
 * thread fed batches of segments cost as much as the pool), and a run's two cores are both busy.
 *
 * On a network file system each call is a round trip (a millisecond or more), and files written one
 * after another would wait for every one: there the pool's concurrency is what keeps 18 000
 * segments from dominating. So writes start in line and move to the pool for the rest of the run
 * once most recent ones are slow. Most, not one: on a busy machine a thread is sometimes preempted
 * in the middle of a fast write.
 */

/** A write in line slower than this counts as slow (a local create and write take ~0.06 ms here). */
export const SLOW_WRITE_MS = 1;
/** How many of the last WINDOW writes must be slow to move to the pool. */
export const SLOW_WRITES_TO_SWITCH = 8;
const WINDOW = 16;

export class WritePace {
  /** The last WINDOW writes, newest in bit 0: 1 for slow. */
  private recent = 0;
  private pooled: boolean;

  constructor(start: 'in line' | 'pool' = 'in line') {
    this.pooled = start === 'pool';
  }

  /** True while writes are made in line; false for the rest of the run once they went to the pool. */
  get inLine(): boolean {
    return !this.pooled;
  }

  /** Records how long a write made in line took. */
  record(ms: number): void {
    this.recent = ((this.recent << 1) | (ms > SLOW_WRITE_MS ? 1 : 0)) & ((1 << WINDOW) - 1);
    if (bitCount(this.recent) >= SLOW_WRITES_TO_SWITCH) this.pooled = true;
  }
}

function bitCount(bits: number): number {
  let count = 0;
  for (let b = bits; b !== 0; b &= b - 1) count++;
  return count;
}
