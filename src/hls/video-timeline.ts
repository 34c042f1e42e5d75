import { Parser } from 'm3u8-parser';
import { inputError } from '../errors.js';
import { parseDecimalSecondsToUs } from './duration.js';
import { classifyPlaylist, splitPlaylistLines } from './playlist-lines.js';
import { mapperFromAnchors, type ProgramDateTimeAnchor } from './program-date-time.js';

export interface ByteRange {
  offset: number;
  length: number;
}

/** One video segment, with what the subtitle playlist mirrors and what the probe needs. */
export interface TimelineSegment {
  index: number;
  /** Resolved against the video playlist's URL. */
  url: URL;
  /** The EXTINF duration exactly as the video wrote it, copied verbatim into the subtitle playlist. */
  extinf: string;
  durationUs: number;
  /** Start on the presentation timeline (sum of the EXTINFs before it). */
  startUs: number;
  /** An EXT-X-DISCONTINUITY precedes this segment. */
  discontinuity: boolean;
  /** 0 for the first discontinuity domain, +1 after each EXT-X-DISCONTINUITY. */
  domain: number;
  /** EXT-X-PROGRAM-DATE-TIME value, only where the video has the tag. */
  programDateTime?: string;
  /** Epoch ms of the segment start, from the nearest PROGRAM-DATE-TIME before it (extrapolated). */
  programDateTimeMs?: number;
  byteRange?: ByteRange;
  map?: { url: URL; byteRange?: ByteRange };
}

export interface VideoTimeline {
  url: URL;
  version?: number;
  targetDuration: number;
  mediaSequence: number;
  /** Present only when the video playlist has the tag. */
  discontinuitySequence?: number;
  playlistType?: 'VOD' | 'EVENT';
  endList: boolean;
  segments: TimelineSegment[];
  durationUs: number;
}

const RAW_EXTINF = 'chatReplayExtinf';

/**
 * Parses a video media playlist. m3u8-parser reads the structure; a tag mapper keeps each EXTINF's
 * original text so the subtitle playlist can copy it byte for byte.
 */
export function parseVideoTimeline(text: string, url: URL, file: string): VideoTimeline {
  const lines = splitPlaylistLines(text);
  const kind = classifyPlaylist(lines, file);
  if (kind !== 'media') throw inputError('expected a media playlist (EXTINF segments), found a master playlist', file);

  const parser = new Parser();
  parser.addTagMapper({
    expression: /^#EXTINF:/,
    map: (line) => `#X-CHAT-REPLAY-EXTINF:${line.slice('#EXTINF:'.length).split(',')[0]!.trim()}`,
  });
  parser.addParser({
    expression: /^#X-CHAT-REPLAY-EXTINF:/,
    customType: RAW_EXTINF,
    segment: true,
    dataParser: (line) => line.slice('#X-CHAT-REPLAY-EXTINF:'.length),
  });
  parser.push(lines.lines.join('\n'));
  parser.end();
  const m = parser.manifest;

  const hasTag = (tag: string) => lines.lines.some((l) => l.startsWith(tag));
  if (m.targetDuration === undefined || !hasTag('#EXT-X-TARGETDURATION:')) {
    throw inputError('media playlist has no EXT-X-TARGETDURATION', file);
  }
  if (m.segments.length === 0) throw inputError('media playlist has no segments', file);

  let startUs = 0;
  let domain = 0;
  const extinfLines = lines.lines.map((l, i) => (l.startsWith('#EXTINF:') ? i + 1 : 0)).filter((n) => n > 0);
  const segments = m.segments.map((s, index): TimelineSegment => {
    const extinf = String(s.custom?.[RAW_EXTINF] ?? '');
    const durationUs = parseDecimalSecondsToUs(extinf);
    if (durationUs === undefined || durationUs <= 0) {
      throw inputError(`EXTINF duration "${extinf}" is not a positive decimal number`, file, { line: extinfLines[index] });
    }
    if (!s.uri) throw inputError('EXTINF is not followed by a segment URI', file, { line: extinfLines[index] });
    if (s.discontinuity && index > 0) domain++;
    const seg: TimelineSegment = {
      index,
      url: new URL(s.uri, url),
      extinf,
      durationUs,
      startUs,
      discontinuity: Boolean(s.discontinuity),
      domain,
      programDateTime: s.dateTimeString,
      programDateTimeMs: s.programDateTime,
      byteRange: s.byterange ? { offset: s.byterange.offset, length: s.byterange.length } : undefined,
      map: s.map
        ? {
            url: new URL(s.map.uri, url),
            byteRange: s.map.byterange ? { offset: s.map.byterange.offset, length: s.map.byterange.length } : undefined,
          }
        : undefined,
    };
    startUs += durationUs;
    return seg;
  });

  const playlistType = m.playlistType === 'VOD' || m.playlistType === 'EVENT' ? m.playlistType : undefined;
  return {
    url,
    version: m.version,
    targetDuration: m.targetDuration,
    mediaSequence: m.mediaSequence ?? 0,
    discontinuitySequence: hasTag('#EXT-X-DISCONTINUITY-SEQUENCE:') ? m.discontinuitySequence : undefined,
    playlistType,
    endList: Boolean(m.endList),
    segments,
    durationUs: startUs,
  };
}

/** The first segment of each discontinuity domain (where the MPEGTS origin is probed). */
export function domainFirstSegments(timeline: VideoTimeline): TimelineSegment[] {
  return timeline.segments.filter((s, i) => i === 0 || s.domain !== timeline.segments[i - 1]!.domain);
}

export function programDateTimeAnchors(timeline: VideoTimeline): ProgramDateTimeAnchor[] {
  return timeline.segments
    .filter((s) => s.programDateTimeMs !== undefined)
    .map((s) => ({ programDateTimeMs: s.programDateTimeMs!, startUs: s.startUs, durationUs: s.durationUs }));
}

/**
 * Maps a wall-clock instant to ms on the video timeline through PROGRAM-DATE-TIME: the segment
 * whose [PDT, PDT + duration) holds it, else extrapolated from the first dated segment.
 */
export function programDateTimeMapper(timeline: VideoTimeline): ((epochMs: number) => number | undefined) | undefined {
  return mapperFromAnchors(programDateTimeAnchors(timeline));
}
