import type { Cue } from '../cues/cue.js';
import { domainOriginMs, type TimelineSegment, type VideoTimeline } from './video-timeline.js';

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
  /** Cues starting at or after the end of the video, or in its last fraction of a millisecond (dropped). */
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
 * hls.js (it prefixes cue ids with the domain).
 *
 * Cues are placed by the time players show them. Cue blocks are written in whole ms from the
 * domain's origin, its start rounded to a ms (domainOriginMs), and players add the exact start: in
 * a domain that starts inside a millisecond (after 6.006006 s segments, say) a cue shows up to
 * 0.5 ms off its ms, and near a segment boundary that decides which segments must hold it
 * (`validate` checks exactly this). A cue whose domain has no whole millisecond left after its
 * start is shown from the next domain's first one, as chat sent while the video was cut shows
 * when it resumes; at the end of the video it is dropped.
 */
export function* segmentCuesOnTimeline(
  cues: Iterable<Cue>,
  timeline: VideoTimeline,
  stats: SegmenterStats,
  /** Told every cue as it is taken, before it is placed or dropped. */
  onCue?: (cue: Cue) => void,
): Generator<SegmentCues> {
  // Per domain, in µs: where it ends (the start of the next, or the end of the video), and how far
  // players show its cues from their ms (its exact start less its origin).
  const domainEndUs: number[] = [];
  const shiftUs: number[] = [];
  for (const s of timeline.segments) {
    domainEndUs[s.domain] = s.startUs + s.durationUs;
    shiftUs[s.domain] ??= s.startUs - 1000 * domainOriginMs(s.startUs);
  }
  const lastDomain = domainEndUs.length - 1;

  const iterator = cues[Symbol.iterator]();
  let next = iterator.next();
  const active: PlacedCue[] = [];
  /** Cues moved past their domain's end, in start order, each starting no later than any cue still to come. */
  let moved: Cue[] = [];

  for (const segment of timeline.segments) {
    const windowStartUs = segment.startUs;
    const windowEndUs = segment.startUs + segment.durationUs;
    // Cues that ended before this window are done: compacted in place, once per segment.
    let kept = 0;
    for (let i = 0; i < active.length; i++) {
      const c = active[i]!;
      if (c.endMs * 1000 + shiftUs[c.domain]! > windowStartUs) active[kept++] = c;
    }
    active.length = kept;
    const domain = segment.domain;
    const shift = shiftUs[domain]!;
    // The last whole ms a cue of this domain can end at; one starting there or later has none left.
    const limitMs = Math.floor((domainEndUs[domain]! - shift) / 1000);
    const take = (cue: Cue): void => {
      if (cue.startMs >= limitMs) {
        if (domain === lastDomain) stats.droppedPastEnd++;
        else moved.push(moveToDomain(cue, domainEndUs[domain]!, shiftUs[domain + 1]!));
        return;
      }
      const placed = place(cue, domain, limitMs, stats);
      // One that already ended (only out-of-order input gives such) would be dropped by the next
      // window's compaction anyway, unseen.
      if (placed.endMs * 1000 + shift > windowStartUs) active.push(placed);
    };
    if (moved.length > 0) {
      const waiting = moved;
      moved = [];
      let k = 0;
      for (; k < waiting.length && waiting[k]!.startMs * 1000 + shift < windowEndUs; k++) take(waiting[k]!);
      // Moved on again (a domain too short to show them) or still ahead: both after those taken.
      moved = moved.length > 0 ? [...moved, ...waiting.slice(k)] : waiting.slice(k);
    }
    while (!next.done && next.value.startMs * 1000 + shift < windowEndUs) {
      onCue?.(next.value);
      take(next.value);
      next = iterator.next();
    }
    // A copy: the consumer may keep the list, and `active` changes with the next window.
    yield { segment, cues: active.slice() };
  }
  for (; !next.done; next = iterator.next()) {
    onCue?.(next.value);
    stats.droppedPastEnd++;
  }
  // Moved into a last domain whose segments never open a window for them (0 s long): past the end
  // of the video after all. Anything else moved into the last domain is dropped by `take`.
  stats.droppedPastEnd += moved.length;
}

/** `cue` from the first whole ms of a domain that starts at `startUs` and shows cues `shiftUs` off their ms. */
function moveToDomain(cue: Cue, startUs: number, shiftUs: number): Cue {
  const startMs = Math.ceil((startUs - shiftUs) / 1000);
  return { id: cue.id, startMs, endMs: Math.max(cue.endMs, startMs + 1), settings: cue.settings, payload: cue.payload };
}

function place(cue: Cue, domain: number, limitMs: number, stats: SegmenterStats): PlacedCue {
  let endMs = cue.endMs;
  if (endMs > limitMs) {
    stats.clipped++;
    endMs = limitMs;
  }
  // One literal with every field, `block` included: V8 keeps all placed cues on one hidden class,
  // where a spread plus a later `cue.block =` gave each a map transition (and a slow store).
  return { id: cue.id, startMs: cue.startMs, endMs, settings: cue.settings, payload: cue.payload, domain, block: undefined };
}
