/**
 * A small seeded PRNG (mulberry32): the same seed gives the same archives on every machine and
 * Node version, so results from different runs measure the code, not the data.
 */
export function createRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Integer in [0, n). */
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Exponential with the given mean: gaps between independent chat messages. */
    exp: (mean) => -Math.log(1 - next()) * mean,
    hex: (digits) => {
      let s = '';
      for (let i = 0; i < digits; i++) s += '0123456789abcdef'[Math.floor(next() * 16)];
      return s;
    },
    uuid() {
      return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${'89ab'[Math.floor(next() * 4)]}${this.hex(3)}-${this.hex(12)}`;
    },
  };
}
