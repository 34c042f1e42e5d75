import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { fsError, ioError } from '../errors.js';

/** How a URL is named in messages: a path for files, the URL otherwise. */
export function displayUrl(url: URL): string {
  return url.protocol === 'file:' ? fileURLToPath(url) : url.href;
}

/** Reads a playlist from disk or over HTTP(S) (remote video playlists are allowed). */
export async function readTextFromUrl(url: URL, timeoutMs = 15_000): Promise<string> {
  if (url.protocol === 'file:') {
    const path = fileURLToPath(url);
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      throw fsError('read', path, err);
    }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw ioError(`unsupported URL scheme ${url.protocol}`, url.href);
  }
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw ioError(`cannot fetch: ${(err as Error).message}`, url.href, err);
  }
  if (!response.ok) throw ioError(`HTTP ${response.status} ${response.statusText}`, url.href);
  return response.text();
}
