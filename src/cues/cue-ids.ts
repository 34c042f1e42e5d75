/**
 * Cue identifiers for `--layout message`: `m<startMs>`, and `m<startMs>.<n>` for the n-th cue that
 * starts in the same millisecond (n ≥ 2).
 *
 * They must be unique across the whole presentation, because hls.js drops a later cue that reuses
 * an id (hls.js#4563), and a cue repeated in several segments must keep one id. Ids built from the
 * start time are unique by construction, given starts that never go back (the layout's are
 * non-decreasing): only cues of one millisecond can meet, and they come one after another, so one
 * counter suffices. Until the ninth session ids were `m<message id>`, which needed a set of every
 * id taken (8 bytes a message, 11.7 MB at a million, the one thing that still grew with the
 * broadcast) and were 37 characters long for TwitchDownloader's UUIDs, a third of each cue block.
 * Like the window layout's `w<startMs>`, these ids are the same on every run of the same input.
 * A message dropped by a rule change renumbers the later cues of its millisecond (`m1000.2` then
 * names what was `m1000.3`); message-id ids did not, but such a change moves the ends of the cues
 * around it either way, so segments of two runs were never meant to be mixed.
 */
export function makeCueIdAllocator(): (startMs: number) => string {
  let lastStartMs = Number.NEGATIVE_INFINITY;
  let sameStart = 0;
  return (startMs) => {
    if (startMs < lastStartMs) throw new RangeError(`cue ids: start ${startMs} ms comes after ${lastStartMs} ms`);
    if (startMs !== lastStartMs) {
      lastStartMs = startMs;
      sameStart = 1;
      return `m${startMs}`;
    }
    return `m${startMs}.${++sameStart}`;
  };
}
