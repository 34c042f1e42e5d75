import type { Report } from '../reporter.js';
import type { MediaPlaylist } from './read-media-playlist.js';

/**
 * The subtitle playlist against the video playlist it rides along (§1.6, §6): the same segments with
 * the same EXTINF, and the same PLAYLIST-TYPE, ENDLIST, DISCONTINUITY and PROGRAM-DATE-TIME structure.
 */
export function checkAlignment(subs: MediaPlaylist, video: MediaPlaylist, file: string, videoFile: string, report: Report): void {
  if (subs.segments.length !== video.segments.length) {
    report('playlist-segment-count', file,
      `${subs.segments.length} segments, but the video playlist ${videoFile} has ${video.segments.length}`, subs.segments[0]?.line);
  }
  checkHeaderTags(subs, video, file, videoFile, report);

  const n = Math.min(subs.segments.length, video.segments.length);
  for (let i = 0; i < n; i++) {
    const s = subs.segments[i];
    const v = video.segments[i];
    if (!s || !v) break;
    if (s.durationUs !== undefined && v.durationUs !== undefined && s.durationUs !== v.durationUs) {
      report('playlist-extinf-mismatch', file, `segment ${i} is EXTINF:${s.durationText}, the video's is ${v.durationText}`, s.line);
    }
    if (s.discontinuity !== v.discontinuity) {
      report('playlist-discontinuity-mismatch', file,
        `segment ${i} ${s.discontinuity ? 'has' : 'lacks'} EXT-X-DISCONTINUITY, the video's ${v.discontinuity ? 'has' : 'does not'}`, s.line);
    }
    if (v.programDateTime !== undefined && !sameInstant(s.programDateTime, v.programDateTime)) {
      report('playlist-program-date-time-mismatch', file,
        `segment ${i} ${s.programDateTime === undefined ? 'has no' : `has ${s.programDateTime}, not the video's`} EXT-X-PROGRAM-DATE-TIME ${v.programDateTime}`, s.line);
    }
  }
}

function checkHeaderTags(subs: MediaPlaylist, video: MediaPlaylist, file: string, videoFile: string, report: Report): void {
  const vod = subs.playlistType?.value === 'VOD';
  const std = subs.targetDuration?.value;
  const vtd = video.targetDuration?.value;
  // SUBTITLES renditions may have their own TARGETDURATION only in VOD playlists (bis §6.2.4).
  if (!vod && std !== undefined && vtd !== undefined && std !== vtd) {
    report('playlist-targetduration-mismatch', file,
      `EXT-X-TARGETDURATION:${std} differs from the video's ${vtd}; only a VOD subtitles playlist may differ`, subs.targetDuration?.line);
  }
  const sseq = subs.mediaSequence?.value ?? 0;
  const vseq = video.mediaSequence?.value ?? 0;
  if (sseq !== vseq) {
    report('playlist-media-sequence-mismatch', file, `EXT-X-MEDIA-SEQUENCE:${sseq} differs from the video's ${vseq}`, subs.mediaSequence?.line ?? 1);
  }
  const stype = subs.playlistType?.value;
  const vtype = video.playlistType?.value;
  if (stype !== vtype) {
    report('playlist-type-mismatch', file,
      `EXT-X-PLAYLIST-TYPE is ${stype ?? 'absent'}, the video's (${videoFile}) is ${vtype ?? 'absent'}`, subs.playlistType?.line ?? 1);
  }
  if ((subs.endlist === undefined) !== (video.endlist === undefined)) {
    report('playlist-endlist-mismatch', file,
      subs.endlist === undefined ? 'no EXT-X-ENDLIST, but the video playlist has one' : 'EXT-X-ENDLIST, but the video playlist has none',
      subs.endlist ?? subs.segments.at(-1)?.line);
  }
  const sdseq = subs.discontinuitySequence?.value ?? 0;
  const vdseq = video.discontinuitySequence?.value ?? 0;
  if (sdseq !== vdseq) {
    report('playlist-discontinuity-mismatch', file,
      `EXT-X-DISCONTINUITY-SEQUENCE:${sdseq} differs from the video's ${vdseq}`, subs.discontinuitySequence?.line ?? 1);
  }
}

/** PDTs are ISO 8601 with any offset; compare the instants, not the text. */
function sameInstant(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || Number.isNaN(tb) ? a === b : ta === tb;
}
