import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Maps a request target onto a file inside the served folder, or says why not. Checked twice: once on
 * the words of the URL (every segment decoded exactly once, then refused if it could climb or hide),
 * and once on the real path after symlinks, so a link inside the folder cannot reach outside it.
 */
export type ServedPath =
  | { kind: 'file'; filePath: string; size: number; mtime: Date }
  | { kind: 'refused'; status: 400 | 403 | 404; reason: string };

/** `root` must already be a real path (fs.realpath), so the final containment check compares like with like. */
export async function resolveServedPath(realRoot: string, requestTarget: string): Promise<ServedPath> {
  const segments = urlPathSegments(requestTarget);
  if (!Array.isArray(segments)) return segments;

  const candidate = path.join(realRoot, ...segments);
  if (!isInside(realRoot, candidate)) return refused(403, 'outside the served folder');

  let real: string;
  try {
    real = await fs.realpath(candidate);
  } catch {
    return refused(404, 'no such file');
  }
  if (!isInside(realRoot, real)) return refused(403, 'links outside the served folder');

  const stat = await fs.stat(real).catch(() => undefined);
  // Directories get 404, not a listing: the only index this server shows is the player page.
  if (!stat?.isFile()) return refused(404, 'not a file');
  return { kind: 'file', filePath: real, size: stat.size, mtime: stat.mtime };
}

/** The decoded path segments of `/a/b%20c.ts?x`, or the refusal for a target that is not a plain path below the root. */
export function urlPathSegments(requestTarget: string): string[] | Extract<ServedPath, { kind: 'refused' }> {
  // Only origin-form targets (`/path?query`); `http://host/...` and `*` are for proxies.
  if (!requestTarget.startsWith('/')) return refused(400, 'not an origin-form request target');
  const rawPath = requestTarget.split(/[?#]/, 1)[0] ?? '';
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return refused(400, 'malformed percent-encoding');
    }
    // After one decode a segment must be one plain name: no separators smuggled in as %2f or %5c,
    // no NUL, nothing starting with a dot (`..`, `.`, and hidden files such as .git alike), and no
    // Windows drive prefix. A doubly-encoded `%252e%252e` decodes to the literal name `%2e%2e`, which
    // is harmless: it names a file that does not exist.
    if (/[/\\\0]/.test(segment) || segment.startsWith('.') || /^[a-zA-Z]:/.test(segment)) {
      return refused(403, 'path segment not allowed');
    }
    segments.push(segment);
  }
  return segments;
}

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function refused(status: 400 | 403 | 404, reason: string): Extract<ServedPath, { kind: 'refused' }> {
  return { kind: 'refused', status, reason };
}
