import { attributeValue, parseAttributeList, splitTagLine } from '../../hls/attribute-list.js';
import { splitLines } from '../lines.js';

export interface ByteRange {
  offset: number;
  length: number;
}

export interface MediaSegment {
  index: number;
  uri: string;
  /** Line of the EXTINF tag that opens the segment. */
  line: number;
  durationText: string;
  /** Integer microseconds, parsed from the decimal text (never through a float); undefined if invalid. */
  durationUs: number | undefined;
  discontinuity: boolean;
  programDateTime?: string;
  byteRange?: ByteRange;
  /** EXT-X-MAP in effect (fMP4 video): the probe needs the init segment. */
  init?: { uri: string; byteRange?: ByteRange };
}

interface Valued<T> {
  value: T;
  line: number;
}

export interface MediaPlaylist {
  hasHeader: boolean;
  version?: Valued<number>;
  targetDuration?: Valued<number>;
  mediaSequence?: Valued<number>;
  discontinuitySequence?: Valued<number>;
  playlistType?: Valued<string>;
  endlist?: number;
  segments: MediaSegment[];
  duplicateTags: Valued<string>[];
  invalidExtinf: Valued<string>[];
  extinfWithoutUri: number[];
}

const ONCE_ONLY = new Set(['#EXT-X-VERSION', '#EXT-X-TARGETDURATION', '#EXT-X-MEDIA-SEQUENCE',
  '#EXT-X-DISCONTINUITY-SEQUENCE', '#EXT-X-PLAYLIST-TYPE', '#EXT-X-ENDLIST']);

/**
 * Reads a media playlist by lines. Line numbers matter for findings and EXTINF must be exact, so this
 * does not go through m3u8-parser (which turns durations into floats).
 */
export function readMediaPlaylist(text: string): MediaPlaylist {
  const lines = splitLines(text);
  const pl: MediaPlaylist = { hasHeader: lines[0]?.trim() === '#EXTM3U', segments: [], duplicateTags: [], invalidExtinf: [], extinfWithoutUri: [] };
  const seen = new Set<string>();
  let next: Partial<MediaSegment> & { line?: number } = {};
  let init: MediaSegment['init'];
  let lastRangeEnd = 0;

  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (text === '' || (text.startsWith('#') && !text.startsWith('#EXT'))) return;
    if (!text.startsWith('#')) {
      if (next.line === undefined) return; // a URI without EXTINF is not a segment we can align
      pl.segments.push({
        index: pl.segments.length, uri: text, line: next.line, durationText: next.durationText ?? '',
        durationUs: next.durationUs, discontinuity: next.discontinuity ?? false,
        ...(next.programDateTime !== undefined && { programDateTime: next.programDateTime }),
        ...(next.byteRange && { byteRange: next.byteRange }),
        ...(init && { init }),
      });
      next = {};
      return;
    }
    const { tag, rest } = splitTagLine(text);
    if (ONCE_ONLY.has(tag)) {
      if (seen.has(tag)) pl.duplicateTags.push({ value: tag, line });
      seen.add(tag);
    }
    switch (tag) {
      case '#EXT-X-VERSION': pl.version ??= { value: Number(rest), line }; break;
      case '#EXT-X-TARGETDURATION': pl.targetDuration ??= { value: Number(rest), line }; break;
      case '#EXT-X-MEDIA-SEQUENCE': pl.mediaSequence ??= { value: Number(rest), line }; break;
      case '#EXT-X-DISCONTINUITY-SEQUENCE': pl.discontinuitySequence ??= { value: Number(rest), line }; break;
      case '#EXT-X-PLAYLIST-TYPE': pl.playlistType ??= { value: rest.trim(), line }; break;
      case '#EXT-X-ENDLIST': pl.endlist ??= line; break;
      case '#EXT-X-DISCONTINUITY': next.discontinuity = true; break;
      case '#EXT-X-PROGRAM-DATE-TIME': next.programDateTime = rest.trim(); break;
      case '#EXT-X-BYTERANGE': {
        const range = parseByteRange(rest, lastRangeEnd);
        if (range) {
          next.byteRange = range;
          lastRangeEnd = range.offset + range.length;
        }
        break;
      }
      case '#EXT-X-MAP': {
        const attrs = parseAttributeList(rest);
        const uri = attributeValue(attrs, 'URI');
        const range = parseByteRange(attributeValue(attrs, 'BYTERANGE') ?? '', 0);
        init = uri === undefined ? undefined : { uri, ...(range && { byteRange: range }) };
        break;
      }
      case '#EXTINF': {
        if (next.line !== undefined) pl.extinfWithoutUri.push(next.line);
        const durationText = (rest.split(',')[0] ?? '').trim();
        const durationUs = parseDurationUs(durationText);
        if (durationUs === undefined) pl.invalidExtinf.push({ value: durationText, line });
        next = { ...next, line, durationText, durationUs };
        break;
      }
    }
  });
  if (next.line !== undefined) pl.extinfWithoutUri.push(next.line);
  return pl;
}

/** `6.006` → 6006000 µs, exactly; digits past the microsecond are rounded half up. */
export function parseDurationUs(text: string): number | undefined {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return undefined;
  const frac = (m[2] ?? '').padEnd(7, '0');
  const micros = Number(frac.slice(0, 6)) + (Number(frac[6]) >= 5 ? 1 : 0);
  return Number(m[1]) * 1_000_000 + micros;
}

/** `length[@offset]`; without an offset the range continues where the previous one ended (§4.4.4.2). */
function parseByteRange(text: string, continueAt: number): ByteRange | undefined {
  const m = /^\s*(\d+)(?:@(\d+))?\s*$/.exec(text);
  if (!m) return undefined;
  return { length: Number(m[1]), offset: m[2] === undefined ? continueAt : Number(m[2]) };
}
