/**
 * The whole packaging flow on one screen:
 *   master → video timeline → timestamp maps
 *   chat archives → messages → rules → cues → segments on the video timeline
 *   → segment files, subtitles playlist, and last the patched master.
 * Stages are pure; reading and writing happen here and in io/.
 */
import { constants } from 'node:fs';
import { access, lstat, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Cue } from './cues/cue.js';
import { messageLayout } from './cues/message-layout.js';
import { renderMessageLine } from './cues/render-message.js';
import { windowLayout } from './cues/window-layout.js';
import { fsError, inputError } from './errors.js';
import type { ChatMessage } from './ingest/message.js';
import type { MessageOrder, SourceReport } from './ingest/read-sources.js';
import { ChatFeedOutOfOrder, openChatFeed, type ChatFeed, type ReadWorker } from './ingest/worker/chat-feed.js';
import { parseIsoInstant } from './ingest/time-base.js';
import type { ChatSource } from './ingest/types.js';
import { canonicalLanguageTag } from './hls/language.js';
import { parseMaster, pickVideoVariant } from './hls/master.js';
import { patchMaster } from './hls/master-patch.js';
import { assertOutputIsOurs } from './hls/output-conflicts.js';
import { resolveOutputDir } from './hls/output-paths.js';
import { assertQuotedStringValue } from './hls/quoted-string.js';
import { assertMasterStaysInside, assertOutputStaysInside } from './io/real-path.js';
import { segmentCuesOnTimeline, type PlacedCue, type SegmenterStats } from './hls/segmenter.js';
import { renderSubtitlePlaylist } from './hls/subtitle-playlist.js';
import { resolveTimestampMaps, type TimestampMaps } from './hls/timestamp-maps.js';
import { parseVideoTimeline, programDateTimeAnchors, type VideoTimeline } from './hls/video-timeline.js';
import { formatCueBlock, renderWebvttSegment } from './hls/webvtt-segment.js';
import { commitRendition, type RenditionFiles } from './io/rendition-writer.js';
import { lockMaster, type MasterLock } from './io/lock.js';
import { displayUrl, readTextFromUrl } from './io/read-text.js';
import { applyRuleSet } from './rules/apply.js';
import type { RuleReport, RuleSet } from './rules/types.js';
import { usageError } from './errors.js';

export type LayoutName = 'message' | 'window';
export type BoxPosition = 'right' | 'left' | 'bottom';

export interface PackageOptions {
  chat: ChatSource[];
  /**
   * A reading worker started earlier (startReadWorker), which has loaded its modules while this
   * run loaded and read the video; the first read of the chat uses it. A run that does not get to
   * the chat leaves it unused (it does not keep the process alive).
   */
  readWorker?: ReadWorker;
  masterPath: string;
  rulesFile?: string;
  name: string;
  language: string;
  group: string;
  /** Relative to the master's folder; default `subs/<name>`. */
  out?: string;
  allowOutside: boolean;
  default: boolean;
  holdMs: number;
  maxVisible: number;
  layout: LayoutName;
  lines: number;
  updateRateMs: number;
  position: BoxPosition;
  showLabels: boolean;
  keepPreroll: boolean;
  /** Overrides the probed MPEGTS (every discontinuity domain). */
  mpegts?: number;
  startedAt?: string;
  videoUri?: string;
  dryRun: boolean;
  /** How long to wait for another run on the same master to finish. */
  lockWaitMs: number;
  onProgress?: (p: { stage: 'read' | 'write'; done: number; total?: number }) => void;
}

