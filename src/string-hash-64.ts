import { fmix32 } from './hash-set-64.js';

/**
 * A 64-bit hash of a string's UTF-16 code units, as two 32-bit halves (FNV-1a and a multiply-shift
 * hash, each finalized), in `hi` and `lo` after `update`: fields rather than a returned pair, so
 * hashing a million strings allocates nothing. Used for the YouTube readers' id set and for
 * validate's digest of each identified cue block.
 */
export class StringHash64 {
  hi = 0;
  lo = 0;

  update(text: string): void {
    let lo = 0x811c9dc5;
    let hi = text.length ^ 0x5bd1e995;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      lo = Math.imul(lo ^ c, 0x01000193);
      hi = Math.imul(hi ^ c, 0x5bd1e995);
      hi ^= hi >>> 15;
    }
    this.lo = fmix32(lo);
    this.hi = fmix32(hi ^ lo);
  }
}
