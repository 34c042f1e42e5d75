import type { Report } from './reporter.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Decodes a playlist or segment, reporting a BOM (forbidden in playlists by §4.1, and needless in
 * segments) and invalid UTF-8; returns the text without the BOM so the other checks still run.
 */
export function decodeUtf8(bytes: Uint8Array, file: string, report: Report): string {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (hasBom) report('file-bom', file, 'starts with a UTF-8 byte order mark; write UTF-8 without BOM', 1);
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return strictUtf8.decode(body);
  } catch {
    const text = lenientUtf8.decode(body);
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    report('file-not-utf8', file, 'is not valid UTF-8 (first bad byte sequence on this line)', line);
    return text;
  }
}
