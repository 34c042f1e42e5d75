import { realpath } from 'node:fs/promises';
import { dirname, relative, isAbsolute, sep } from 'node:path';
import { usageError } from '../errors.js';

/** The real path of `path`, or of its nearest ancestor that exists (the output folder may not yet). */
async function realPathOfNearestExisting(path: string): Promise<{ real: string; rest: string }> {
  let current = path;
  let rest = '';
  for (;;) {
    try {
      return { real: await realpath(current), rest };
    } catch {
      const parent = dirname(current);
      if (parent === current) return { real: current, rest };
      rest = rest ? `${current.slice(parent.length + 1)}${sep}${rest}` : current.slice(parent.length + 1);
      current = parent;
    }
  }
}

/**
 * `--out` must not leave the master's folder through a symlink either: the lexical check in
 * output-paths.ts sees `subs/chat`, the file system may see `/elsewhere/chat`.
 */
export async function assertOutputStaysInside(masterDir: string, outDir: string, outFlag: string): Promise<void> {
  // A master whose folder is missing cannot be read, which is the error to report (the caller
  // checks next); judged here, the nearest existing ancestor of --out would be outside it.
  const realMasterDir = await realpath(masterDir).catch(() => undefined);
  if (realMasterDir === undefined) return;
  const { real } = await realPathOfNearestExisting(outDir);
  const rel = relative(realMasterDir, real);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw usageError(
      `--out ${outFlag} leads through a symbolic link to ${real}, outside the master's folder ${realMasterDir}; pass --allow-outside to write there anyway`,
    );
  }
}

/**
 * A master that is a symbolic link is patched where it leads (the link stays a link), so that file
 * must be inside the master's folder too unless --allow-outside says otherwise. Judged by the
 * folder the link is in, which is where the rendition goes and what `--out` is relative to.
 */
export async function assertMasterStaysInside(masterPath: string, masterFlag: string): Promise<void> {
  const realFile = await realpath(masterPath).catch(() => undefined);
  const realMasterDir = await realpath(dirname(masterPath)).catch(() => undefined);
  if (realFile === undefined || realMasterDir === undefined) return;
  const rel = relative(realMasterDir, realFile);
  if (rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw usageError(
      `--master ${masterFlag} is a symbolic link to ${realFile}, outside its folder ${realMasterDir}, and patching it writes there; pass --allow-outside to patch it anyway`,
    );
  }
}
