import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ChatReplayError } from '../../src/errors.js';
import { locatePreviewTarget } from '../../src/preview/locate-master.js';

const MASTER = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv/index.m3u8\n';
const MEDIA = '#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6,\na.ts\n#EXT-X-ENDLIST\n';
let tmp: string;

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(tmp, name);
  await fs.mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await fs.writeFile(path.join(dir, file), text);
  return dir;
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'chat-replay-locate-'));
});
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

describe('locatePreviewTarget', () => {
  test('a master file serves its folder', async () => {
    const dir = await folder('file', { 'stream.m3u8': MASTER });
    expect(await locatePreviewTarget(path.join(dir, 'stream.m3u8'))).toEqual({ root: dir, masterPath: path.join(dir, 'stream.m3u8') });
  });

  test('a folder plays its master.m3u8', async () => {
    const dir = await folder('named', { 'master.m3u8': MASTER, 'other.m3u8': MASTER });
    expect(await locatePreviewTarget(dir)).toEqual({ root: dir, masterPath: path.join(dir, 'master.m3u8') });
  });

  test('otherwise the one playlist with EXT-X-STREAM-INF', async () => {
    const dir = await folder('single', { 'index.m3u8': MEDIA, 'main.m3u8': MASTER });
    expect((await locatePreviewTarget(dir)).masterPath).toBe(path.join(dir, 'main.m3u8'));
  });

  test('no master, or several, is an input error naming the folder', async () => {
    const none = await folder('none', { 'index.m3u8': MEDIA });
    await expect(locatePreviewTarget(none)).rejects.toMatchObject({ kind: 'input', file: none });
    const two = await folder('two', { 'a.m3u8': MASTER, 'b.m3u8': MASTER });
    await expect(locatePreviewTarget(two)).rejects.toThrow(/several master playlists \(a\.m3u8, b\.m3u8\)/);
  });

  test('a missing path is an I/O error', async () => {
    const err = await locatePreviewTarget(path.join(tmp, 'nope')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatReplayError);
    expect((err as ChatReplayError).kind).toBe('io');
    expect((err as ChatReplayError).format()).toMatch(/nope: cannot open: no such file or directory$/);
  });
});
