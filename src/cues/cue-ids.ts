/**
 * Cue identifiers: derived from the message id, so they are stable across runs, and unique across
 * the whole presentation, because hls.js drops a later cue that reuses an id (hls.js#4563).
 * An id may not contain `-->`, CR or LF; percent-encoding keeps it one safe token (lone surrogates
 * are made well-formed first: encodeURIComponent throws on them).
 *
 * Taken ids are remembered as 64-bit hashes in a HashSet64: 8–16 bytes a message instead of a Set
 * entry plus its string (~120 bytes), so a million messages cost 12 MB, not 120 MB. Two distinct
 * ids with one hash (p ≈ 3·10⁻⁸ at a million) only give one of them a `~2` suffix: still unique
 * and still stable, since the same input gives the same ids, however the set was sized.
 */

import { HashSet64 } from '../hash-set-64.js';

// The characters encodeURIComponent leaves alone: `A–Z a–z 0–9 - _ . ! ~ * ' ( )`.
const URI_SAFE = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()") URI_SAFE[c.charCodeAt(0)] = 1;

/**
 * Two 32-bit multiplicative hashes over the UTF-16 code units, folded left to right, so the hash of
 * `m` + id and of `base~2` continue from a prefix's hash instead of starting over.
 */
class IdHash {
  hi = 0;
  lo = 0;

  reset(): void {
    this.hi = 0x811c9dc5 | 0;
    this.lo = 0x01000193 | 0;
  }

  /**
   * Folds `text` in; true when every character is URI-safe. Nearly every message id is, and
   * checking in the same pass saves a second scan of each id.
   */
  update(text: string): boolean {
    let h = this.hi;
    let l = this.lo;
    let safe = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      safe &= c < 128 ? URI_SAFE[c]! : 0;
      h = Math.imul(h ^ c, 0x01000193);
      // xorshift of the product, not of the previous state: each step stays one-to-one.
      l = Math.imul(l ^ c, 0x5bd1e995);
      l ^= l >>> 15;
    }
    this.hi = h;
    this.lo = l;
    return safe === 1;
  }
}

/**
 * `expectedIds`: how many ids will be allocated, when known (the set then needs one table), or an
 * estimate to ask for when one of the set's tables fills (see HashSet64).
 */
export function makeCueIdAllocator(expectedIds: number | (() => number) = 0): (messageId: string) => string {
  const taken = typeof expectedIds === 'number' ? new HashSet64(expectedIds) : new HashSet64(0, expectedIds);
  const hash = new IdHash();
  return (messageId) => {
    hash.reset();
    hash.update('m');
    // A URI-safe id (hence well-formed) is used as it is; any other is encoded and hashed anew.
    let base = `m${messageId}`;
    if (!hash.update(messageId)) {
      base = `m${encodeURIComponent(messageId.toWellFormed())}`;
      hash.reset();
      hash.update(base);
    }
    if (taken.add(hash.hi, hash.lo)) return base;
    // Two messages with one id (merged archives, a duplicated export) both stay, distinctly; the
    // suffix skips ids another message already has (`a`, `a`, `a~2`).
    const baseHi = hash.hi;
    const baseLo = hash.lo;
    for (let n = 2; ; n++) {
      const suffix = `~${n}`;
      hash.hi = baseHi;
      hash.lo = baseLo;
      hash.update(suffix);
      if (taken.add(hash.hi, hash.lo)) return base + suffix;
    }
  };
}
