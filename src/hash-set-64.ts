/**
 * A set of 64-bit hashes, given as two 32-bit halves: linear probing over one array of (hi, lo)
 * pairs, kept at most three-quarters full, with (0, 0) marking an empty slot (a hash that is (0, 0)
 * is stored as (0, 1)). 8 bytes a slot: where a Set<string> of ids costs over 100 bytes an id, this
 * costs 8–11. Cue ids (unique across the presentation) and the YouTube readers' first pass use it.
 */
export class HashSet64 {
  private capacity: number;
  private pairs: Int32Array;
  private count = 0;

  /** Sized for `expected` hashes up front when that is known: no rehashing on the way there. */
  constructor(expected = 0) {
    let capacity = 1 << 16;
    while (capacity * 3 < 4 * expected && capacity < 1 << 22) capacity *= 2;
    this.capacity = capacity;
    this.pairs = new Int32Array(2 * capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the hash; false when it was there already. */
  add(hi: number, lo: number): boolean {
    // Halves may come signed (Math.imul) or unsigned (>>> 0): stored as Int32, compared as Int32.
    const h = hi | 0;
    const l = h === 0 && (lo | 0) === 0 ? 1 : lo | 0;
    const slot = this.find(h, l);
    if (this.pairs[2 * slot] !== 0 || this.pairs[2 * slot + 1] !== 0) return false;
    this.pairs[2 * slot] = h;
    this.pairs[2 * slot + 1] = l;
    if (++this.count * 4 > this.capacity * 3) this.grow();
    return true;
  }

  has(hi: number, lo: number): boolean {
    const h = hi | 0;
    const l = h === 0 && (lo | 0) === 0 ? 1 : lo | 0;
    const slot = this.find(h, l);
    return this.pairs[2 * slot] !== 0 || this.pairs[2 * slot + 1] !== 0;
  }

  /** The slot holding (h, l), or the empty slot where it would go. */
  private find(h: number, l: number): number {
    const mask = this.capacity - 1;
    const pairs = this.pairs;
    let slot = (h ^ l) & mask;
    for (;;) {
      const sh = pairs[2 * slot]!;
      const sl = pairs[2 * slot + 1]!;
      if ((sh === h && sl === l) || (sh === 0 && sl === 0)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.pairs;
    this.capacity *= 2;
    this.pairs = new Int32Array(2 * this.capacity);
    for (let i = 0; i < old.length; i += 2) {
      const h = old[i]!;
      const l = old[i + 1]!;
      if (h === 0 && l === 0) continue;
      const slot = this.find(h, l);
      this.pairs[2 * slot] = h;
      this.pairs[2 * slot + 1] = l;
    }
  }
}
