/** Murmur3's finalizer: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A set of 64-bit string hashes in one typed array (open addressing, linear probing): 8 bytes a
 * slot at most 70 % full, so about 12 bytes per id where a Set<string> of 26–90 character ids
 * costs well over 100. Two different ids may share a hash; callers use it only to find candidates
 * that they then check by the exact string.
 */
export class IdHashSet {
  private slots = new Uint32Array(2 * 1024);
  private mask = 1023;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The last hash computed, as two halves (kept in fields so hashing allocates nothing). */
  private lo = 0;
  private hi = 0;

  /** Adds the id's hash; false when that hash was already there (the same id, or a collision). */
  add(id: string): boolean {
    this.hash(id);
    return this.insert(this.lo, this.hi);
  }

  /** True when the id's hash is in the set (the id itself, or one that collides with it). */
  has(id: string): boolean {
    this.hash(id);
    const { lo, hi, slots } = this;
    for (let s = (hi ^ lo) & this.mask; ; s = (s + 1) & this.mask) {
      const l = slots[2 * s]!;
      if (l === 0) return false;
      if (l === lo && slots[2 * s + 1] === hi) return true;
    }
  }

  /** Two 32-bit hashes (FNV-1a and a multiply-shift one) over the UTF-16 code units, each finalized. */
  private hash(id: string): void {
    let lo = 0x811c9dc5;
    let hi = id.length ^ 0x5bd1e995;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      lo = Math.imul(lo ^ c, 0x01000193);
      hi = Math.imul(hi ^ c, 0x5bd1e995);
      hi ^= hi >>> 15;
    }
    this.lo = fmix32(lo) || 1; // 0 in the low half marks an empty slot
    this.hi = fmix32(hi ^ lo);
  }

  private insert(lo: number, hi: number): boolean {
    const slots = this.slots;
    for (let s = (hi ^ lo) & this.mask; ; s = (s + 1) & this.mask) {
      const l = slots[2 * s]!;
      if (l === 0) {
        slots[2 * s] = lo;
        slots[2 * s + 1] = hi;
        if (++this.count > this.mask * 0.7) this.grow();
        return true;
      }
      if (l === lo && slots[2 * s + 1] === hi) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = old.length - 1;
    this.count = 0;
    for (let s = 0; s < old.length; s += 2) if (old[s] !== 0) this.insert(old[s]!, old[s + 1]!);
  }
}
