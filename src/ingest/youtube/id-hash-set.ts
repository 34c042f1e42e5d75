import { fmix32, HashSet64 } from '../../hash-set-64.js';

/**
 * A set of string ids kept only as 64-bit hashes (HashSet64: 8–16 bytes an id). Two different
 * ids may share a hash; callers use it only to find candidates that they then check by the exact
 * string.
 */
export class IdHashSet {
  private readonly hashes = new HashSet64();
  /** The last hash computed, as two halves (kept in fields so hashing allocates nothing). */
  private lo = 0;
  private hi = 0;

  get size(): number {
    return this.hashes.size;
  }

  /** Adds the id's hash; false when that hash was already there (the same id, or a collision). */
  add(id: string): boolean {
    this.hash(id);
    return this.hashes.add(this.hi, this.lo);
  }

  /** True when the id's hash is in the set (the id itself, or one that collides with it). */
  has(id: string): boolean {
    this.hash(id);
    return this.hashes.has(this.hi, this.lo);
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
    this.lo = fmix32(lo);
    this.hi = fmix32(hi ^ lo);
  }
}
