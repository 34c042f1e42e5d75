import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SHORT_STRING, ShortStringCache } from '../../../src/ingest/json/short-strings.js';

describe('ShortStringCache', () => {
  test('returns what utf8 decoding returns, for repeated, colliding and malformed byte strings', () => {
    const cache = new ShortStringCache();
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: SHORT_STRING }), { minLength: 1, maxLength: 50 }), fc.array(fc.nat(), { maxLength: 200 }), (pool, picks) => {
        for (const pick of [...pool.keys(), ...picks]) {
          const bytes = Buffer.from(pool[pick % pool.length]!);
          // Offset inside a larger buffer, as the cursor calls it.
          const buf = Buffer.concat([Buffer.from('xx'), bytes, Buffer.from('"')]);
          expect(cache.get(buf, 2, 2 + bytes.length)).toBe(bytes.toString('utf8'));
        }
      }),
      { numRuns: 300 },
    );
  });

  test('many distinct strings (far more than slots) all decode right', () => {
    const cache = new ShortStringCache();
    for (let n = 0; n < 100_000; n++) {
      const bytes = Buffer.from(`u${n.toString(36)}`);
      expect(cache.get(bytes, 0, bytes.length)).toBe(`u${n.toString(36)}`);
    }
  });
});
