import type { VideoTimeline } from './video-timeline.js';

import { createHash } from 'node:crypto';

/** A segment file name as subtitleSegmentName makes them (and as runs before content names did). */
export const SEGMENT_FILE_NAME = /^seg_\d+(_[0-9a-f]+)?\.vtt$/;

/**
 * Segment file names: `seg_00000_<hash>.vtt`, zero-padded so they sort (wider only past 99 999
 * segments), named by their content (text is hashed as UTF-8, so a string and its bytes give one
 * name). A re-run whose output differs writes new files beside the old
 * ones instead of over them, so the playlist the master still names keeps its own, consistent
 * segments until the new playlist and master are swapped in; an identical re-run names the same files.
 */
export function subtitleSegmentName(index: number, total: number, content: string | Uint8Array): string {
  const width = Math.max(5, String(Math.max(total - 1, 0)).length);
  const hash = createHash('sha1').update(content).digest('hex').slice(0, 10);
  return `seg_${String(index).padStart(width, '0')}_${hash}.vtt`;
}

/**
 * The subtitles media playlist, mirroring the video's: the same EXTINF text per segment, the same
 * TARGETDURATION, MEDIA-SEQUENCE, DISCONTINUITY-SEQUENCE, PLAYLIST-TYPE, DISCONTINUITY positions,
 * PROGRAM-DATE-TIME tags and ENDLIST (RFC 8216bis §6.2.4). VERSION 3 is what decimal EXTINFs need
 * and nothing here needs more. No INDEPENDENT-SEGMENTS: it belongs in the master when anywhere.
 */
export function renderSubtitlePlaylist(timeline: VideoTimeline, segmentUris: readonly string[]): string {
  const out: string[] = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${timeline.targetDuration}`];
  out.push(`#EXT-X-MEDIA-SEQUENCE:${timeline.mediaSequence}`);
  if (timeline.discontinuitySequence !== undefined) {
    out.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${timeline.discontinuitySequence}`);
  }
  if (timeline.playlistType) out.push(`#EXT-X-PLAYLIST-TYPE:${timeline.playlistType}`);
  timeline.segments.forEach((segment, i) => {
    if (segment.discontinuity) out.push('#EXT-X-DISCONTINUITY');
    if (segment.programDateTime) out.push(`#EXT-X-PROGRAM-DATE-TIME:${segment.programDateTime}`);
    out.push(`#EXTINF:${segment.extinf},`, segmentUris[i]!);
  });
  if (timeline.endList) out.push('#EXT-X-ENDLIST');
  return `${out.join('\n')}\n`;
}
