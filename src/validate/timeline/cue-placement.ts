import type { Report } from '../reporter.js';
import type { VttCue } from '../segment/read-vtt.js';
import { CueIdentifiers } from './cue-identifiers.js';
import { formatUs, type SegmentWindow } from './windows.js';

/** A cue on the playlist timeline, as first seen. */
interface Placed {
  key: string;
  id?: string;
  raw: string;
  startUs: number;
  endUs: number;
  file: string;
  line: number;
}

/**
 * Cross-segment cue rules, fed one segment at a time in playlist order so only the cues still on
 * screen are held (plus one digest per identifier):
 * - a cue listed in a segment overlaps that segment's window (§1.1);
 * - a cue is in every segment whose window it overlaps, byte-identical to its first copy (§1.1, §7.4);
 * - an identifier names one cue across the whole presentation (hls.js drops a reused one, §7.4).
 * Cues are matched by identifier, or by start, end and payload when they have none.
 */
export class CuePlacement {
  private readonly pending = new Map<string, Placed>();
  private readonly ids = new CueIdentifiers();

  constructor(private readonly windows: readonly SegmentWindow[], private readonly report: Report) {}

  /** `offsetUs` puts the segment's cue times on the playlist timeline (see MapDomains). */
  accept(window: SegmentWindow, cues: readonly VttCue[], offsetUs: number): void {
    const here = new Map<string, Placed>();
    const byTiming = new Map<string, Placed>();
    for (const cue of cues) {
      const placed = this.place(window, cue, offsetUs);
      if (here.has(placed.key)) {
        if (placed.id !== undefined) this.report('cue-id-duplicate', window.file, `identifier "${placed.id}" is used twice in this segment`, cue.line);
        continue;
      }
      here.set(placed.key, placed);
      if (placed.id === undefined) byTiming.set(`${placed.startUs}|${placed.endUs}`, placed);
    }

    const matched = this.checkPending(window, here, byTiming);
    for (const cue of here.values()) {
      if (!matched.has(cue.key)) this.checkNew(window, cue);
    }

    for (const cue of here.values()) {
      if (cue.endUs > window.endUs && !this.pending.has(cue.key)) this.pending.set(cue.key, cue);
    }
    for (const [key, cue] of this.pending) {
      if (cue.endUs <= window.endUs) this.pending.delete(key);
    }
  }

  private place(window: SegmentWindow, cue: VttCue, offsetUs: number): Placed {
    const startUs = cue.startMs * 1000 + offsetUs;
    const endUs = cue.endMs * 1000 + offsetUs;
    // One literal with every field: one hidden class for every placed cue.
    return {
      key: cue.id !== undefined ? `id:${cue.id}` : `t:${startUs}|${endUs}|${cue.payload.map((p) => p.text).join('\n')}`,
      id: cue.id,
      raw: cue.raw,
      startUs,
      endUs,
      file: window.file,
      line: cue.line,
    };
  }

  /** Cues from earlier segments that overlap this window must be here, unchanged. Returns the keys found. */
  private checkPending(window: SegmentWindow, here: Map<string, Placed>, byTiming: Map<string, Placed>): Set<string> {
    const matched = new Set<string>();
    for (const first of this.pending.values()) {
      if (!overlaps(first, window)) continue;
      const copy = here.get(first.key) ?? (first.id === undefined ? byTiming.get(`${first.startUs}|${first.endUs}`) : undefined);
      if (!copy) {
        this.report('cue-spanning-missing', window.file,
          `cue ${label(first)} overlaps this segment's window ${span(window)} but is missing (it is in ${first.file}:${first.line})`);
        continue;
      }
      matched.add(copy.key);
      if (copy.raw !== first.raw) {
        this.report('cue-spanning-differs', window.file,
          `cue ${label(first)} is not byte-identical to its copy in ${first.file}:${first.line}`, copy.line);
      }
    }
    return matched;
  }

  /** A cue first seen here: inside the window, not owed to an earlier segment, identifier not taken. */
  private checkNew(window: SegmentWindow, cue: Placed): void {
    if (cue.id !== undefined) {
      const seen = this.ids.claim(cue.id, cue.raw, cue.file, cue.line);
      if (seen) {
        this.report('cue-id-duplicate', window.file,
          `identifier "${cue.id}" already names a different cue at ${seen.file}:${seen.line}; hls.js drops this one`, cue.line);
      }
    }
    if (!overlaps(cue, window)) {
      this.report('cue-outside-window', window.file,
        `cue ${label(cue)} does not overlap this segment's window ${span(window)} on the video timeline`, cue.line);
      return;
    }
    if (cue.startUs < window.startUs && window.index > 0) {
      const earlier = this.windows[firstWindowEndingAfter(this.windows, cue.startUs)];
      if (earlier && earlier.index < window.index) {
        this.report('cue-spanning-missing', window.file,
          `cue ${label(cue)} also overlaps ${earlier.file} ${span(earlier)} but is missing there`, cue.line);
      }
    }
  }
}

/** Binary search: windows are contiguous, so their ends never decrease. */
function firstWindowEndingAfter(windows: readonly SegmentWindow[], us: number): number {
  let lo = 0;
  let hi = windows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((windows[mid]?.endUs ?? Infinity) > us) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const overlaps = (cue: { startUs: number; endUs: number }, w: SegmentWindow): boolean =>
  cue.startUs < w.endUs && cue.endUs > w.startUs;

const span = (w: SegmentWindow): string => `[${formatUs(w.startUs)}, ${formatUs(w.endUs)})`;

const label = (cue: Placed): string =>
  `${formatUs(cue.startUs)} --> ${formatUs(cue.endUs)}${cue.id === undefined ? '' : ` "${cue.id}"`}`;
