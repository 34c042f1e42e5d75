import { probeMpegtsOrigin } from './probe/index.js';
import { domainFirstSegments, domainOriginMs, type VideoTimeline } from './video-timeline.js';

export interface DomainTimestampMap {
  /** X-TIMESTAMP-MAP MPEGTS: the 90 kHz timestamp of the domain's first frame as players see it. */
  mpegts: number;
  /** Where the domain starts on the presentation timeline: cue time 0 of its segments. */
  originMs: number;
  source: string;
}

export interface TimestampMaps {
  byDomain: DomainTimestampMap[];
}

/**
 * One timestamp map per discontinuity domain: each domain of the video restarts its timestamps, and
 * hls.js keeps one initPTS per domain. MPEGTS is probed from the first segment of each domain
 * (hls.js's origin: min(first audio PTS, first video DTS), or the fMP4 tfdt), unless `--mpegts`
 * overrides it.
 */
export async function resolveTimestampMaps(timeline: VideoTimeline, override: number | undefined): Promise<TimestampMaps> {
  const byDomain: DomainTimestampMap[] = [];
  for (const segment of domainFirstSegments(timeline)) {
    const originMs = domainOriginMs(segment.startUs);
    if (override !== undefined) {
      byDomain[segment.domain] = { mpegts: override, originMs, source: '--mpegts' };
      continue;
    }
    const probed = await probeMpegtsOrigin({
      segmentUrl: segment.url,
      segmentByteRange: segment.byteRange,
      initUrl: segment.map?.url,
      initByteRange: segment.map?.byteRange,
    });
    byDomain[segment.domain] = { mpegts: probed.mpegts, originMs, source: `${probed.container} probe: ${probed.detail}` };
  }
  return { byDomain };
}
