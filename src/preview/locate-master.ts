import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fsError, inputError } from '../errors.js';

/** What `chat-replay preview` serves: a folder, and the master playlist in it the page plays. */
export interface PreviewTarget {
  root: string;
  masterPath: string;
}

/**
 * `preview vod/master.m3u8` serves the master's folder; `preview vod/` serves the folder and plays
 * its master: `master.m3u8` if present, otherwise the one playlist there with EXT-X-STREAM-INF.
 */
export async function locatePreviewTarget(target: string): Promise<PreviewTarget> {
  const stat = await fs.stat(target).catch((err: unknown) => {
    throw fsError('open', target, err);
  });
  if (stat.isFile()) return { root: path.dirname(path.resolve(target)), masterPath: path.resolve(target) };

  const root = path.resolve(target);
  const entries = await fs.readdir(root).catch((err: unknown) => {
    throw fsError('list', target, err);
  });
  if (entries.includes('master.m3u8')) return { root, masterPath: path.join(root, 'master.m3u8') };

  const masters: string[] = [];
  for (const name of entries.filter((n) => n.toLowerCase().endsWith('.m3u8')).sort()) {
    const text = await fs.readFile(path.join(root, name), 'utf8').catch(() => '');
    if (text.includes('#EXT-X-STREAM-INF')) masters.push(name);
  }
  const [only, ...others] = masters;
  if (!only) throw inputError('no master playlist here (no master.m3u8, no .m3u8 with #EXT-X-STREAM-INF)', target);
  if (others.length > 0) throw inputError(`several master playlists (${masters.join(', ')}); name the one to play`, target);
  return { root, masterPath: path.join(root, only) };
}
