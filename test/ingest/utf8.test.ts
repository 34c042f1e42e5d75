import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { firstInvalidUtf8, incompleteTail, notUtf8Message, Utf8StreamCheck } from '../../src/ingest/utf8.js';

const fatal = new TextDecoder('utf-8', { fatal: true });
const isUtf8ByDecoder = (bytes: Uint8Array) => {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Mostly valid UTF-8 (any code point), with now and then a byte that may break it. */
const textish = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }).map((s) => [...Buffer.from(s, 'utf8')]) },
      { weight: 1, arbitrary: fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 3 }) },
    ),
    { maxLength: 20 },
  )
  .map((parts) => Uint8Array.from(parts.flat()));

/** `bytes` cut at the given (sorted, deduplicated) points. */
function cut(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  return chunks;
}

describe('UTF-8 checks', () => {
  test('firstInvalidUtf8 agrees with a fatal TextDecoder, and points where the decoder first gives up', () => {
    fc.assert(
      fc.property(textish, (bytes) => {
        const at = firstInvalidUtf8(bytes);
        expect(at === bytes.length).toBe(isUtf8ByDecoder(bytes));
        if (at < bytes.length) {
          expect(isUtf8ByDecoder(bytes.subarray(0, at))).toBe(true);
          // The decoder's replacement starts at the same byte: everything before it decodes alike.
          expect(new TextDecoder().decode(bytes).startsWith(new TextDecoder().decode(bytes.subarray(0, at)))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('a stream checked in any chunks finds what a check of the whole finds, at the same offset', () => {
    fc.assert(
      fc.property(textish, fc.array(fc.nat(), { maxLength: 8 }), (bytes, points) => {
        const check = new Utf8StreamCheck();
        let bad;
        for (const chunk of cut(bytes, points)) if ((bad ??= check.push(chunk)) !== undefined) break;
        bad ??= check.end();
        const whole = firstInvalidUtf8(bytes);
        if (whole === bytes.length) expect(bad).toBeUndefined();
        else expect(bad?.offset).toBe(whole);
      }),
      { numRuns: 2000 },
    );
  });

  test('the cut-off character at a chunk end is carried; the message names the byte and where it is', () => {
    const han = Buffer.from('한', 'utf8');
    expect(incompleteTail(Buffer.concat([Buffer.from('ab'), han.subarray(0, 2)]))).toBe(2);
    expect(incompleteTail(Buffer.concat([Buffer.from('ab'), han]))).toBe(5);
    expect(notUtf8Message(Buffer.from([0x7b, 0xc7, 0xd1]), 100)).toEqual({
      message: 'not UTF-8 text: invalid byte 0xc7 at byte 101; re-save the file as UTF-8 (a Windows "ANSI" save, such as Korean CP949, is not UTF-8)',
      offset: 101,
    });
    expect(notUtf8Message(Buffer.from([0x7b, 0xed, 0x95]), 0).message).toBe('not UTF-8 text: it ends in the middle of a character (byte 0xed at byte 1 starts one; truncated?)');
  });
});
