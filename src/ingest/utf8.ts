import { isUtf8 } from 'node:buffer';

/**
 * Checking that an archive's text is UTF-8. The JSON readers decode strings with Buffer's UTF-8
 * decoder, which turns any invalid byte into U+FFFD: a Korean Windows (CP949) save became a
 * packaged track of mojibake, exit 0. `isUtf8` (simdutf) checks a 1 MB chunk in well under a
 * millisecond; the byte-by-byte search for where it fails runs only once it has failed.
 */

/** How many bytes a sequence with this lead byte has; 0 for a byte no sequence starts with. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Where the first ill-formed sequence of `bytes` starts (its lead byte, or a stray continuation
 * byte), by the WHATWG decoder's rules (no overlongs, surrogates or code points past U+10FFFF);
 * `bytes.length` when there is none, and a sequence cut off by the end counts as ill-formed.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const length = sequenceLength(lead);
    if (length === 1) {
      i++;
      continue;
    }
    if (length === 0 || i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return bytes.length;
}

/**
 * Where a character cut off by the end of `bytes` starts, so it can be checked whole with the next
 * chunk; `bytes.length` when the last character is complete (or not UTF-8 at all, which the check
 * of the bytes before will say).
 */
export function incompleteTail(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let i = end - 1; i >= 0 && i >= end - 3; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue;
    const length = sequenceLength(b);
    return length > 1 && i + length > end ? i : end;
  }
  return end;
}

/** The hint every not-UTF-8 error ends with. */
const RESAVE = 're-save the file as UTF-8 (a Windows "ANSI" save, such as Korean CP949, is not UTF-8)';

/**
 * `not UTF-8 text: invalid byte 0xc7 at byte 1234; re-save …`, for bytes that are not UTF-8 and
 * whose first byte is at text offset `offset`. The checks hand over a cut-off character at their
 * end only when it is the end of the text: that is said as such.
 */
export function notUtf8Message(bytes: Uint8Array, offset: number): NotUtf8 {
  const at = firstInvalidUtf8(bytes);
  const lead = bytes[at]!;
  if (at + sequenceLength(lead) > bytes.length && bytes.subarray(at + 1).every((b) => (b & 0xc0) === 0x80)) {
    return { message: `not UTF-8 text: it ends in the middle of a character (byte 0x${hex(lead)} at byte ${offset + at} starts one; truncated?)`, offset: offset + at };
  }
  return { message: `not UTF-8 text: invalid byte 0x${hex(lead)} at byte ${offset + at}; ${RESAVE}`, offset: offset + at };
}

const hex = (b: number) => b.toString(16).padStart(2, '0');

/** Where a check found text that is not UTF-8. */
export interface NotUtf8 {
  message: string;
  /** The text offset of the byte at fault. */
  offset: number;
}

/**
 * Checks text already in memory whose first byte is at text offset `offset`: undefined when it is
 * UTF-8 (a character cut off by its end counts as not).
 */
export function checkUtf8(bytes: Uint8Array, offset: number): NotUtf8 | undefined {
  return isUtf8(bytes) ? undefined : notUtf8Message(bytes, offset);
}

/**
 * Checks a stream of text chunks, in order: a character split between two chunks is checked once
 * both are in. Chunks may be reused buffers (io/file-chunks.ts): the few carried bytes are copied.
 */
export class Utf8StreamCheck {
  /** The start of a character cut off by the last chunk's end (at most 3 bytes), at offset − carry.length. */
  private carry: Buffer | undefined;

  /** `offset`: the text offset of the first chunk's first byte. */
  constructor(private offset = 0) {}

  /** Undefined when the chunk, and any character it completes, are UTF-8. */
  push(chunk: Uint8Array): NotUtf8 | undefined {
    let start = 0;
    if (this.carry !== undefined) {
      const carry = this.carry;
      const need = sequenceLength(carry[0]!) - carry.length;
      const joined = Buffer.concat([carry, chunk.subarray(0, need)]);
      if (joined.length < carry.length + need) {
        // The chunk is shorter than the rest of the character: carry on.
        this.carry = joined;
        this.offset += chunk.length;
        return undefined;
      }
      if (!isUtf8(joined)) return notUtf8Message(joined, this.offset - carry.length);
      this.carry = undefined;
      start = need;
    }
    const body = chunk.subarray(start);
    const end = incompleteTail(body);
    const complete = body.subarray(0, end);
    if (!isUtf8(complete)) return notUtf8Message(complete, this.offset + start);
    if (end < body.length) this.carry = Buffer.from(body.subarray(end));
    this.offset += chunk.length;
    return undefined;
  }

  /** The end of the text: undefined unless it ends inside a character. */
  end(): NotUtf8 | undefined {
    if (this.carry === undefined) return undefined;
    return notUtf8Message(this.carry, this.offset - this.carry.length);
  }
}
