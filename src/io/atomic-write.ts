import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsError } from '../errors.js';

/** Temporary files are `.<name>.chat-replay-<random>.tmp` beside their target, so a later run can find and remove leftovers. */
export const TEMP_MARKER = '.chat-replay-';
export const isTempFileName = (name: string) => name.startsWith('.') && name.includes(TEMP_MARKER) && name.endsWith('.tmp');

/**
 * Writes a file so that readers see either the old content or the new, never a part: write a
 * temporary file in the same folder, fsync it when asked, then rename it over the target (rename is
 * atomic within a file system).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: { fsync?: boolean } = {}) {
  const tmp = join(dirname(path), `.${basename(path)}${TEMP_MARKER}${randomBytes(6).toString('hex')}.tmp`);
  let handle;
  try {
    handle = await open(tmp, 'w', 0o644);
    await handle.writeFile(data);
    if (options.fsync) await handle.sync();
  } catch (err) {
    await handle?.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw fsError('write', path, err);
  }
  await handle.close();
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw fsError('replace', path, err);
  }
}
