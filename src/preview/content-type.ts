import path from 'node:path';
import mime from 'mime';

/**
 * What players insist on. mime's own table already agrees on most of these, but the HLS types are the
 * contract of this server (hls.js and Safari sniff nothing), so they are pinned here rather than left
 * to whatever a future mime release decides; `.ts` in particular is TypeScript in some tables.
 */
const PINNED: Readonly<Record<string, string>> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.vtt': 'text/vtt; charset=utf-8',
  '.ts': 'video/mp2t',
  '.m4s': 'video/mp4',
  '.mp4': 'video/mp4',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Text types are served as UTF-8: chat is full of Hangul and emoji. */
const TEXTUAL = /^(text\/|application\/(json|javascript|xml)$)/;

/** The Content-Type header for a served file, from its extension alone. */
export function contentTypeFor(filePath: string): string {
  const ext = path.extname(filePath).toLowerCase();
  const pinned = PINNED[ext];
  if (pinned) return pinned;
  const type = mime.getType(ext);
  if (!type) return 'application/octet-stream';
  return TEXTUAL.test(type) ? `${type}; charset=utf-8` : type;
}
