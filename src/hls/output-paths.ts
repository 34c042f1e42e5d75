import { isAbsolute, relative, resolve, sep } from 'node:path';
import { usageError } from '../errors.js';

/**
 * Resolves `--out` (relative to the master's folder) and the URI the master will hold for the
 * subtitles playlist: relative, with `/` separators, each segment percent-encoded (spaces and
 * non-ASCII names stay valid URIs).
 */
export function resolveOutputDir(masterDir: string, out: string, allowOutside: boolean): { dir: string; uriFromMaster: string } {
  const dir = resolve(masterDir, out);
  const rel = relative(masterDir, dir);
  const outside = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (outside && !allowOutside) {
    throw usageError(`--out ${out} is outside the master's folder ${masterDir}; pass --allow-outside to write there anyway`);
  }
  if (rel === '') throw usageError('--out must be a sub-folder of the master\'s folder, not the folder itself');
  return { dir, uriFromMaster: rel.split(sep).map(encodeUriSegment).join('/') };
}

/** Percent-encodes one path segment, keeping the characters RFC 3986 allows unencoded in a path. */
export function encodeUriSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2C/gi, ',').replace(/%3D/gi, '=').replace(/%40/gi, '@').replace(/%2B/gi, '+');
}
