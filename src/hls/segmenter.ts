import type { Cue } from '../cues/cue.js';
import type { TimelineSegment, VideoTimeline } from './video-timeline.js';

/** A cue as placed on the timeline: its end possibly clipped, once, before its first segment. */
export interface PlacedCue extends Cue {
  /** Discontinuity domain the cue lives in (it never crosses into the next one). */
  domain: number;
  /** The printed cue block, filled by the writer the first time the cue is written. */
  block: string | undefined;
}

export interface SegmentCues {
  segment: TimelineSegment;
  /** Every cue overlapping the segment's window, with its full times, sorted by start. */
  cues: PlacedCue[];
}

export interface SegmenterStats {
  /** Cues starting at or after the end of the video (dropped). */
  droppedPastEnd: number;
  /** Cues whose end was cut at the end of the video or at a discontinuity. */
  clipped: number;
}

/**
 * Cuts cues onto the video's own segment timeline: one output per video segment, holding every
 * cue that overlaps `[start, start + EXTINF)` with its full start and end (RFC 8216bis §3.1.4), so
 * a cue spanning a boundary is repeated in every segment it touches. Streams: cues must arrive
 * sorted by start, and only the cues still on screen are held.
 *
 * A cue's end is cut at the video's end and at the next EXT-X-DISCONTINUITY: each discontinuity
 * domain has its own timestamp map, and a cue repeated across two domains would be shown twice by
 * hls.js (it prefixes cue ids with the domain). A cue that starts in a domain's last fraction of a
 * millisecond (a domain of 6.006006 s segments ends between two) has no whole millisecond left
 * there: it is shown from the next domain's first whole millisecond instead, as chat sent while
 * the video was cut shows when it resumes.
 */
export function* segmentCuesOnTimeline(
  cues: Iterable<Cue>,
  timeline: VideoTimeline,
  stats: SegmenterStats,
  /** Told every cue as it is taken, before it is placed or dropped. */
  onCue?: (cue: Cue) => void,
): Generator<SegmentCues> {
  // Where each domain ends, in µs: the start of the next domain, or the end of the video.
  const domainEndUs: number[] = [];
  for (const s of timeline.segments) domainEndUs[s.domain] = s.startUs + s.durationUs;

  const videoEndUs = timeline.segments.length > 0 ? timeline.segments.at(-1)!.startUs + timeline.segments.at(-1)!.durationUs : 0;

  const iterator = cues[Symbol.iterator]();
  let next = iterator.next();
  const active: PlacedCue[] = [];
  /** Cues moved past a domain's end, in start order, each starting no later than any cue still to come. */
  let deferred: Cue[] = [];

  for (const segment of timeline.segments) {
    const windowStartUs = segment.startUs;
    const windowEndUs = segment.startUs + segment.durationUs;
    // Cues that ended before this window are done: compacted in place, once per segment.
    let kept = 0;
    for (let i = 0; i < active.length; i++) {
      const c = active[i]!;
      if (c.endMs * 1000 > windowStartUs) active[kept++] = c;
    }
    active.length = kept;
    const domainEnd = domainEndUs[segment.domain]!;
    if (deferred.length > 0) {
      let k = 0;
      for (; k < deferred.length && deferred[k]!.startMs * 1000 < windowEndUs; k++) {
        const placed = place(deferred[k]!, segment, domainEnd, stats);
        if (placed) active.push(placed);
      }
      if (k > 0) deferred = deferred.slice(k);
    }
    const lastWholeMs = Math.floor(domainEnd / 1000);
    while (!next.done && next.value.startMs * 1000 < windowEndUs) {
      const cue = next.value;
      onCue?.(cue);
      if (cue.startMs >= lastWholeMs && domainEnd < videoEndUs) {
        const startMs = Math.ceil(domainEnd / 1000);
        deferred.push({ id: cue.id, startMs, endMs: Math.max(cue.endMs, startMs + 1), settings: cue.settings, payload: cue.payload });
      } else {
        const placed = place(cue, segment, domainEnd, stats);
        // One that already ended (only out-of-order input gives such) would be dropped by the next
        // window's compaction anyway, unseen.
        if (placed && placed.endMs * 1000 > windowStartUs) active.push(placed);
      }
      next = iterator.next();
    }
    // A copy: the consumer may keep the list, and `active` changes with the next window.
    yield { segment, cues: active.slice() };
  }
  for (; !next.done; next = iterator.next()) {
    onCue?.(next.value);
    stats.droppedPastEnd++;
  }
  // Moved into a last domain shorter than a millisecond: past the end of the video after all.
  stats.droppedPastEnd += deferred.length;
}

function place(cue: Cue, segment: TimelineSegment, domainEndUs: number, stats: SegmenterStats): PlacedCue | undefined {
  const limitMs = Math.floor(domainEndUs / 1000);
  if (cue.startMs >= limitMs) {
    // Starts in the last fraction of a millisecond of a domain: nothing left to show.
    stats.clipped++;
    return undefined;
  }
  let endMs = cue.endMs;
  if (endMs > limitMs) {
    stats.clipped++;
    endMs = limitMs;
  }
  // One literal with every field, `block` included: V8 keeps all placed cues on one hidden class,
  // where a spread plus a later `cue.block =` gave each a map transition (and a slow store).
  return { id: cue.id, startMs: cue.startMs, endMs, settings: cue.settings, payload: cue.payload, domain: segment.domain, block: undefined };
}
