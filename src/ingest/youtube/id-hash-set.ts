import { HashSet64 } from '../../hash-set-64.js';
import { StringHash64 } from '../../string-hash-64.js';

/**
 * A set of string ids kept only as 64-bit hashes (HashSet64: 8–16 bytes an id). Two different
 * ids may share a hash; callers use it only to find candidates that they then check by the exact
 * string.
 */
export class IdHashSet {
  private readonly hashes = new HashSet64();
  private readonly hash = new StringHash64();

  get size(): number {
    return this.hashes.size;
  }

  /** Adds the id's hash; false when that hash was already there (the same id, or a collision). */
  add(id: string): boolean {
    this.hash.update(id);
    return this.hashes.add(this.hash.hi, this.hash.lo);
  }

  /** True when the id's hash is in the set (the id itself, or one that collides with it). */
  has(id: string): boolean {
    this.hash.update(id);
    return this.hashes.has(this.hash.hi, this.hash.lo);
  }
}
