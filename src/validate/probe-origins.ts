import type { ProbeInput, ProbeResult } from '../hls/probe/types.js';
import type { MediaPlaylist } from './playlist/read-media-playlist.js';
import type { Report } from './reporter.js';
import { displayName, resolveUri } from './source.js';
import type { DomainOrigins } from './timeline/map-domains.js';

/** Same signature as src/hls/probe's probeMpegtsOrigin; injectable so tests can count or fail probes. */
export type ProbeOrigin = (input: ProbeInput) => Promise<ProbeResult>;

/**
 * The video origin of each discontinuity domain: hls.js keeps one initPTS per domain (§7.10), taken
 * from the domain's first segment. A failed probe is a warning and leaves that domain unchecked.
 */
export async function probeDomainOrigins(video: MediaPlaylist, videoUrl: URL, probe: ProbeOrigin, report: Report): Promise<DomainOrigins> {
  const firsts = video.segments.filter((s, i) => i === 0 || s.discontinuity);
  return Promise.all(firsts.map(async (segment) => {
    const segmentUrl = resolveUri(segment.uri, videoUrl);
    const input: ProbeInput = {
      segmentUrl,
      ...(segment.byteRange && { segmentByteRange: segment.byteRange }),
      ...(segment.init && { initUrl: resolveUri(segment.init.uri, videoUrl) }),
      ...(segment.init?.byteRange && { initByteRange: segment.init.byteRange }),
    };
    try {
      const { mpegts, detail } = await probe(input);
      return { mpegts, detail };
    } catch (err) {
      report('segment-map-probe-failed', displayName(segmentUrl),
        `cannot probe the video origin, so segment-map-mpegts is not checked: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }));
}
