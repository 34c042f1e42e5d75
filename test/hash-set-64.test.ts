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

  test('sized up front for the expected count, it takes them all in one table', () => {
    expect(fillAndCheck(new HashSet64(100_000), 100_000)).toBe(1);
    expect(fillAndCheck(new HashSet64(Number.NaN), 1000)).toBe(1);
  });

  test('with an estimate, sizes the table after a full one for the rest of it', () => {
    const n = 300_000;
    expect(fillAndCheck(new HashSet64(0, () => n), n)).toBe(2);
    // A fifth too low: asked again when the second table fills, it sizes a third.
    let asked = 0;
    expect(fillAndCheck(new HashSet64(0, () => (++asked === 1 ? 0.8 * n : n)), n)).toBe(3);
    // No estimate yet (0), or none that makes sense: tables double, as without one.
    for (const estimate of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) expect(fillAndCheck(new HashSet64(0, () => estimate), n)).toBe(3);
  });

  test('an estimate cannot make a table smaller than twice the last, nor far bigger', () => {
    // Always just above the count: without the floor this made a small table every 49 152 adds.
    let added = 0;
    const set: HashSet64 = new HashSet64(0, (): number => added + 1);
    const add = set.add.bind(set);
    set.add = (hi, lo) => (add(hi, lo) ? (added++, true) : false);
    expect(fillAndCheck(set, 300_000)).toBe(3);
    // A wild estimate (a reader misled about bytes) is capped at 64 times the last table.
    const wild = new HashSet64(0, () => 1e12);
    expect(fillAndCheck(wild, 50_000)).toBe(1); // 64 × 65 536 slots: it takes in the first table
  });

  test('a table at least eight times the others takes in their entries: lookups check one table', () => {
    // 600 000 × 1.1 / 0.75 = 880 000 slots after the first table's 65 536 fill.
    expect(fillAndCheck(new HashSet64(0, () => 600_000), 600_000)).toBe(1);
    // Twice as big is not enough: copying would have both alive at once, for a lookup saved.
    expect(fillAndCheck(new HashSet64(0, () => 300_000), 300_000)).toBe(2);
  });

  test('answers as a Set would across tables added and taken in, whatever the estimate', () => {
    // 150 000 adds drawn from 100 000 hashes (a third are repeats), (0, 0) and (0, 1) among them,
    // with estimates that size the second table small, right, wild or not at all.
    const n = 150_000;
    for (const estimate of [0, n, 10 * n, 1e12, Number.NaN, 77_777]) {
      let seed = 12345;
      const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);
      const set = new HashSet64(0, () => estimate);
      const model = new Set<string>();
      for (let i = 0; i < n; i++) {
        const k = (next() >>> 0) % 100_000;
        const [hi, lo] = k === 0 ? [0, 0] : k === 1 ? [0, 1] : [Math.imul(k, 0x9e3779b1), k];
        const id = key(hi, hi === 0 && lo === 0 ? 1 : lo);
        if (set.add(hi, lo) !== !model.has(id)) throw new Error(`estimate ${estimate}: add ${i} (${id}) disagrees with the model`);
        model.add(id);
      }
      expect(set.size).toBe(model.size);
      for (let k = 0; k < 100_000; k++) {
        const [hi, lo] = k === 0 ? [0, 0] : k === 1 ? [0, 1] : [Math.imul(k, 0x9e3779b1), k];
        if (set.has(hi, lo) !== model.has(key(hi, hi === 0 && lo === 0 ? 1 : lo))) throw new Error(`estimate ${estimate}: has ${k} disagrees`);
      }
    }
  });

  test('entries taken in count against the new table\'s room', () => {
    // The first table fills at 49 152; the rest, 550 848 × 1.1 / 0.75, makes 807 911 slots, which
    // hold 605 933 hashes at three-quarters, the 49 152 taken in included.
    const set = new HashSet64(0, () => 600_000);
    for (let i = 1; i <= 605_933; i++) set.add(i, Math.imul(i, 0x9e3779b1));
    expect(set.tableCount).toBe(1);
    set.add(0, 1);
    expect(set.tableCount).toBe(2);
  });
});
