import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as atomicWrite from '../../src/io/atomic-write.js';
import { commitRendition, type RenditionFiles } from '../../src/io/rendition-writer.js';
import { subtitleSegmentName } from '../../src/hls/subtitle-playlist.js';
import { SLOW_WRITE_MS, SLOW_WRITES_TO_SWITCH, WritePace } from '../../src/io/write-pace.js';

// Calls through; lets a test see which files were created in place (in line or through the pool).
vi.mock('../../src/io/atomic-write.js', async (importOriginal) => {
  const original = await importOriginal<typeof atomicWrite>();
  return { ...original, writeNewFile: vi.fn(original.writeNewFile), writeNewFileSync: vi.fn(original.writeNewFileSync) };
});

const createdInPlace = () =>
  [...vi.mocked(atomicWrite.writeNewFile).mock.calls, ...vi.mocked(atomicWrite.writeNewFileSync).mock.calls].map(([path]) => path).sort();

let root: string;
let dir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'rendition-writer-'));
  dir = join(root, 'subs');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  vi.mocked(atomicWrite.writeNewFile).mockClear();
  vi.mocked(atomicWrite.writeNewFileSync).mockClear();
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

describe('commitRendition on a slow file system', () => {
  it('writes in line until most recent writes are slow, then through the pool', async () => {
    const original = await vi.importActual<typeof atomicWrite>('../../src/io/atomic-write.js');
    const pause = new Int32Array(new SharedArrayBuffer(4));
    // Each create in line takes 3 ms, as on a network file system.
    vi.mocked(atomicWrite.writeNewFileSync).mockImplementation((path, data) => {
      Atomics.wait(pause, 0, 0, 3 * SLOW_WRITE_MS);
      return original.writeNewFileSync(path, data);
    });
    const many = Array.from({ length: 30 }, (_, i) => `WEBVTT\n\ncue ${i}\n`);
    await commitRendition(
      { ...files(many.map((content) => ({ content, hasCues: true }))), segmentCount: many.length },
      { dryRun: false },
    );
    expect(vi.mocked(atomicWrite.writeNewFileSync)).toHaveBeenCalledTimes(SLOW_WRITES_TO_SWITCH);
    expect(vi.mocked(atomicWrite.writeNewFile)).toHaveBeenCalledTimes(many.length - SLOW_WRITES_TO_SWITCH);
    many.forEach((content, i) => expect(readFileSync(join(dir, subtitleSegmentName(i, many.length, content)), 'utf8')).toBe(content));
    vi.mocked(atomicWrite.writeNewFileSync).mockImplementation(original.writeNewFileSync);
  });
});

