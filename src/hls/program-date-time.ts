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
 * Maps a wall-clock instant to ms on the video timeline through PROGRAM-DATE-TIME:
 * - inside a dated segment's [PDT, PDT + duration): that segment's place plus the offset;
 * - between two dated segments (the encoder stopped, then a discontinuity): the start of the next
 *   one, so chat sent while nothing was recorded shows when the video resumes. Extrapolating from
 *   an earlier segment put it inside the next session, as late as the gap was long;
 * - before the first or after the last: extrapolated from that segment (pre-roll, or past the end:
 *   the pipeline drops and counts those).
 * A binary search over the segments sorted by date: called once per message, over up to tens of
 * thousands of segments.
 */
export function mapperFromAnchors(dated: readonly ProgramDateTimeAnchor[]): ((epochMs: number) => number | undefined) | undefined {
  if (dated.length === 0) return undefined;
  const byDate = [...dated].sort((a, b) => a.programDateTimeMs - b.programDateTimeMs);
  return (epochMs) => {
    // The last segment dated at or before the instant.
    let low = 0;
    let high = byDate.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (byDate[mid]!.programDateTimeMs <= epochMs) low = mid + 1;
      else high = mid;
    }
    if (low === 0) return byDate[0]!.startUs / 1000 + (epochMs - byDate[0]!.programDateTimeMs);
    const holder = byDate[low - 1]!;
    const offset = epochMs - holder.programDateTimeMs;
    const next = byDate[low];
    if (offset * 1000 < holder.durationUs || next === undefined) return holder.startUs / 1000 + offset;
    return next.startUs / 1000;
  };
}