export interface PackageSummary {
  master: string;
  video: string;
  output: string;
  playlist: string;
  rendition: { groups: string[]; name: string; language: string; uri: string; default: boolean };
  sources: SourceReport[];
  messages: { read: number; preroll: { dropped: number; clamped: number }; kept: number };
  /** Per rule: how many messages it passed on (`kept`), removed and changed. */
  rules: (RuleReport & { kept: number })[];
  /** `hiddenInWindow`: messages that scrolled out of the window layout's box before any update showed them. */
  cues: { total: number; peakPerMinute: number; droppedPastEnd: number; clipped: number; hiddenInWindow: number };
  /** `unchanged`: already on disk as this run would write them, so not written again (a rerun). */
  segments: { total: number; withCues: number; empty: number; unchanged: number };
  timestampMaps: { domain: number; mpegts: number; source: string }[];
  master_patch: { changed: boolean; inserted: number; replaced: number; variantsLinked: number };
  files: { written: number; removed: number; bytes: number };
  dryRun: boolean;
}

async function readMasterText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw fsError('read master playlist', path, err);
  }
}

/**
 * Packages chat archives as a SUBTITLES rendition of the master. Throws ChatReplayError on bad input.
 * Holds the master's lock from before it is read until after it is replaced, so two runs never
 * interleave their read-patch-write.
 */
export async function packageChatReplay(options: PackageOptions): Promise<PackageSummary> {
  const masterPath = resolve(options.masterPath);
  const masterDir = dirname(masterPath);
  const language = canonicalLanguageTag(options.language);
  assertQuotedStringValue('--name', options.name);
  assertQuotedStringValue('--group', options.group);
  const out = options.out ?? join('subs', options.name);
  const { dir: outDir, uriFromMaster } = resolveOutputDir(masterDir, out, options.allowOutside);
  if (!options.allowOutside) {
    await assertOutputStaysInside(masterDir, outDir, out);
    await assertMasterStaysInside(masterPath, options.masterPath);
  }
  const startedAtMs = options.startedAt === undefined ? undefined : parseStartedAt(options.startedAt);
  await assertMasterReadable(masterPath, options.masterPath);
  // Locked where it will be written: a master that is a symbolic link is patched at its target,
  // and a run given the link and one given the target must take the same lock.
  const lock = options.dryRun ? undefined : await lockMaster(await realpath(masterPath).catch(() => masterPath), options.lockWaitMs);
  try {
    return await packageLocked(options, { masterPath, language, out, outDir, uriFromMaster, startedAtMs, lock });
  } finally {
    await lock?.release();
  }
}

