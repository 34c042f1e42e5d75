import { statSync } from 'node:fs';
import { mkdir, readdir, readFile, realpath, rmdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsError } from '../errors.js';
import { isTempFileName, TEMP_MARKER, writeFileAtomic, writeNewFile, writeNewFileSync } from './atomic-write.js';
import { createTaskPool } from './bounded.js';
import { Utf8Scratch } from './utf8-scratch.js';
import { WritePace } from './write-pace.js';
import { SEGMENT_FILE_NAME, subtitleSegmentName } from '../hls/subtitle-playlist.js';

export interface RenditionFiles {
  dir: string;
  /** Produced lazily, in order; each is written as soon as it is produced. Text is written as UTF-8. */
  segments: Iterable<{ content: string | Uint8Array; hasCues: boolean }>;
  /** Awaited before each segment is pulled (the chat feed's readiness: producing may block otherwise). */
  beforeSegment?: () => Promise<void>;
  segmentCount: number;
  playlistName: string;
  /** Called after every segment is on disk, with the segment file names in order. */
  playlist: (segmentNames: readonly string[]) => string;
  masterPath: string;
  /** Called last; undefined when the master needs no change. */
  master: () => string | undefined;
}

export interface CommitResult {
  /** Files written (or, in a dry run, that would be): segments not already there, the playlist, the master. */
  filesWritten: number;
  /** Segments already on disk as this run would write them (named by the playlist there): not written again. */
  segmentsUnchanged: number;
  filesRemoved: number;
  bytes: number;
  segmentsWithCues: number;
}


/**
 * Writes through the pool at once: replacements (a temporary and a rename), and every write once
 * the file system proved slow (WritePace).
 */
const WRITE_CONCURRENCY = 16;

/** The longest the write loop goes without giving the event loop a turn (the lock's refresh, SIGINT, progress). */
const TURN_MS = 50;

/**
 * Lands a rendition so that a crash at any moment leaves a consistent one: content-named segments
 * first (beside the previous run's, never over them; no file a playlist names is ever seen half
 * written), then the subtitles playlist, then the master in one rename. Only then are segments no
 * playlist names any more, and temporary files of an interrupted run, removed.
 */
export async function commitRendition(
  files: RenditionFiles,
  options: {
    dryRun: boolean;
    onProgress?: (p: { stage: 'write'; done: number }) => void;
    /** How new segments start being written (default: in line, see WritePace). */
    writePace?: WritePace;
  },
): Promise<CommitResult> {
  const result: CommitResult = { filesWritten: 0, segmentsUnchanged: 0, filesRemoved: 0, bytes: 0, segmentsWithCues: 0 };
  const names: string[] = [];
  const pool = createTaskPool(WRITE_CONCURRENCY);
  const pace = options.writePace ?? new WritePace();
  const scratch = new Utf8Scratch();
  let createdDir: string | undefined;
  if (!options.dryRun) {
    try {
      createdDir = await mkdir(files.dir, { recursive: true });
    } catch (err) {
      throw fsError('create output folder', files.dir, err);
    }
  }
  // A content-named segment that the playlist on disk names, and that is a regular file of this
  // content's size, holds this content: it was written whole before that playlist was. So it is
  // not written again. The size is checked because segments are not fsynced: after a power cut
  // the playlist may name a segment whose data never reached the disk (an empty file), which a
  // rerun must repair. Any other file under a segment's name may be a killed run's partial write:
  // it is replaced atomically, as is every name the playlist on disk names (a player may fetch it
  // now). Only a name neither there nor named is created in place (writeNewFile): nobody reads it
  // until the new playlist names it. One readdir and one playlist read instead of a stat per new
  // segment: 18 000 failing stats are measurable; a rerun stats only the files it keeps.
  // A dry run reads them too (it writes nothing), so that it reports what a run would write.
  const existing = options.dryRun ? await folderEntries(files.dir).catch(() => new Map<string, boolean>()) : await folderEntries(files.dir);
  const live = await liveSegments(join(files.dir, files.playlistName), existing);
  const inUse = (name: string) => live.named === 'unknown' || live.named.has(name) || existing.has(name);
  /** Removes what this run created: the segments whose names were free, and the folders made for them. */
  const takeBack = () => removeWritten(files.dir, names.filter((name) => !existing.has(name)), createdDir);
  let turnAt = Date.now();
  try {
    const iterator = files.segments[Symbol.iterator]();
    for (;;) {
      await files.beforeSegment?.();
      // Written in line, new segments no longer go through the pool, whose run() reported a
      // failed replacement at the next segment: checked here instead.
      pool.throwIfFailed();
      // Unchanged segments are not written and new ones are mostly written in line, so nothing
      // here would give timers (the lock's refresh) and signals (SIGINT) a turn: take one at least
      // every TURN_MS.
      if (Date.now() - turnAt > TURN_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        turnAt = Date.now();
      }
      const next = iterator.next();
      if (next.done) break;
      const segment = next.value;
      // Encoded once: the name's hash, the byte count and the write all take these bytes, where a
      // string made each of them encode (or scan) the whole segment again (110 MB per 1 M messages).
      // Into one reused buffer: a write in line is done with it before the next segment.
      const bytes = typeof segment.content === 'string' ? scratch.encode(segment.content) : segment.content;
      const name = subtitleSegmentName(names.length, files.segmentCount, bytes);
      names.push(name);
      if (segment.hasCues) result.segmentsWithCues++;
      const path = join(files.dir, name);
      const unchanged = live.trusted.has(name) && sizeOf(path) === bytes.byteLength;
      if (unchanged) {
        result.segmentsUnchanged++;
      } else {
        result.bytes += bytes.byteLength;
        result.filesWritten++;
      }
      if (!options.dryRun && !unchanged) {
        const inLine = !inUse(name) && pace.inLine;
        let written = false;
        if (inLine) {
          const started = performance.now();
          written = writeNewFileSync(path, bytes).written;
          pace.record(performance.now() - started);
        }
        if (!written) {
          // A copy: the pool writes it later, and the scratch buffer is the next segment's by then.
          // A name found taken in line (since the readdir) is replaced whole, as one in use is.
          const own = Buffer.from(bytes);
          await pool.run(() => writeSegment(path, own, inLine || inUse(name)));
        }
      }
      options.onProgress?.({ stage: 'write', done: names.length });
    }
    // Inside the try: a write that fails only now must be cleaned up like one that failed earlier.
    await pool.drain();
  } catch (err) {
    // Producing or writing the segments failed (the chat is read while segments are written, so
    // bad input can surface late): let the writes in flight land, then take back what this run
    // added, so a failed run leaves the output folder as it found it.
    await pool.settle();
    if (!options.dryRun) await takeBack();
    throw err;
  }

  const playlist = files.playlist(names);
  result.bytes += Buffer.byteLength(playlist);
  result.filesWritten++;
  if (!options.dryRun) {
    try {
      await writeFileAtomic(join(files.dir, files.playlistName), playlist, { fsync: true });
    } catch (err) {
      // The playlist on disk is still the old one (the temporary never replaced it), so the
      // segments this run created are nobody's: they go. Past this point the new playlist is
      // live, and they must stay.
      await takeBack();
      throw err;
    }
  }

  // The file the master's path leads to: a master that is a symbolic link keeps being one, and
  // its target is what gets patched (replacing the link by a file would leave the target stale).
  const masterFile = await realpath(files.masterPath).catch(() => files.masterPath);
  const master = files.master();
  if (master !== undefined) {
    result.filesWritten++;
    result.bytes += Buffer.byteLength(master);
    if (!options.dryRun) {
      const like = await stat(masterFile).then(({ mode, uid, gid }) => ({ mode, uid, gid }), () => undefined);
      await writeFileAtomic(masterFile, master, { fsync: true, like });
    }
  }

  if (!options.dryRun) {
    result.filesRemoved = await removeLeftovers(files.dir, new Set(names));
    result.filesRemoved += await removeMasterTemporaries(masterFile);
  }
  return result;
}

