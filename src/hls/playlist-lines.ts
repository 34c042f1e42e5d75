import { inputError } from '../errors.js';

/**
 * A playlist as lines, exactly as written: we patch masters line by line, so line endings and
 * every byte of the lines we do not touch must survive. A UTF-8 BOM is remembered and dropped
 * from the first line (playlists must not have one, but real ones do).
 */
export interface PlaylistLines {
  lines: string[];
  /** The line terminator of each line ('\n', '\r\n' or '' for a last line without one). */
  endings: string[];
  bom: boolean;
}

export function splitPlaylistLines(text: string): PlaylistLines {
  const bom = text.startsWith('\uFEFF');
  const body = bom ? text.slice(1) : text;
  const lines: string[] = [];
  const endings: string[] = [];
  let start = 0;
  while (start < body.length) {
    const lf = body.indexOf('\n', start);
    if (lf < 0) {
      lines.push(body.slice(start));
      endings.push('');
      break;
    }
    const crlf = lf > start && body[lf - 1] === '\r';
    lines.push(body.slice(start, crlf ? lf - 1 : lf));
    endings.push(crlf ? '\r\n' : '\n');
    start = lf + 1;
  }
  return { lines, endings, bom };
}

export function joinPlaylistLines(p: PlaylistLines): string {
  let out = p.bom ? '\uFEFF' : '';
  for (let i = 0; i < p.lines.length; i++) out += p.lines[i]! + p.endings[i]!;
  return out;
}

export type PlaylistKind = 'master' | 'media';

const MASTER_TAGS = /^#EXT-X-(STREAM-INF|MEDIA|I-FRAME-STREAM-INF|SESSION-DATA|SESSION-KEY|CONTENT-STEERING)(?::|$)/;
const MEDIA_TAGS = /^#(EXTINF|EXT-X-TARGETDURATION|EXT-X-MEDIA-SEQUENCE|EXT-X-ENDLIST|EXT-X-BYTERANGE|EXT-X-PLAYLIST-TYPE)(?::|$)/;

/**
 * Checks the `#EXTM3U` header and tells a master from a media playlist. Tags are case-sensitive
 * (RFC 8216bis §4.1); a lowercase `#extinf` is reported rather than silently ignored.
 */
export function classifyPlaylist(p: PlaylistLines, file: string): PlaylistKind {
  const first = p.lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw inputError('playlist is empty', file);
  if (p.lines[first]!.trim() !== '#EXTM3U') {
    throw inputError(`not an HLS playlist: the first line must be #EXTM3U, found "${clip(p.lines[first]!)}"`, file, {
      line: first + 1,
    });
  }
  let master = false;
  let media = false;
  for (let i = 0; i < p.lines.length; i++) {
    const line = p.lines[i]!;
    if (!line.startsWith('#')) continue;
    if (/^#ext/i.test(line) && !line.startsWith('#EXT')) {
      throw inputError(`tag names are case-sensitive: "${clip(line)}" should be upper case`, file, { line: i + 1 });
    }
    if (MASTER_TAGS.test(line)) master = true;
    else if (MEDIA_TAGS.test(line)) media = true;
  }
  if (master && media) throw inputError('playlist mixes master tags (EXT-X-STREAM-INF) and media tags (EXTINF)', file);
  if (!master && !media) throw inputError('playlist has neither variants (EXT-X-STREAM-INF) nor segments (EXTINF)', file);
  return master ? 'master' : 'media';
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
