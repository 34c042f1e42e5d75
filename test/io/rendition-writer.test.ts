import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as atomicWrite from '../../src/io/atomic-write.js';
import { commitRendition, type RenditionFiles } from '../../src/io/rendition-writer.js';
import { subtitleSegmentName } from '../../src/hls/subtitle-playlist.js';

// Calls through; lets a test see which files were created in place.
vi.mock('../../src/io/atomic-write.js', async (importOriginal) => {
  const original = await importOriginal<typeof atomicWrite>();
  return { ...original, writeNewFile: vi.fn(original.writeNewFile) };
});

let root: string;
let dir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'rendition-writer-'));
  dir = join(root, 'subs');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  vi.mocked(atomicWrite.writeNewFile).mockClear();
});

const contents = ['WEBVTT\n\nfirst\n', 'WEBVTT\n\nsecond\n', 'WEBVTT\n\nthird\n'];
const names = contents.map((c, i) => subtitleSegmentName(i, contents.length, c));

function files(segments: Iterable<{ content: string; hasCues: boolean }> = contents.map((content) => ({ content, hasCues: true }))): RenditionFiles {
  return {
    dir,
    segments,
    segmentCount: contents.length,
    playlistName: 'index.m3u8',
    playlist: (segmentNames) => `#EXTM3U\n${segmentNames.map((n) => `#EXTINF:2.000,\n${n}`).join('\n')}\n#EXT-X-ENDLIST\n`,
    masterPath: join(root, 'master.m3u8'),
    master: () => undefined,
  };
}

const commit = (f = files()) => commitRendition(f, { dryRun: false });

describe('commitRendition', () => {
  it('writes every segment and the playlist, and leaves no temporary file', async () => {
    await commit();
    expect(readdirSync(dir).sort()).toEqual([...names, 'index.m3u8'].sort());
    names.forEach((name, i) => expect(readFileSync(join(dir, name), 'utf8')).toBe(contents[i]));
  });

  it('does not write again a segment the playlist on disk names', async () => {
    await commit();
    // Stands in for "unchanged": a file the playlist names is taken to hold its content.
    writeFileSync(join(dir, names[1]!), 'kept as it is');
    const result = await commit();
    expect(readFileSync(join(dir, names[1]!), 'utf8')).toBe('kept as it is');
    expect(result.filesWritten).toBe(contents.length + 1);
  });

  it('replaces a partial segment that no playlist names (a killed run wrote it)', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, names[0]!), 'WEBVTT\n\nfir');
    writeFileSync(join(dir, 'index.m3u8'), '#EXTM3U\n#EXTINF:2.000,\nseg_00000_0000000000.vtt\n#EXT-X-ENDLIST\n');
    await commit();
    expect(readFileSync(join(dir, names[0]!), 'utf8')).toBe(contents[0]);
  });

  it('replaces a symlink under a segment name instead of writing through it', async () => {
    mkdirSync(dir, { recursive: true });
    const elsewhere = join(root, 'elsewhere.txt');
    writeFileSync(elsewhere, 'not ours');
    symlinkSync(elsewhere, join(dir, names[2]!));
    await commit();
    expect(readFileSync(elsewhere, 'utf8')).toBe('not ours');
    expect(lstatSync(join(dir, names[2]!)).isFile()).toBe(true);
    expect(readFileSync(join(dir, names[2]!), 'utf8')).toBe(contents[2]);
  });

  it('a failed run removes the segments it created and keeps what was there', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'keep.txt'), 'x');
    function* failing() {
      yield { content: contents[0]!, hasCues: true };
      yield { content: contents[1]!, hasCues: true };
      throw new Error('bad chat at byte 12');
    }
    await expect(commit(files(failing()))).rejects.toThrow('bad chat at byte 12');
    expect(readdirSync(dir)).toEqual(['keep.txt']);
    expect(existsSync(join(dir, 'index.m3u8'))).toBe(false);
  });

  it('never creates in place a segment the playlist on disk names, even one that is missing', async () => {
    mkdirSync(dir, { recursive: true });
    // The live playlist names the second segment, whose file is gone (deleted by hand, say): a
    // player may fetch it while it is written, so it must appear whole.
    writeFileSync(join(dir, 'index.m3u8'), `#EXTM3U\n#EXTINF:2.000,\n${names[1]}\n#EXT-X-ENDLIST\n`);
    await commit();
    const inPlace = vi.mocked(atomicWrite.writeNewFile).mock.calls.map(([path]) => path);
    expect(inPlace.sort()).toEqual([join(dir, names[0]!), join(dir, names[2]!)].sort());
    expect(readFileSync(join(dir, names[1]!), 'utf8')).toBe(contents[1]);
  });

  it('does not open a FIFO under the playlist\'s name (it would block for ever), and writes every segment whole', async () => {
    mkdirSync(dir, { recursive: true });
    execFileSync('mkfifo', [join(dir, 'index.m3u8')]);
    await commit();
    expect(vi.mocked(atomicWrite.writeNewFile)).not.toHaveBeenCalled();
    expect(lstatSync(join(dir, 'index.m3u8')).isFile()).toBe(true);
    names.forEach((name, i) => expect(readFileSync(join(dir, name), 'utf8')).toBe(contents[i]));
  }, 10_000);

  it('a playlist that cannot be written leaves no segment of this run behind', async () => {
    // A folder under the playlist's name: the rename of the new playlist over it fails.
    mkdirSync(join(dir, 'index.m3u8', 'inside'), { recursive: true });
    await expect(commit()).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['index.m3u8']);
  });

  it('a write that fails last still has the segments this run created removed', async () => {
    // The last segment's name is taken by a folder that is not empty: its rename fails while the
    // loop has ended and only the writes in flight are awaited.
    mkdirSync(join(dir, names[2]!, 'inside'), { recursive: true });
    await expect(commit()).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([names[2]]);
  });
});