// Every case runs both ways new segments are written: in line (a fast, local file system) and
// through the pool (once WritePace found the file system slow).
describe.each(['in line', 'pool'] as const)('commitRendition, new segments written %s', (pace) => {
  const commit = (f = files()) => commitRendition(f, { dryRun: false, writePace: new WritePace(pace) });
  const otherWay = pace === 'in line' ? atomicWrite.writeNewFile : atomicWrite.writeNewFileSync;

  it('creates new segments the way it was told to', async () => {
    await commit();
    expect(createdInPlace()).toEqual(names.map((name) => join(dir, name)).sort());
    expect(vi.mocked(otherWay)).not.toHaveBeenCalled();
  });

  it('writes every segment and the playlist, and leaves no temporary file', async () => {
    await commit();
    expect(readdirSync(dir).sort()).toEqual([...names, 'index.m3u8'].sort());
    names.forEach((name, i) => expect(readFileSync(join(dir, name), 'utf8')).toBe(contents[i]));
  });

  it('does not write again a segment the playlist on disk names', async () => {
    await commit();
    // Stands in for "unchanged": a file the playlist names, of the right size, is taken to hold its content.
    const standIn = 'k'.repeat(Buffer.byteLength(contents[1]!));
    writeFileSync(join(dir, names[1]!), standIn);
    const result = await commit();
    expect(readFileSync(join(dir, names[1]!), 'utf8')).toBe(standIn);
    // Counted as what they are: only the playlist was written, every segment was already there.
    expect(result.filesWritten).toBe(1);
    expect(result.segmentsUnchanged).toBe(contents.length);
  });

  it('repairs a segment the playlist names that lost its data (a power cut: segments are not fsynced)', async () => {
    await commit();
    writeFileSync(join(dir, names[1]!), '');
    writeFileSync(join(dir, names[2]!), contents[2]!.slice(0, 5));
    const result = await commit();
    expect(readFileSync(join(dir, names[1]!), 'utf8')).toBe(contents[1]);
    expect(readFileSync(join(dir, names[2]!), 'utf8')).toBe(contents[2]);
    expect(result.segmentsUnchanged).toBe(contents.length - 2);
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
    expect(createdInPlace()).toEqual([join(dir, names[0]!), join(dir, names[2]!)].sort());
    expect(readFileSync(join(dir, names[1]!), 'utf8')).toBe(contents[1]);
  });

  it('does not open a FIFO under the playlist\'s name (it would block for ever), and writes every segment whole', async () => {
    mkdirSync(dir, { recursive: true });
    execFileSync('mkfifo', [join(dir, 'index.m3u8')]);
    await commit();
    expect(createdInPlace()).toEqual([]);
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

  it('replaces whole a segment whose name was taken after the folder was read', async () => {
    const original = await vi.importActual<typeof atomicWrite>('../../src/io/atomic-write.js');
    // Another process creates the second segment's name between the readdir and the create.
    vi.mocked(atomicWrite.writeNewFileSync).mockImplementation((path, data) => {
      if (path !== join(dir, names[1]!)) return original.writeNewFileSync(path, data);
      writeFileSync(path, 'not ours');
      return { written: false };
    });
    vi.mocked(atomicWrite.writeNewFile).mockImplementation(async (path, data) => {
      if (path !== join(dir, names[1]!)) return original.writeNewFile(path, data);
      writeFileSync(path, 'not ours');
      return { written: false };
    });
    try {
      await commit();
    } finally {
      vi.mocked(atomicWrite.writeNewFileSync).mockImplementation(original.writeNewFileSync);
      vi.mocked(atomicWrite.writeNewFile).mockImplementation(original.writeNewFile);
    }
    names.forEach((name, i) => expect(readFileSync(join(dir, name), 'utf8')).toBe(contents[i]));
    expect(readdirSync(dir).sort()).toEqual([...names, 'index.m3u8'].sort());
  });

  it('stops soon after a write in the pool fails, not at the end of the run', async () => {
    // Enough segments that "soon" has room: the pool's failure arrives after however many in-line
    // writes its thread's wake-up takes, ~100 on a loaded CI machine (151 of 200 once, in a fresh
    // clone's run), against 2 000 here.
    const many = Array.from({ length: 2000 }, (_, i) => `WEBVTT\n\ncue ${i}\n`);
    const manyNames = many.map((c, i) => subtitleSegmentName(i, many.length, c));
    // The first segment's name is taken by a folder that is not empty: its replacement, in the
    // pool, fails; every other segment is new.
    mkdirSync(join(dir, manyNames[0]!, 'inside'), { recursive: true });
    let pulled = 0;
    const run = commit({
      ...files(),
      segments: (function* () {
        for (const content of many) {
          pulled++;
          yield { content, hasCues: true };
        }
      })(),
      segmentCount: many.length,
      // As the chat feed's readiness does while it waits for the worker: a turn of the event loop.
      beforeSegment: () => new Promise<void>((resolve) => setImmediate(resolve)),
    });
    await expect(run).rejects.toMatchObject({ file: join(dir, manyNames[0]!) });
    expect(pulled).toBeLessThan(many.length / 2);
    expect(readdirSync(dir)).toEqual([manyNames[0]]);
  });
});
