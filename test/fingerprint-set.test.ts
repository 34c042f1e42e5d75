import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FingerprintSet } from '../src/fingerprint-set.js';

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 });

describe('FingerprintSet', () => {
  test('answers as a Set of the (hi, lo) pairs would while the low halves differ, signed or unsigned alike', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(int32, int32), { maxLength: 300, selector: ([, lo]) => lo | 0 || 1 }), fc.array(fc.nat()), (pairs, repeats) => {
        const set = new FingerprintSet();
        for (const [hi, lo] of pairs) expect(set.add(hi, lo)).toBe(true);
        // Every pair again, halves as unsigned this time: each one is there.
        for (const i of repeats) {
          if (pairs.length === 0) break;
          const [hi, lo] = pairs[i % pairs.length]!;
          expect(set.add(hi >>> 0, lo >>> 0)).toBe(false);
        }
        expect(set.size).toBe(pairs.length);
      }),
    );
  });

  test('tells apart equal low halves whose high halves put them on different probe paths, not those on one', () => {
    const set = new FingerprintSet();
    // The high half picks the slot out of 65 536: 0 and 1 share slot 0, 2³¹ is half-way along.
    expect(set.add(0, 7)).toBe(true);
    expect(set.add(2 ** 31, 7)).toBe(true);
    expect(set.add(1, 7)).toBe(false);
    // A low half of 0 is stored as 1.
    expect(set.add(2 ** 30, 0)).toBe(true);
    expect(set.add(2 ** 30, 1)).toBe(false);
    expect(set.size).toBe(3);
  });

  test('keeps every hash as it adds tables, and checks all of them', () => {
    const set = new FingerprintSet();
    const n = 300_000;
    const hiOf = (i: number) => Math.imul(i, 0x9e3779b1);
    const loOf = (i: number) => Math.imul(i ^ (i >>> 7), 0x85ebca6b) ^ i;
    for (let i = 1; i <= n; i++) if (!set.add(hiOf(i), loOf(i))) throw new Error(`hash ${i} taken as already there`);
    expect(set.size).toBe(n);
    // 65 536 slots, then 131 072 and 262 144, each taken to three-quarters: 344 064 hashes.
    expect(set.tableCount).toBe(3);
    for (let i = 1; i <= n; i++) if (set.add(hiOf(i), loOf(i))) throw new Error(`lost hash ${i}`);
    expect(set.size).toBe(n);
  });

  test('sized up front for the expected count, it takes them all in one table', () => {
    const set = new FingerprintSet(100_000);
    for (let i = 0; i < 100_000; i++) set.add(Math.imul(i, 0x85ebca6b), i + 1);
    expect(set.size).toBe(100_000);
    expect(set.tableCount).toBe(1);
  });

  test('with an estimate, sizes the table after the first for the rest of it, and still keeps every hash when it is low', () => {
    const n = 300_000;
    const hiOf = (i: number) => Math.imul(i, 0x9e3779b1);
    const fill = (set: FingerprintSet) => {
      for (let i = 1; i <= n; i++) if (!set.add(hiOf(i), i)) throw new Error(`hash ${i} taken as already there`);
      for (let i = 1; i <= n; i++) if (set.add(hiOf(i), i)) throw new Error(`lost hash ${i}`);
      return set.tableCount;
    };
    expect(fill(new FingerprintSet(0, () => n))).toBe(2);
    // A fifth too low: the estimate asked again when the second table fills sizes a third.
    let asked = 0;
    expect(fill(new FingerprintSet(0, () => (++asked === 1 ? 0.8 * n : n)))).toBe(3);
    // No estimate yet (0): tables double, as without one.
    expect(fill(new FingerprintSet(0, () => 0))).toBe(3);
  });
});
