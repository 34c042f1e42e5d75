import type { Report } from '../reporter.js';
import type { TimestampMap } from '../segment/timestamp-map.js';
import type { SegmentWindow } from './windows.js';

const WRAP = 2 ** 33;
/** ±1 tick: a probe and a packager may round a 90 kHz conversion differently. */
const TOLERANCE_TICKS = 1;

/** The video origin of each discontinuity domain (90 kHz), or undefined where it could not be probed. */
export type DomainOrigins = ReadonlyArray<{ mpegts: number; detail: string } | undefined>;

/**
 * Checks the X-TIMESTAMP-MAP across segments: one map per discontinuity domain (§7.5, §7.10) whose
 * cue-time zero is the video's probed origin (§7.1); and says where each segment's cues land on the
 * playlist timeline.
 *
 * The cue placement rules use the domain's own map as the reference when it disagrees with the probe:
 * a wrong MPEGTS is reported once here, instead of again as every cue being out of its window.
 */
export class MapDomains {
  private readonly reference = new Map<number, { effective: number; map: TimestampMap; file: string } | null>();

  constructor(private readonly origins: DomainOrigins, private readonly report: Report) {}

  /** Offset in µs to add to a cue time (relative to its domain) to put it on the playlist timeline. */
  accept(window: SegmentWindow, map: TimestampMap | undefined): number {
    // No map: the spec says cue 0 is media time 0 (segment-map-missing reports it).
    const effective = map ? map.mpegts - map.localMs * 90 : 0;
    let ref = this.reference.get(window.domain);
    // The first map of the domain is the reference, even if earlier segments had none.
    if (!ref) {
      ref = map ? { effective, map, file: window.file } : null;
      this.reference.set(window.domain, ref);
      if (map) this.checkOrigin(window, map, effective);
    } else if (map && (map.mpegts !== ref.map.mpegts || map.localMs !== ref.map.localMs)) {
      this.report('segment-map-inconsistent', window.file,
        `MPEGTS:${map.mpegts},LOCAL ${map.localMs} ms differs from ${ref.file} (MPEGTS:${ref.map.mpegts},LOCAL ${ref.map.localMs} ms) in the same discontinuity domain`, map.line);
    }
    const origin = this.originFor(window.domain);
    return window.domainStartUs + ticksToUs(signedTicks(effective - origin));
  }

  private checkOrigin(window: SegmentWindow, map: TimestampMap, effective: number): void {
    const probed = this.origins[window.domain];
    if (!probed) return;
    const diff = signedTicks(effective - probed.mpegts);
    if (Math.abs(diff) <= TOLERANCE_TICKS) return;
    const local = map.localMs === 0 ? '' : ` less LOCAL (${map.localMs} ms)`;
    this.report('segment-map-mpegts', window.file,
      `MPEGTS:${map.mpegts}${local} is not the video's origin ${probed.mpegts} (${probed.detail}): every cue shows ${(Math.abs(diff) / 90000).toFixed(3)} s ${diff > 0 ? 'late' : 'early'}`, map.line);
  }

  /** The probed origin when the map agrees with it, else the map's own (see the class comment). */
  private originFor(domain: number): number {
    const ref = this.reference.get(domain);
    const probed = this.origins[domain];
    const own = ref ? ref.effective : 0;
    if (probed && Math.abs(signedTicks(own - probed.mpegts)) <= TOLERANCE_TICKS) return probed.mpegts;
    return own;
  }
}

/** A tick difference folded into (−2^32, 2^32]: PES timestamps wrap at 2^33 (§1.1). */
function signedTicks(diff: number): number {
  const m = ((diff % WRAP) + WRAP) % WRAP;
  return m > WRAP / 2 ? m - WRAP : m;
}

const ticksToUs = (ticks: number): number => Math.round((ticks * 100) / 9);
