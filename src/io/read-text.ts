import { describeUrl, readBytes } from '../hls/probe/read-bytes.js';

/** How a URL is named in messages: a path for files, the URL otherwise. */
export const displayUrl = describeUrl;

/** Reads a playlist from disk or over HTTP(S) (remote video playlists are allowed), as UTF-8. */
export async function readTextFromUrl(url: URL): Promise<string> {
  const { bytes } = await readBytes(url);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
