import type { MediaSegment } from '../playlist/read-media-playlist.js';

/** A segment's place on the playlist timeline, in integer microseconds (no float drift over 18 000 segments). */
export interface SegmentWindow {
  index: number;
  /** What findings name for this segment. */
  file: string;
  startUs: number;
  endUs: number;
  /** Discontinuity domain: 0, then +1 at every EXT-X-DISCONTINUITY. */
  domain: number;
  /** Where that domain starts on the playlist timeline; cue times within it are relative to its origin. */
  domainStartUs: number;
}

/** Windows from cumulative EXTINF, as players place segments (an invalid EXTINF, reported elsewhere, counts 0). */
export function segmentWindows(segments: readonly MediaSegment[], fileOf: (segment: MediaSegment) => string): SegmentWindow[] {
  const windows: SegmentWindow[] = [];
  let startUs = 0;
  let domain = 0;
  let domainStartUs = 0;
  for (const segment of segments) {
    if (segment.discontinuity && segment.index > 0) {
      domain++;
      domainStartUs = startUs;
    }
    const endUs = startUs + (segment.durationUs ?? 0);
    windows.push({ index: segment.index, file: fileOf(segment), startUs, endUs, domain, domainStartUs });
    startUs = endUs;
  }
  return windows;
}

/** hh:mm:ss.mmm of a microsecond time, for messages. */
export function formatUs(us: number): string {
  const sign = us < 0 ? '-' : '';
  const ms = Math.round(Math.abs(us) / 1000);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${sign}${pad(Math.floor(ms / 3_600_000), 2)}:${pad(Math.floor(ms / 60_000) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)}.${pad(ms % 1000, 3)}`;
}
