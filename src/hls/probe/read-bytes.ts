import { open, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ChatReplayError, fsError, inputError, ioError } from '../../errors.js';
import type { ByteRange, SourceBytes } from './types.js';

export const DEFAULT_HTTP_TIMEOUT_MS = 15_000;

/** The name a person recognises: a path for `file:` URLs, the URL itself otherwise. */
export function describeUrl(url: URL): string {
  return url.protocol === 'file:' ? fileURLToPath(url) : url.href;
}

/**
 * Reads a whole resource, or only `range` of it, from a `file:` or `http(s):` URL. Probing needs
 * the first segment only, so whole-segment reads are fine; ranges exist because EXT-X-BYTERANGE
 * playlists pack every segment into one file.
 */
export async function readBytes(url: URL, range?: ByteRange, timeoutMs = DEFAULT_HTTP_TIMEOUT_MS): Promise<SourceBytes> {
  const source = describeUrl(url);
  if (range) checkRange(range, source);
  switch (url.protocol) {
    case 'file:':
      return readFileBytes(source, range);
    case 'http:':
    case 'https:':
      return fetchBytes(url, source, range, timeoutMs);
    default:
      throw inputError(`cannot read media from a ${url.protocol} URL (only file:, http: and https:)`, source);
  }
}

function checkRange({ offset, length }: ByteRange, source: string): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length <= 0) {
    throw inputError(`invalid byte range ${length}@${offset}: need an offset ≥ 0 and a length > 0`, source);
  }
}

async function readFileBytes(path: string, range: ByteRange | undefined): Promise<SourceBytes> {
  try {
    if (!range) return { bytes: new Uint8Array(await readFile(path)), source: path, offset: 0 };
    const handle = await open(path, 'r');
    try {
      const bytes = new Uint8Array(range.length);
      let filled = 0;
      // read() may return fewer bytes than asked; loop until the range is full or the file ends.
      while (filled < range.length) {
        const { bytesRead } = await handle.read(bytes, filled, range.length - filled, range.offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled < range.length) throw rangePastEnd(range, filled, path);
      return { bytes, source: path, offset: range.offset };
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw fsError('read', path, err);
  }
}

async function fetchBytes(url: URL, source: string, range: ByteRange | undefined, timeoutMs: number): Promise<SourceBytes> {
  const headers: Record<string, string> = range ? { Range: `bytes=${range.offset}-${range.offset + range.length - 1}` } : {};
  let body: Uint8Array;
  let status: number;
  let contentRange: string | null;
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    status = response.status;
    contentRange = response.headers.get('content-range');
    if (!response.ok) {
      throw ioError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, source);
    }
    body = new Uint8Array(await response.arrayBuffer());
  } catch (err) {
    if (err instanceof ChatReplayError) throw err;
    const name = (err as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw ioError(`no complete response within ${timeoutMs} ms`, source, err);
    }
    const cause = (err as { cause?: { message?: string } })?.cause?.message;
    throw ioError(`cannot fetch: ${cause ?? (err as Error)?.message ?? String(err)}`, source, err);
  }
  if (!range) return { bytes: body, source, offset: 0 };
  // A 206 must start where we asked; parsing bytes from elsewhere would report nonsense offsets.
  const servedFrom = status === 206 ? /^bytes (\d+)-/.exec(contentRange ?? '')?.[1] : undefined;
  if (servedFrom !== undefined && Number(servedFrom) !== range.offset) {
    throw ioError(`asked for bytes from ${range.offset}, the server sent ${contentRange}`, source);
  }
  // A server that ignores Range answers 200 with the whole resource: cut the range out ourselves.
  const bytes = status === 206 ? body.subarray(0, range.length) : body.subarray(range.offset, range.offset + range.length);
  if (bytes.length < range.length) throw rangePastEnd(range, bytes.length, source);
  return { bytes, source, offset: range.offset };
}

function rangePastEnd(range: ByteRange, got: number, source: string): ChatReplayError {
  return inputError(
    `byte range ${range.length}@${range.offset} runs past the end of the data (only ${got} bytes there)`,
    source,
    { path: `byte ${range.offset + got}` },
  );
}
