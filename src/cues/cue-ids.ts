/**
 * Cue identifiers: derived from the message id, so they are stable across runs, and unique across
 * the whole presentation, because hls.js drops a later cue that reuses an id (hls.js#4563).
 * An id may not contain `-->`, CR or LF; percent-encoding keeps it on one safe token.
 */
export function makeCueIdAllocator(): (messageId: string) => string {
  const seen = new Map<string, number>();
  return (messageId) => {
    const base = `m${encodeURIComponent(messageId)}`;
    const count = seen.get(base);
    if (count === undefined) {
      seen.set(base, 1);
      return base;
    }
    seen.set(base, count + 1);
    // Two messages with one id (merged archives, a duplicated export): keep both, distinctly.
    return `${base}~${count + 1}`;
  };
}
