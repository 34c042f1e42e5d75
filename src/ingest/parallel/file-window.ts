import { closeSync, openSync, readSync } from 'node:fs';
import type { RandomAccessText } from '../types.js';

/**
 * A window of an archive's text read straight from the file at any offset. Offsets are text
 * offsets (file offset minus `textStart`), the ones JSON error messages report. Reads are
 * synchronous: the threads that use this have nothing else to do meanwhile, and a block of a few
 * MB comes from the page cache in a few milliseconds. One buffer is reused for every block: a
 * fresh 4 MB buffer per block is memory outside V8's heap that only a full GC returns, and a run
 * read hundreds of them before one came.
 */
export class FileWindow {
  /** The window: a view of the reused buffer; valid until the next load or extend. */
  buf: Buffer = Buffer.alloc(0);
  /** Text offset of buf[0]. */
  base = 0;
  /** buf reaches the end of the text. */
  final = false;
  private store: Buffer = Buffer.alloc(0);
  private readonly fd: number;
  private readonly textEnd: number;

  constructor(private readonly text: RandomAccessText) {
    this.fd = openSync(text.path, 'r');
    this.textEnd = text.size - text.textStart;
  }

  /** Makes the window hold the text from `from` on, at least `bytes` of it (less at the end). */
  load(from: number, bytes: number): void {
    this.fill(from, 0, Math.max(0, Math.min(bytes, this.textEnd - from)));
  }

  /** Keeps the text from `keepFrom` and reads at least as much again after it (a value larger than the window doubles it). */
  extend(keepFrom: number, minBytes: number): void {
    const kept = this.base + this.buf.length - keepFrom;
    const length = Math.max(kept, Math.min(Math.max(minBytes, kept * 2), this.textEnd - keepFrom));
    this.fill(keepFrom, kept, length);
  }

  /** Reads text [from + kept, from + length) after the `kept` bytes of the window that start at `from`. */
  private fill(from: number, kept: number, length: number): void {
    if (this.store.length < length) {
      const grown = Buffer.allocUnsafe(Math.max(length, this.store.length * 2));
      this.buf.copy(grown, 0, this.buf.length - kept);
      this.store = grown;
    } else if (kept > 0) {
      this.store.copyWithin(0, from - this.base, from - this.base + kept);
    }
    let got = kept;
    while (got < length) {
      const n = readSync(this.fd, this.store, got, length - got, this.text.textStart + from + got);
      if (n === 0) break; // the file shrank under us: what was read is all there is
      got += n;
    }
    this.buf = this.store.subarray(0, got);
    this.base = from;
    this.final = from + got >= this.textEnd || got < length;
  }

  close(): void {
    closeSync(this.fd);
  }
}
