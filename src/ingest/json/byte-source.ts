/**
 * A sliding window over a byte stream. Readers keep only the bytes from the start of the value they
 * are parsing; everything before is dropped, so memory stays flat however large the file is.
 */
export class ByteSource {
  buf: Buffer = Buffer.alloc(0);
  /** Absolute offset of buf[0] in the stream. */
  base = 0;
  /** The stream has ended: buf holds all remaining bytes. */
  done = false;
  private readonly iterator: AsyncIterator<Uint8Array>;
  /** Reused for every chunk; buf is a view of its front. Valid until the next `more`. */
  private store: Buffer = Buffer.alloc(0);

  /** `base` is the stream's offset in the whole text, when it does not start at its beginning. */
  constructor(input: AsyncIterable<Uint8Array>, base = 0) {
    this.iterator = input[Symbol.asyncIterator]();
    this.base = base;
  }

  /**
   * Stops reading the input before its end. The file behind it is closed by whoever opened it
   * (read-sources): `return` does not get past the decode layers, which pull by hand.
   */
  async close(): Promise<void> {
    this.done = true;
    await this.iterator.return?.();
  }

  /**
   * Drops buf[0..keepFrom) and appends input. A value that is still incomplete after one chunk gets
   * at least twice its size appended next time, so a huge value costs linear, not quadratic, copying.
   * Returns false when the stream had nothing more to give; reaching the end counts as news once,
   * since a value at the very end (a number) can only be finished once the end is known.
   */
  async more(keepFrom: number): Promise<boolean> {
    if (this.done) return false;
    let progressed = false;
    let size = this.buf.length - keepFrom;
    const want = Math.max(size * 2, size + 1);
    // buf is always the front of the store: the kept tail (at most one record, usually) moves to
    // its start, and the input is copied in after it. The store is reused: a fresh buffer for
    // every chunk cost more than the copy itself (a 1 MB allocation is page faults on first touch).
    if (size > 0) this.store.copyWithin(0, keepFrom, keepFrom + size);
    while (size < want) {
      const next = await this.iterator.next();
      if (next.done) {
        this.done = true;
        progressed = true;
        break;
      }
      const chunk = next.value;
      if (chunk.length === 0) continue;
      if (size + chunk.length > this.store.length) this.storeAtLeast(size + chunk.length, this.store.subarray(0, size));
      this.store.set(chunk, size);
      size += chunk.length;
      progressed = true;
    }
    this.base += keepFrom;
    this.buf = this.store.subarray(0, size);
    return progressed;
  }

  /** Replaces the store with one of at least `bytes`, holding `kept` at its front. */
  private storeAtLeast(bytes: number, kept: Uint8Array): void {
    const grown = Buffer.allocUnsafe(Math.max(bytes, this.store.length * 2, MIN_STORE_BYTES));
    grown.set(kept, 0);
    this.store = grown;
  }
}

/** Room for a 1 MiB read chunk and the record it cuts in two. */
const MIN_STORE_BYTES = 2 << 20;