/** Segments this run wrote, and the folders it created for them (only if they are empty again). */
async function removeWritten(dir: string, written: string[], createdDir: string | undefined): Promise<void> {
  await Promise.all(written.map((name) => unlink(join(dir, name)).catch(() => {})));
  if (createdDir === undefined) return;
  for (let d = dir; d.length >= createdDir.length; d = dirname(d)) {
    try {
      await rmdir(d);
    } catch {
      return;
    }
    if (d === createdDir) return;
  }
}

/** Temporaries of a master swap that a killed run left beside the master. */
async function removeMasterTemporaries(masterPath: string): Promise<number> {
  const prefix = `.${basename(masterPath)}${TEMP_MARKER}`;
  let removed = 0;
  for (const name of await readdir(dirname(masterPath))) {
    if (name.startsWith(prefix) && isTempFileName(name)) {
      await unlink(join(dirname(masterPath), name)).catch(() => {});
      removed++;
    }
  }
  return removed;
}

/** A segment's file: created in place when its name is free and unused, else replaced whole. */
async function writeSegment(path: string, bytes: Uint8Array, nameInUse: boolean): Promise<void> {
  if (!nameInUse && (await writeNewFile(path, bytes)).written) return;
  await writeFileAtomic(path, bytes);
}

/** The size of the file at `path`, or -1 when it cannot be read. */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}

/** Every name in the folder, and whether it is a regular file. */
async function folderEntries(dir: string): Promise<Map<string, boolean>> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
    throw fsError('read output folder', dir, err);
  });
  return new Map(entries.map((e) => [e.name, e.isFile()]));
}

interface LiveSegments {
  /** Segment names the playlist on disk names; 'unknown' when it is there but not a regular file. */
  named: Set<string> | 'unknown';
  /** Those that are regular files: whole, since they were written before that playlist was. */
  trusted: Set<string>;
}

const NOTHING_LIVE: LiveSegments = { named: new Set(), trusted: new Set() };

/**
 * What the subtitles playlist on disk names. It is read only when readdir says it is a regular
 * file: opening a FIFO under its name would block for ever, and a symlink's target is not
 * something this run wrote. A playlist that is there but cannot be read trusts nothing and keeps
 * every name in use.
 */
async function liveSegments(playlistPath: string, entries: ReadonlyMap<string, boolean>): Promise<LiveSegments> {
  const isRegularFile = entries.get(basename(playlistPath));
  if (isRegularFile === undefined) return NOTHING_LIVE;
  const text = isRegularFile ? await readFile(playlistPath, 'utf8').catch(() => undefined) : undefined;
  if (text === undefined) return { named: 'unknown', trusted: new Set() };
  const named = new Set<string>();
  const trusted = new Set<string>();
  for (const line of text.split('\n')) {
    const uri = line.trim();
    if (!SEGMENT_FILE_NAME.test(uri)) continue;
    named.add(uri);
    if (entries.get(uri) === true) trusted.add(uri);
  }
  return { named, trusted };
}

/** Segments no longer referenced (an earlier run of a longer video) and temporaries of interrupted runs. */
async function removeLeftovers(dir: string, keep: Set<string>): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir)) {
    if ((SEGMENT_FILE_NAME.test(name) && !keep.has(name)) || isTempFileName(name)) {
      await unlink(join(dir, name)).catch(() => {});
      removed++;
    }
  }
  return removed;
}
