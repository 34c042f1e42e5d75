/**
 * Encodes text as UTF-8 into one buffer it keeps and reuses: what `encode` returns is valid until
 * the next call. For segment text that is hashed and written before the next segment is made:
 * a fresh buffer per segment (117 MB of them in a 1 M-message run) is memory outside V8's heap
 * that is only given back when a garbage collection finds the buffer, and on this VM every fresh
 * page costs ~11 µs when first touched.
 */
export class Utf8Scratch {
  private buffer: Buffer;

  constructor(initialBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  encode(text: string): Buffer {
    // A UTF-16 code unit is at most 3 bytes of UTF-8: only text that might not fit is measured.
    if (text.length * 3 > this.buffer.length) {
      const needed = Buffer.byteLength(text, 'utf8');
      if (needed > this.buffer.length) this.buffer = Buffer.allocUnsafe(Math.max(needed, 2 * this.buffer.length));
    }
    return this.buffer.subarray(0, this.buffer.write(text, 0, 'utf8'));
  }
}
