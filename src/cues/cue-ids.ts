/**
 * Cue identifiers: derived from the message id, so they are stable across runs, and unique across
 * the whole presentation, because hls.js drops a later cue that reuses an id (hls.js#4563).
 * An id may not contain `-->`, CR or LF; percent-encoding keeps it one safe token (lone surrogates
 * are made well-formed first: encodeURIComponent throws on them).
 *
 * Taken ids are remembered as 64-bit hashes in an open-addressing table: 8–16 bytes a message
 * instead of a Set entry plus its string (~120 bytes), so a million messages cost 16 MB, not 120 MB.
 * Two distinct ids with one hash (p ≈ 3·10⁻⁸ at a million) only give one of them a `~2` suffix:
 * still unique and still stable, since the same input gives the same ids.
 */
const URI_SAFE = /^[A-Za-z0-9\-_.!~*'()]*$/;

function createHashSet() {
  let capacity = 1 << 16;
  let hi = new Int32Array(capacity);
  let lo = new Int32Array(capacity);
  let used = new Uint8Array(capacity);
  let size = 0;
  const find = (h: number, l: number): number => {
    let slot = (h ^ l) & (capacity - 1);
    while (used[slot] && (hi[slot] !== h || lo[slot] !== l)) slot = (slot + 1) & (capacity - 1);
    return slot;
  };
  const grow = () => {
    const [oh, ol, ou] = [hi, lo, used];
    capacity *= 2;
    hi = new Int32Array(capacity);
    lo = new Int32Array(capacity);
    used = new Uint8Array(capacity);
    for (let i = 0; i < ou.length; i++) {
      if (!ou[i]) continue;
      const slot = find(oh[i]!, ol[i]!);
      used[slot] = 1;
      hi[slot] = oh[i]!;
      lo[slot] = ol[i]!;
    }
  };
  return {
    /** Adds the id; false when it (or, rarely, an id with the same 64-bit hash) was there already. */
    add(id: string): boolean {
      // Two 32-bit multiplicative hashes over the UTF-16 code units.
      let h = 0x811c9dc5 | 0;
      let l = 0x01000193 | 0;
      for (let i = 0; i < id.length; i++) {
        const c = id.charCodeAt(i);
        h = Math.imul(h ^ c, 0x01000193);
        l = Math.imul(l ^ c, 0x5bd1e995) ^ (l >>> 15);
      }
      const slot = find(h, l);
      if (used[slot]) return false;
      used[slot] = 1;
      hi[slot] = h;
      lo[slot] = l;
      if (++size * 2 > capacity) grow();
      return true;
    },
  };
}

export function makeCueIdAllocator(): (messageId: string) => string {
  const taken = createHashSet();
  return (messageId) => {
    const wellFormed = messageId.toWellFormed();
    const base = `m${URI_SAFE.test(wellFormed) ? wellFormed : encodeURIComponent(wellFormed)}`;
    // Two messages with one id (merged archives, a duplicated export) both stay, distinctly; the
    // suffix skips ids another message already has (`a`, `a`, `a~2`).
    let id = base;
    for (let n = 2; !taken.add(id); n++) id = `${base}~${n}`;
    return id;
  };
}
