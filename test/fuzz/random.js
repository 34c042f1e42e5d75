/**
 * The fuzzer's seeded randomness. Every case gets its own generator derived from (seed, case), so a
 * failing case replays alone with `--seed S --case K`, whatever ran before it.
 */

/** mulberry32: small, fast, and good enough to explore inputs (not for anything secret). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes the run seed and the case number into one 32-bit seed (splitmix-style finaliser). */
export function caseSeed(seed, caseNumber) {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(caseNumber + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** A generator with the helpers the fuzz generators use. */
export function makeRandom(seed) {
  const next = mulberry32(seed);
  const r = {
    next,
    /** Integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    /** Picks by weight: `[[weight, value], ...]`. */
    weighted: (pairs) => {
      const total = pairs.reduce((n, [w]) => n + w, 0);
      let x = next() * total;
      for (const [w, v] of pairs) {
        if ((x -= w) < 0) return v;
      }
      return pairs[pairs.length - 1][1];
    },
    shuffle: (items) => {
      const a = [...items];
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [a[i], a[j]] = [a[j], a[i]];
      }
      return a;
    },
  };
  return r;
}
