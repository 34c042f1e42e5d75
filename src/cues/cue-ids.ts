/**
 * Cue identifiers: derived from the message id, so they are stable across runs, and unique across
 * the whole presentation, because hls.js drops a later cue that reuses an id (hls.js#4563).
 * An id may not contain `-->`, CR or LF; percent-encoding keeps it one safe token (lone surrogates
 * are made well-formed first: encodeURIComponent throws on them).
 */
export function makeCueIdAllocator(): (messageId: string) => string {
  const taken = new Set<string>();
  return (messageId) => {
    const base = `m${encodeURIComponent(messageId.toWellFormed())}`;
    let id = base;
    // Two messages with one id (merged archives, a duplicated export) both stay, distinctly; the
    // suffix skips ids another message already has (`a`, `a`, `a~2`).
    for (let n = 2; taken.has(id); n++) id = `${base}~${n}`;
    taken.add(id);
    return id;
  };
}
