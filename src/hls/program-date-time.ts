/**
 * PROGRAM-DATE-TIME anchors and the mapping from wall-clock time they give. A module of its own
 * because the reading worker needs the mapping: importing it from video-timeline.ts loaded
 * m3u8-parser there too (~40 ms of the worker's start, which is on every run's critical path).
 */

/** A segment's PROGRAM-DATE-TIME and where it sits on the timeline: plain data, so it can cross to a worker. */
export interface ProgramDateTimeAnchor {
  programDateTimeMs: number;
  startUs: number;
  durationUs: number;
}

/**
 * Maps a wall-clock instant to ms on the video timeline through PROGRAM-DATE-TIME: the segment
 * whose [PDT, PDT + duration) holds it, else extrapolated from the first dated segment.
 */
export function mapperFromAnchors(dated: readonly ProgramDateTimeAnchor[]): ((epochMs: number) => number | undefined) | undefined {
  if (dated.length === 0) return undefined;
  return (epochMs) => {
    for (const s of dated) {
      const offset = epochMs - s.programDateTimeMs;
      if (offset >= 0 && offset * 1000 < s.durationUs) return s.startUs / 1000 + offset;
    }
    const first = dated[0]!;
    return first.startUs / 1000 + (epochMs - first.programDateTimeMs);
  };
}
