import { closeSync, openSync, readSync } from 'node:fs';
import type { RandomAccessText } from '../types.js';

/**
 * A window of an archive's text read straight from the file at any offset. Offsets are text
 * offsets (file offset minus `textStart`), the ones JSON error messages report. Reads are
 * synchronous: the threads that use this have nothing else to do meanwhile, and a block of a few
 * MB comes from the page cache in a few milliseconds.
 */
export class FileWindow {
  buf: Buffer = Buffer.alloc(0);
  /** Text offset of buf[0]. */
  base = 0;
  /** buf reaches the end of the text. */
  final = false;
  private readonly fd: number;
  private readonly textEnd: number;

  constructor(private readonly text: RandomAccessText) {
    this.fd = openSync(text.path, 'r');
    this.textEnd = text.size - text.textStart;
  }

  /** Makes the window hold the text from `from` on, at least `bytes` of it (less at the end). */
  load(from: number, bytes: number): void {
    const length = Math.max(0, Math.min(bytes, this.textEnd - from));
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, buf, got, length - got, this.text.textStart + from + got);
      if (n === 0) break; // the file shrank under us: what was read is all there is
      got += n;
    }
    this.buf = got === length ? buf : buf.subarray(0, got);
    this.base = from;
    this.final = from + got >= this.textEnd || got < length;
  }

  /** Keeps the text from `keepFrom` and reads at least as much again after it (a value larger than the window doubles it). */
  extend(keepFrom: number, minBytes: number): void {
    const held = this.base + this.buf.length - keepFrom;
    this.load(keepFrom, Math.max(minBytes, held * 2));
  }

  close(): void {
    closeSync(this.fd);
  }
}
