import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { HashSet64 } from '../src/hash-set-64.js';

const key = (hi: number, lo: number) => `${hi | 0}:${lo | 0}`;

describe('HashSet64', () => {
  test('answers as a Set of the (hi, lo) pairs would, signed or unsigned halves alike', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }), fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 })), { maxLength: 300 }), (pairs) => {
        const set = new HashSet64();
        const model = new Set<string>();
        for (const [hi, lo] of pairs) {
          // (0, 0) is stored as (0, 1): the two are one hash to this set.
          const k = (hi | 0) === 0 && (lo | 0) === 0 ? key(0, 1) : key(hi, lo);
          expect(set.add(hi, lo)).toBe(!model.has(k));
          model.add(k);
          expect(set.has(hi >>> 0, lo >>> 0)).toBe(true);
        }
        expect(set.size).toBe(model.size);
      }),
    );
  });

  test('keeps every hash through each doubling of the table', () => {
    const set = new HashSet64();
    const n = 300_000;
    // Every third hash has its top four bits clear.
    const hiOf = (i: number) => (i % 3 === 0 ? Math.imul(i, 0x9e3779b1) & 0x0fffffff : Math.imul(i, 0x9e3779b1));
    for (let i = 1; i <= n; i++) expect(set.add(hiOf(i), i)).toBe(true);
    expect(set.size).toBe(n);
    for (let i = 1; i <= n; i++) {
      if (!set.has(hiOf(i), i) || set.add(hiOf(i), i)) throw new Error(`lost hash ${i}`);
      if (set.has(hiOf(i), -i)) throw new Error(`phantom hash ${-i}`);
    }
  });

  test('sized up front for the expected count, it takes them all', () => {
    const set = new HashSet64(100_000);
    for (let i = 0; i < 100_000; i++) set.add(Math.imul(i, 0x85ebca6b), i);
    expect(set.size).toBe(100_000);
  });
});
