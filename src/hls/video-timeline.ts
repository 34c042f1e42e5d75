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

/**
 * A segment's URL is resolved when first asked for: only the probe and `validate` ask, for a few
 * segments, and a URL object per segment was most of a long video's timeline (18 000 segments).
 */
class Segment implements TimelineSegment {
  private resolved: URL | undefined;

  constructor(
    readonly index: number,
    private readonly uri: string,
    private readonly base: URL,
    readonly extinf: string,
    readonly durationUs: number,
    readonly startUs: number,
    readonly discontinuity: boolean,
    readonly domain: number,
    readonly programDateTime: string | undefined,
    readonly programDateTimeMs: number | undefined,
    readonly byteRange: ByteRange | undefined,
    readonly map: { url: URL; byteRange?: ByteRange } | undefined,
  ) {}

  get url(): URL {
    return (this.resolved ??= new URL(this.uri, this.base));
  }
}

/** Each segment URI's EXTINF text (the duration, as written) and the lines they are on, in URI order. */
interface SegmentLines {
  extinfs: Array<string | undefined>;
  /** 1-based: the EXTINF's line, or the URI's when it has none. */
  lineNumbers: number[];
  /** 1-based: the URI's line. */
  uriLineNumbers: number[];
}

/**
 * Reads each segment's EXTINF text straight off the lines, the way m3u8-parser pairs them: a URI
 * is a trimmed, non-empty line not starting with `#`, and takes the last EXTINF since the URI
 * before it. (A tag mapper doing this inside m3u8-parser made every line go through a regex, a
 * mapping and a custom parser: a third of parsing an 18 000-segment playlist.)
 */
function segmentLines(lines: readonly string[]): SegmentLines {
  const extinfs: Array<string | undefined> = [];
  const lineNumbers: number[] = [];
  const uriLineNumbers: number[] = [];
  let pending: string | undefined;
  let pendingLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    if (line.charCodeAt(0) !== 0x23) {
      extinfs.push(pending);
      lineNumbers.push(pending === undefined ? i + 1 : pendingLine);
      uriLineNumbers.push(i + 1);
      pending = undefined;
    } else if (line.startsWith('#EXTINF:')) {
      const comma = line.indexOf(',', 8);
      pending = (comma < 0 ? line.slice(8) : line.slice(8, comma)).trim();
      pendingLine = i + 1;
    }
  }
  return { extinfs, lineNumbers, uriLineNumbers };
}

/**
 * Parses a video media playlist. m3u8-parser reads the structure; each EXTINF's original text is
 * kept too (segmentLines), so the subtitle playlist can copy it byte for byte.
 */
export function parseVideoTimeline(text: string, url: URL, file: string): VideoTimeline {
  const lines = splitPlaylistLines(text);
  const kind = classifyPlaylist(lines, file);
  if (kind !== 'media') throw inputError('expected a media playlist (EXTINF segments), found a master playlist', file);

  const parser = new Parser();
  parser.push(lines.lines.join('\n'));
  parser.end();
  const m = parser.manifest;

  const hasTag = (tag: string) => lines.lines.some((l) => l.startsWith(tag));
  const targetLine = lines.lines.findIndex((l) => l.startsWith('#EXT-X-TARGETDURATION:'));
  if (targetLine < 0) throw inputError('media playlist has no EXT-X-TARGETDURATION', file);
  // m3u8-parser leaves out a value that is not a number: say which line holds it.
  if (m.targetDuration === undefined) {
    throw inputError(`EXT-X-TARGETDURATION is not a number of seconds: "${lines.lines[targetLine]!.trim()}"`, file, { line: targetLine + 1 });
  }
  if (m.segments.length === 0) throw inputError('media playlist has no segments', file);
  const { extinfs, lineNumbers, uriLineNumbers } = segmentLines(lines.lines);
  if (extinfs.length !== m.segments.length) {
    throw new Error(`parseVideoTimeline: ${extinfs.length} segment URIs found, m3u8-parser made ${m.segments.length} segments (${file})`);
  }

  let startUs = 0;
  let domain = 0;
  // m3u8-parser gives every segment under one EXT-X-MAP the same object: one URL for them all.
  let lastMap: { source: object; map: { url: URL; byteRange?: ByteRange } } | undefined;
  const mapOf = (source: { uri: string; byterange?: { offset: number; length: number } }) => {
    if (lastMap?.source !== source) {
      const byteRange = source.byterange ? { offset: source.byterange.offset, length: source.byterange.length } : undefined;
      if (!URL.canParse(source.uri, url)) {
        const line = lines.lines.findIndex((l) => l.startsWith('#EXT-X-MAP:') && l.includes(source.uri)) + 1;
        throw inputError(`EXT-X-MAP URI "${source.uri}" is not a valid URL`, file, line > 0 ? { line } : undefined);
      }
      lastMap = { source, map: { url: new URL(source.uri, url), byteRange } };
    }
    return lastMap.map;
  };
  const segments = m.segments.map((s, index): TimelineSegment => {
    const extinf = extinfs[index];
    if (extinf === undefined) throw inputError(`segment "${s.uri}" has no EXTINF before it`, file, { line: lineNumbers[index] });
    const durationUs = parseDecimalSecondsToUs(extinf);
    if (durationUs === undefined || durationUs <= 0) {
      throw inputError(`EXTINF duration "${extinf}" is not a positive decimal number`, file, { line: lineNumbers[index] });
    }
    // Checked now, though resolved only when asked for: a bad URI is the playlist's error, one line.
    if (!URL.canParse(s.uri, url)) throw inputError(`segment URI "${s.uri}" is not a valid URL`, file, { line: uriLineNumbers[index] });
    if (s.discontinuity && index > 0) domain++;
    const seg = new Segment(
      index,
      s.uri,
      url,
      extinf,
      durationUs,
      startUs,
      Boolean(s.discontinuity),
      domain,
      s.dateTimeString,
      s.programDateTime,
      s.byterange ? { offset: s.byterange.offset, length: s.byterange.length } : undefined,
      s.map === undefined ? undefined : mapOf(s.map),
    );
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

/**
 * Cue time 0 of a discontinuity domain, in whole ms on the video timeline: where its first segment
 * starts, rounded (cue blocks are written in ms relative to it). Players put a cue written as t at
 * the domain's exact start + t, so cues of a domain that starts inside a millisecond show up to
 * 0.5 ms off their ms: the segmenter places them by that time (segmenter.ts).
 */
export function domainOriginMs(domainStartUs: number): number {
  return Math.round(domainStartUs / 1000);
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
