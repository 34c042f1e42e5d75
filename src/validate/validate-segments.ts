import { decodeUtf8 } from './decode.js';
import { load, type Loaded } from './load.js';
import type { MediaSegment } from './playlist/read-media-playlist.js';
import type { PeakSegmentRate } from './master/check-bandwidth.js';
import type { Report } from './reporter.js';
import { readInOrder } from './read-in-order.js';
import { checkCues } from './segment/check-cues.js';
import { checkEscaping } from './segment/check-escaping.js';
import { readVttSegment } from './segment/read-vtt.js';
import { CuePlacement } from './timeline/cue-placement.js';
import { MapDomains, type DomainOrigins } from './timeline/map-domains.js';
import type { SegmentWindow } from './timeline/windows.js';

/**
 * Streams the segments of one subtitle playlist in order: reads run ahead with bounded concurrency,
 * checks run in playlist order so the cross-segment state (maps per domain, cues still on screen)
 * stays small and the findings come out in a stable order. Returns the highest bit rate of a
 * segment (check-bandwidth.ts), undefined when none could be read.
 */
export async function validateSegments(
  segments: readonly MediaSegment[],
  urls: readonly URL[],
  windows: readonly SegmentWindow[],
  origins: DomainOrigins,
  concurrency: number,
  report: Report,
): Promise<PeakSegmentRate | undefined> {
  const maps = new MapDomains(origins, report);
  let peak: PeakSegmentRate | undefined;
  const placement = new CuePlacement(windows, report);
  const indexes = segments.map((_, i) => i);
  let i = 0;
  for await (const loaded of readInOrder(indexes, concurrency, (k): Promise<Loaded> => load(urls[k] as URL))) {
    const window = windows[i++];
    if (!window) break;
    const { file } = window;
    if (!loaded.ok) {
      report('file-unreadable', file, `cannot read segment: ${loaded.error}`);
      continue;
    }
    const durationUs = segments[i - 1]!.durationUs;
    if (durationUs !== undefined && durationUs > 0) {
      const bitsPerSecond = (loaded.bytes.length * 8 * 1e6) / durationUs;
      if (peak === undefined || bitsPerSecond > peak.bitsPerSecond) peak = { bitsPerSecond, file };
    }
    if (loaded.bytes.length === 0) {
      report('segment-empty', file, 'zero-byte segment (hls.js fails it); write "WEBVTT", the map and a blank line');
      continue;
    }
    const segment = readVttSegment(decodeUtf8(loaded.bytes, file, report), file, report);
    checkCues(segment, file, report);
    checkEscaping(segment, file, report);
    placement.accept(window, segment.cues, maps.accept(window, segment.map));
  }
  return peak;
}