/** The text of `path` when it is a regular file (not a link, folder or FIFO); else undefined. */
async function readRegularFile(path: string): Promise<string | undefined> {
  try {
    return (await lstat(path)).isFile() ? await readFile(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

async function assertMasterReadable(masterPath: string, shown: string): Promise<void> {
  try {
    await access(masterPath, constants.R_OK);
  } catch (err) {
    throw fsError('read master playlist', shown, err);
  }
}

interface Resolved {
  masterPath: string;
  language: string;
  /** --out as given (or its default), for messages. */
  out: string;
  outDir: string;
  uriFromMaster: string;
  startedAtMs: number | undefined;
  lock: MasterLock | undefined;
}

async function packageLocked(options: PackageOptions, resolved: Resolved): Promise<PackageSummary> {
  const { masterPath, language, out, outDir, uriFromMaster, startedAtMs, lock } = resolved;
  const playlistUri = `${uriFromMaster}/index.m3u8`;

  // The video: the master, its timeline-setting variant, and where its timestamps start.
  const master = parseMaster(await readMasterText(masterPath), options.masterPath);
  assertOutputIsOurs(master, pathToFileURL(masterPath), playlistUri, out, await readRegularFile(join(outDir, 'index.m3u8')));
  const variant = pickVideoVariant(master, options.videoUri);
  const videoUrl = new URL(variant.uri, pathToFileURL(masterPath));
  const timeline = parseVideoTimeline(await readTextFromUrl(videoUrl), videoUrl, displayUrl(videoUrl));
  const maps = await resolveTimestampMaps(timeline, options.mpegts);
  // The master's new text does not depend on the chat: computing it first means a master that
  // cannot take the rendition (a second DEFAULT=YES) fails before any file is written.
  const patch = patchMaster(master, {
    group: options.group,
    name: options.name,
    language,
    default: options.default,
    uri: playlistUri,
  });

  // The chat: rules first, so a bad rules file fails before a long read.
  // The rule registry (fifteen modules) is only loaded when a rules file is given.
  const ruleSet: RuleSet = options.rulesFile ? await (await import('./rules/load.js')).loadRuleSet(options.rulesFile) : { rules: [] };
  const feedOptions = {
    keepPreroll: options.keepPreroll,
    startedAtMs,
    programDateTimes: programDateTimeAnchors(timeline),
    onProgress: (done: number) => options.onProgress?.({ stage: 'read', done }),
  };
  let started = options.readWorker;
  const run = (order: MessageOrder) => {
    // The worker started ahead serves the first read; a read again in collect order gets a new one.
    const worker = started;
    started = undefined;
    return writeChatRendition(openChatFeed(options.chat, { ...feedOptions, order }, worker), ruleSet, options, {
      timeline,
      maps,
      outDir,
      masterPath,
      master: () => {
        lock?.assertHeld();
        return patch.changed ? patch.text : undefined;
      },
    });
  };
  // Archives are streamed in time order, so memory stays flat however long the broadcast; one
  // that turns out not to be in order is read again, held whole and sorted.
  const chat = await run('stream').catch(async (err: unknown) => {
    if (!(err instanceof ChatFeedOutOfOrder)) throw err;
    // Collect order reads every source again from its start, which a pipe cannot give.
    for (const source of options.chat) {
      const info = await stat(source.file).catch((e: unknown) => {
        throw fsError('read chat archive', source.file, e);
      });
      if (!info.isFile()) {
        const why = err.file === source.file ? 'not in time order' : `${err.file} is not in time order, so every source must be read again`;
        throw inputError(`${why}, and a pipe cannot be read again to sort it: save the chat to a file and package that`, source.file);
      }
    }
    return run('collect');
  });
  const { ingest, written, kept, reports, cueStats, segmenterStats, windowStats } = chat;
  const readCount = ingest.sources.reduce((n, s) => n + s.messages, 0);

  return {
    master: options.masterPath,
    video: displayUrl(videoUrl),
    output: outDir,
    playlist: join(outDir, 'index.m3u8'),
    rendition: { groups: patch.groups, name: options.name, language, uri: playlistUri, default: options.default },
    sources: ingest.sources,
    messages: { read: readCount, preroll: ingest.preroll, kept },
    rules: withKept(reports, ingest.kept),
    cues: { total: cueStats.total, peakPerMinute: cueStats.peakPerMinute, ...segmenterStats, hiddenInWindow: windowStats.hidden },
    segments: {
      total: timeline.segments.length,
      withCues: written.segmentsWithCues,
      empty: timeline.segments.length - written.segmentsWithCues,
      unchanged: written.segmentsUnchanged,
    },
    timestampMaps: maps.byDomain.map((m, domain) => ({ domain, mpegts: m.mpegts, source: m.source })),
    master_patch: { changed: patch.changed, inserted: patch.inserted, replaced: patch.replaced, variantsLinked: patch.variantsLinked },
    files: { written: written.filesWritten, removed: written.filesRemoved, bytes: written.bytes },
    dryRun: options.dryRun,
  };
}

export interface RenditionTarget {
  timeline: VideoTimeline;
  maps: TimestampMaps;
  outDir: string;
  masterPath: string;
  master: () => string | undefined;
}

/**
 * messages → rules → cues → segments → files, pulled one segment at a time while the feed's worker
 * reads ahead. The worker is stopped whatever happens. Exported for bench/main-thread.js, which
 * feeds it ready batches to measure the main thread's share alone.
 */
export async function writeChatRendition(feed: ChatFeed, ruleSet: RuleSet, options: PackageOptions, target: RenditionTarget) {
  const { timeline, maps } = target;
  try {
    const { messages: ruled, reports } = applyRuleSet(feed.messages, ruleSet);
    const windowStats = { cues: 0, hidden: 0 };
    const cues = layoutCues(ruled, options, windowStats);
    // Counted as the segmenter takes them rather than by a generator of its own around the
    // layout: each stage between the worker and the segments is a generator resumed once per
    // message or cue, and two of them only counting cost ~150 ms per million.
    const cueStats = cueCounter();
    const segmenterStats: SegmenterStats = { droppedPastEnd: 0, clipped: 0 };
    const files: RenditionFiles = {
      dir: target.outDir,
      segments: (function* () {
        for (const { segment, cues: segmentCues } of segmentCuesOnTimeline(cues, timeline, segmenterStats, cueStats.count)) {
          const map = maps.byDomain[segment.domain]!;
          const blocks = segmentCues.map((c) => cachedBlock(c, map.originMs));
          yield { content: renderWebvttSegment(map.mpegts, blocks), hasCues: blocks.length > 0 };
        }
      })(),
      beforeSegment: () => feed.ready(),
      segmentCount: timeline.segments.length,
      playlistName: 'index.m3u8',
      playlist: (segmentNames) => renderSubtitlePlaylist(timeline, segmentNames),
      masterPath: target.masterPath,
      master: target.master,
    };
    const written = await commitRendition(files, {
      dryRun: options.dryRun,
      onProgress: (p) => options.onProgress?.({ ...p, total: timeline.segments.length }),
    });
    const ingest = feed.result();
    // Rules only drop or edit (the per-rule `kept` of the summary rests on it too), so what reaches
    // the layout is what the feed handed over less what they dropped: no counting generator.
    const kept = reports.reduce((n, r) => n - r.dropped, ingest.kept);
    return { ingest, written, kept, reports, cueStats: cueStats.stats, segmenterStats, windowStats };
  } finally {
    await feed.close();
  }
}

/** Each rule passes on what it received less what it dropped; the first receives every message. */
function withKept(reports: RuleReport[], total: number): (RuleReport & { kept: number })[] {
  let received = total;
  return reports.map((r) => {
    received -= r.dropped;
    return { rule: r.rule, kept: received, dropped: r.dropped, edited: r.edited };
  });
}

function parseStartedAt(text: string): number {
  const ms = parseIsoInstant(text);
  if (ms === undefined) throw usageError(`--started-at "${text}" is not an ISO-8601 date-time with a zone (e.g. 2026-11-21T19:00:00Z)`);
  return ms;
}

function layoutCues(messages: Iterable<ChatMessage>, options: PackageOptions, stats: { cues: number; hidden: number }): Iterable<Cue> {
  const renderLine = (m: ChatMessage) => renderMessageLine(m, { showLabels: options.showLabels });
  if (options.layout === 'window') {
    return windowLayout(messages, {
      lines: options.lines,
      updateRateMs: options.updateRateMs,
      holdMs: options.holdMs,
      position: options.position,
      renderLine,
      stats,
    });
  }
  return messageLayout(messages, { holdMs: options.holdMs, maxVisible: options.maxVisible, renderLine });
}

/** Counts cues and the busiest minute (cue starts per wall-clock minute of video) as they pass. */
function cueCounter() {
  const stats = { total: 0, peakPerMinute: 0 };
  let minute = -1;
  let inMinute = 0;
  return {
    stats,
    count: (cue: Cue) => {
      stats.total++;
      const m = Math.floor(cue.startMs / 60_000);
      if (m !== minute) {
        minute = m;
        inMinute = 0;
      }
      inMinute++;
      if (inMinute > stats.peakPerMinute) stats.peakPerMinute = inMinute;
    },
  };
}

/** A cue repeated in several segments is rendered once: the repeats must be byte-identical anyway. */
function cachedBlock(cue: PlacedCue, originMs: number): string {
  cue.block ??= formatCueBlock(cue, originMs);
  return cue.block;
}

export type { TimestampMaps };
