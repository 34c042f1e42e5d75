import { decodeUtf8 } from './decode.js';
import { load, type Loaded } from './load.js';
import type { MediaSegment } from './playlist/read-media-playlist.js';
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
 * stays small and the findings come out in a stable order. Returns each segment's size in bytes
 * (undefined for one that could not be read), for the peak bit rate (check-bandwidth.ts).
 */
export async function validateSegments(
  segments: readonly MediaSegment[],
  urls: readonly URL[],
  windows: readonly SegmentWindow[],
  origins: DomainOrigins,
  concurrency: number,
  report: Report,
): Promise<Array<number | undefined>> {
  const maps = new MapDomains(origins, report);
  const sizes: Array<number | undefined> = new Array<number | undefined>(segments.length).fill(undefined);
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
    sizes[i - 1] = loaded.bytes.length;
    if (loaded.bytes.length === 0) {
      report('segment-empty', file, 'zero-byte segment (hls.js fails it); write "WEBVTT", the map and a blank line');
      continue;
    }
    const segment = readVttSegment(decodeUtf8(loaded.bytes, file, report), file, report);
    checkCues(segment, file, report);
    checkEscaping(segment, file, report);
    placement.accept(window, segment.cues, maps.accept(window, segment.map));
  }
  return sizes;
}
