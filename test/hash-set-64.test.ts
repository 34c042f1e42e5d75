import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { HashSet64 } from '../src/hash-set-64.js';

const key = (hi: number, lo: number) => `${hi | 0}:${lo | 0}`;
const half = fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 });

/** Adds hashes 1..n, then checks each is there and none of n other hashes is; returns the table count. */
function fillAndCheck(set: HashSet64, n: number): number {
  // Every third hash has its top four bits clear; the low halves are sequential.
  const hiOf = (i: number) => (i % 3 === 0 ? Math.imul(i, 0x9e3779b1) & 0x0fffffff : Math.imul(i, 0x9e3779b1));
  for (let i = 1; i <= n; i++) if (!set.add(hiOf(i), i)) throw new Error(`hash ${i} taken as already there`);
  expect(set.size).toBe(n);
  for (let i = 1; i <= n; i++) {
    if (!set.has(hiOf(i), i) || set.add(hiOf(i), i)) throw new Error(`lost hash ${i}`);
    if (set.has(hiOf(i), -i)) throw new Error(`phantom hash ${-i}`);
  }
  expect(set.size).toBe(n);
  return set.tableCount;
}

describe('HashSet64', () => {
  test('answers as a Set of the (hi, lo) pairs would, signed or unsigned halves alike, across several tables', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(half, half), { maxLength: 300 }), fc.nat({ max: 1000 }), (pairs, filler) => {
        const set = new HashSet64();
        // Filler first, so that the pairs land in a second table and must be found across both.
        for (let i = 1; i <= filler; i++) set.add(0x7fffffff, -i);
        const model = new Set<string>();
        for (const [hi, lo] of pairs) {
          // (0, 0) is stored as (0, 1): the two are one hash to this set.
          const k = (hi | 0) === 0 && (lo | 0) === 0 ? key(0, 1) : key(hi, lo);
          expect(set.add(hi, lo)).toBe(!model.has(k));
          model.add(k);
          expect(set.has(hi >>> 0, lo >>> 0)).toBe(true);
        }
        expect(set.size).toBe(filler + model.size);
      }),
      { numRuns: 50 },
    );
  });

  test('tells apart hashes that share a half', () => {
    const set = new HashSet64();
    expect(set.add(0, 7)).toBe(true);
    expect(set.add(1, 7)).toBe(true);
    expect(set.add(1, 8)).toBe(true);
    expect(set.add(1, 7)).toBe(false);
    expect(set.has(2, 7)).toBe(false);
  });

  test('keeps every hash as it adds tables, and checks all of them', () => {
    // 65 536 slots, then 131 072 and 262 144, each taken to three-quarters: 344 064 hashes.
    expect(fillAndCheck(new HashSet64(), 300_000)).toBe(3);
  });
});
