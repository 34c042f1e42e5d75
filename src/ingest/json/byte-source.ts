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

  /** `base` is the stream's offset in the whole text, when it does not start at its beginning. */
  constructor(input: AsyncIterable<Uint8Array>, base = 0) {
    this.iterator = input[Symbol.asyncIterator]();
    this.base = base;
  }

  /** Stops reading the input (closes the file behind it) before its end. */
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
    const kept = this.buf.subarray(keepFrom);
    const parts: Uint8Array[] = kept.length ? [kept] : [];
    let size = kept.length;
    const want = Math.max(size * 2, size + 1);
    while (size < want) {
      const next = await this.iterator.next();
      if (next.done) {
        this.done = true;
        progressed = true;
        break;
      }
      if (next.value.length === 0) continue;
      parts.push(next.value);
      size += next.value.length;
      progressed = true;
    }
    this.base += keepFrom;
    this.buf = parts.length === 1 ? Buffer.from(parts[0]!.buffer, parts[0]!.byteOffset, parts[0]!.length) : Buffer.concat(parts, size);
    return progressed;
  }
}
