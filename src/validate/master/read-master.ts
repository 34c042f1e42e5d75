import { attributeValue, parseAttributeList, splitTagLine, type Attribute } from '../../hls/attribute-list.js';
import { splitLines } from '../lines.js';

/** A tag with an attribute list, and the 1-based line it was on. */
export interface TagLine {
  line: number;
  tag: string;
  /** The attribute list as written. */
  rest: string;
  attrs: Attribute[];
}

export interface Variant {
  tag: TagLine;
  /** The URI line that follows EXT-X-STREAM-INF (blank lines and comments skipped), if any. */
  uri?: string;
}

export interface MasterPlaylist {
  hasHeader: boolean;
  media: TagLine[];
  variants: Variant[];
  iframes: TagLine[];
}

/**
 * Reads the multivariant playlist by lines, keeping line numbers for findings. m3u8-parser would
 * lose them, and it keys renditions by NAME, so it silently drops the duplicate NAMEs we must report.
 */
export function readMaster(text: string): MasterPlaylist {
  const lines = splitLines(text);
  const master: MasterPlaylist = { hasHeader: lines[0]?.trim() === '#EXTM3U', media: [], variants: [], iframes: [] };
  let pending: Variant | undefined;
  lines.forEach((raw, i) => {
    const text = raw.trim();
    if (text === '') return;
    if (text.startsWith('#')) {
      if (!text.startsWith('#EXT')) return; // a comment
      const { tag, rest } = splitTagLine(text);
      const tagLine = () => ({ line: i + 1, tag, rest, attrs: parseAttributeList(rest) });
      if (tag === '#EXT-X-MEDIA') master.media.push(tagLine());
      else if (tag === '#EXT-X-I-FRAME-STREAM-INF') master.iframes.push(tagLine());
      else if (tag === '#EXT-X-STREAM-INF') {
        pending = { tag: tagLine() };
        master.variants.push(pending);
      }
      return;
    }
    if (pending) {
      pending.uri = text;
      pending = undefined;
    }
  });
  return master;
}

export const attr = (tag: TagLine, name: string): string | undefined => attributeValue(tag.attrs, name);

/** EXT-X-MEDIA tags of TYPE=SUBTITLES. */
export const subtitleMedia = (master: MasterPlaylist): TagLine[] =>
  master.media.filter((m) => attr(m, 'TYPE') === 'SUBTITLES');
