import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fsError, inputError } from '../errors.js';
import { FileChunks } from '../io/file-chunks.js';
import { readChatDownloader } from './chat-downloader.js';
import { asDecodedText, decodeChatInput, plainTextStart } from './decode.js';
import { DETECTION_ORDER, detectFormat, SNIFF_BYTES } from './detect.js';
import { FormatMismatch } from './format-mismatch.js';
import { JsonCursor, JsonSyntaxError, NEED_MORE } from './json/cursor.js';
import { peekHead } from './json/peek.js';
import { errorAtByte } from './json/text-errors.js';
import { sortMessagesByTime, type ChatMessage } from './message.js';
import { readNativeArchive, readNativeJsonLines } from './native.js';
import { readTwitchDownloader } from './twitchdownloader.js';
import type { ArchiveReader, ChatSource, FormatName, IngestStats, RandomAccessText, TimeBase } from './types.js';
import { readYtDlp } from './ytdlp.js';
import { REORDER_WINDOW_MS } from './reorder-window.js';
import { SourceSchedule } from './source-schedule.js';
import { withTextPosition } from './text-position.js';
import { isTimeInRange, timeOutOfRange } from './time-range.js';

export interface SourceReport {
  file: string;
  format: FormatName;
  /** True when the format was recognised from the content rather than given with format=. */
  detected: boolean;
  label?: string;
  records: number;
  messages: number;
  skipped: Record<string, number>;
}

export interface IngestResult {
  /** Every message of every source, merged and sorted by time (stable), pre-roll handled. */
  messages: ChatMessage[];
  sources: SourceReport[];
  /** Messages before the video start that were dropped (or clamped with keepPreroll). */
  preroll: { dropped: number; clamped: number };
}

export interface IngestOptions {
  timeBase: TimeBase;
  /** Clamp messages before the video start to 0 instead of dropping them. */
  keepPreroll: boolean;
  /** Told the running count of messages read (all sources), after each batch. */
  onProgress?: (messagesRead: number) => void;
  /**
   * Whether a large plain-UTF-8 archive may be parsed on two threads (default: past
   * MIN_PARALLEL_BYTES, on a machine with MIN_CORES_FOR_PARALLEL_PARSE cores), and tuning for
   * tests that want it on small files or fewer cores.
   */
  parallel?: false | Pick<RandomAccessText, 'minParallelBytes' | 'blockBytes' | 'onBlock'>;
}

/**
 * How the merged order is produced. `stream`: each source is expected in time order (as
 * TwitchDownloader and native archives are written) and is merged batch by batch, so memory stays
 * flat; a source that goes back in time stops the stream with SourceOutOfOrder. `collect`: every
 * message is held and sorted, which any input survives.
 */
export type MessageOrder = 'stream' | 'collect';

/** A source went back in time while streaming: read again in `collect` order. */
export class SourceOutOfOrder extends Error {
  constructor(
    readonly file: string,
    readonly timeMs: number,
    readonly afterMs: number,
  ) {
    super(`${file}: a message at ${timeMs} ms follows one at ${afterMs} ms`);
    this.name = 'SourceOutOfOrder';
  }
}

export interface ChatStream {
  /** The merged messages in batches, sorted by time (stable: source order, then file order). */
  batches: AsyncGenerator<ChatMessage[]>;
  /** Filled in while the batches are read; complete once they end. */
  result: StreamResult;
}

export interface StreamResult {
  sources: SourceReport[];
  preroll: { dropped: number; clamped: number };
  /** Messages read so far (all sources). */
  read: number;
}

function newStreamResult(): StreamResult {
  return { sources: [], preroll: { dropped: 0, clamped: 0 }, read: 0 };
}

/** Batches of a merge or a sorted collection: big enough that per-batch costs vanish, small enough to hand over often. */
const OUT_BATCH = 4096;

/** One streaming reader per format; `--chat FILE:format=NAME` picks one, otherwise detection does. */
export const READERS: Readonly<Record<FormatName, ArchiveReader>> = {
  native: readNativeArchive,
  'native-jsonl': readNativeJsonLines,
  twitchdownloader: readTwitchDownloader,
  ytdlp: readYtDlp,
  'chat-downloader': readChatDownloader,
};

/** Reads 1 MB at a time: fewer, larger chunks keep the per-chunk overhead of the parsers negligible. */
const READ_CHUNK_BYTES = 1 << 20;

function unrecognised(file: string, head: Buffer): Error {
  // An empty, cut-off or broken file is not an unknown format: say what it is.
  const text = head.toString('utf8').trim();
  if (text === '') return inputError('the file is empty', file);
  if (/^[[{]/.test(text)) {
    const problem = jsonProblem(head, head.length < SNIFF_BYTES);
    if (problem === 'truncated') return inputError(`the file ends at byte ${head.length} before its JSON is complete (truncated?)`, file);
    if (problem !== undefined) return errorAtByte('invalid JSON', problem.offset, `: ${problem.message}`, file);
  }
  const tried = DETECTION_ORDER.map((d) => `${d.format} (${d.looksFor})`).join('; ');
  return inputError(`unrecognised chat archive format; tried: ${tried}. Name the format with --chat FILE:format=NAME`, file);
}

/**
 * The first thing in `head` that keeps it from being JSON, read as one document or else as JSON
 * Lines: a syntax error where it is (`[garbage`, a Python repr's `'`), or, when `head` is the
 * whole file (`complete`), an end that comes too soon. Undefined when all of it parses. Only a
 * value cut off at the end of the whole file is truncation: `[garbage` is not (it was reported
 * as such, at the end of the file, while the error is at 1:2).
 */
function jsonProblem(head: Buffer, complete: boolean): JsonSyntaxError | 'truncated' | undefined {
  const cursor = new JsonCursor();
  cursor.reset(head, 0, 0, true);
  try {
    cursor.skip();
    if (cursor.atEnd()) return undefined;
  } catch (err) {
    if (err === NEED_MORE) return complete ? 'truncated' : undefined;
    if (!(err instanceof JsonSyntaxError)) throw err;
    // A document's error, unless the first line is a whole value by itself (JSON Lines).
    const firstLine = head.indexOf(0x0a);
    if (firstLine < 0 || firstLine >= err.offset || lineProblem(head, 0, firstLine, false) !== undefined) return err;
  }
  // The last line is the last that is not blank: a record cut off there, and then a newline, is truncation too.
  let textEnd = head.length;
  while (textEnd > 0 && (head[textEnd - 1] === 0x0a || head[textEnd - 1] === 0x0d || head[textEnd - 1] === 0x20 || head[textEnd - 1] === 0x09)) textEnd--;
  for (let start = 0; start < textEnd; ) {
    const newline = head.indexOf(0x0a, start);
    const end = newline < 0 || newline > textEnd ? textEnd : newline;
    const problem = lineProblem(head, start, end, end === textEnd);
    if (problem === 'truncated') return complete ? 'truncated' : undefined;
    if (problem !== undefined) return problem;
    start = end + 1;
  }
  return undefined;
}

/** What is wrong with line [start, end) of `text` as one JSON value, if anything (a blank line is fine). */
function lineProblem(text: Buffer, start: number, end: number, last: boolean): JsonSyntaxError | 'truncated' | undefined {
  const cursor = new JsonCursor();
  cursor.reset(text.subarray(start, end), start, 0, true);
  if (cursor.atEnd()) return undefined;
  try {
    cursor.skip();
    return cursor.atEnd() ? undefined : cursor.error('unexpected data after the JSON value');
  } catch (err) {
    if (err === NEED_MORE) return last ? 'truncated' : cursor.error('unexpected end of line (the record is incomplete)', end - start);
    if (err instanceof JsonSyntaxError) return err;
    throw err;
  }
}

/**
 * A large archive is parsed on a second reading thread only when it gets a core of its own: the
 * main thread and the reading thread already keep two cores busy. On this project's 2-core
 * machines a third thread made a 1 M-message run no faster (13.2–14.9 s against 12.0–13.9 s) and
 * added 80 MB of peak RSS.
 */
export const MIN_CORES_FOR_PARALLEL_PARSE = 3;

/** A regular file's size and first bytes (how its text is stored); undefined for a pipe, which has neither. */
interface RegularFile {
  size: number;
  head: Uint8Array;
}

async function regularFile(path: string): Promise<RegularFile | undefined> {
  // Stat first: opening a FIFO again would wait for a writer.
  const info = await stat(path);
  if (!info.isFile()) return undefined;
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return { size: info.size, head: head.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/** Random access to a plain UTF-8 file's text (not for gzip or UTF-16, whose text is not the file's bytes). */
function randomAccessTo(path: string, file: RegularFile, parallel: IngestOptions['parallel']): RandomAccessText | undefined {
  if (parallel === false || (parallel === undefined && availableParallelism() < MIN_CORES_FOR_PARALLEL_PARSE)) return undefined;
  const textStart = plainTextStart(file.head);
  return textStart === undefined ? undefined : { path, textStart, size: file.size, ...parallel };
}

/** A source's bytes, and how to let go of them. */
interface SourceInput {
  chunks: AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/**
 * A plain UTF-8 file: read into one reused buffer (FileChunks), which the JSON readers copy from
 * before asking for more. gzip and UTF-16 go through streamOf: their decode layers copy every
 * chunk anyway (gunzip also reads ahead of what it is asked for).
 */
function chunksOf(path: string): SourceInput {
  const chunks = new FileChunks(path, READ_CHUNK_BYTES);
  return { chunks, close: () => chunks.close() };
}

function streamOf(path: string): SourceInput {
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  return {
    chunks: stream,
    close: async () => void stream.destroy(),
  };
}

/**
 * One source's messages in file order, with its offset, label and pre-roll applied; each batch is
 * sorted (stably) on its own. The report is stored in `reports[index]` when the source ends.
 */
async function* readSource(
  source: ChatSource,
  index: number,
  options: IngestOptions,
  result: StreamResult,
): AsyncGenerator<ChatMessage[]> {
  const stats: IngestStats = { records: 0, skipped: {} };
  let input: SourceInput | undefined;
  /** The file opened again (a reader's second pass, an error's line and column): closed with the first. */
  const reopened: SourceInput[] = [];
  let count = 0;
  let format: FormatName;
  /**
   * The archive's text read again from its start (a file only, not a pipe): for a reader's second
   * pass (the YouTube formats), and for the line and column of an error.
   */
  let reopen: (() => AsyncIterable<Uint8Array>) | undefined;
  /** The first decoded bytes, once read: what detection sees, for a forced format that does not fit. */
  let head: Buffer | undefined;
  try {
    // A pipe (`--chat /dev/stdin`, `<(…)`, a FIFO) can be read only once, from its start, and has
    // no size: no second pass (the YouTube readers then hold the input), no random access. A
    // missing or unreadable file fails here or at the first read, as a file error.
    const file = await regularFile(source.file);
    const plainText = file !== undefined && plainTextStart(file.head) !== undefined;
    const openInput = () => (plainText ? chunksOf(source.file) : streamOf(source.file));
    if (file) {
      reopen = () => {
        const again = openInput();
        reopened.push(again);
        return decodeChatInput(again.chunks, source.file);
      };
    }
    input = openInput();
    const peeked = await peekHead(decodeChatInput(input.chunks, source.file), SNIFF_BYTES);
    head = peeked.head;
    const decoded = asDecodedText(peeked.stream);
    const detected = source.format ?? detectFormat(head);
    if (detected === undefined) throw unrecognised(source.file, head);
    format = detected;
    const randomAccess = file ? randomAccessTo(source.file, file, options.parallel) : undefined;
    for await (const batch of READERS[format](decoded, { file: source.file, timeBase: options.timeBase, stats, reopen, randomAccess })) {
      const kept: ChatMessage[] = [];
      for (const message of batch) {
        // Each reader names the field at fault; this catches any time one let through, which the
        // time-order merge could never release (an Infinity) or place (a NaN). Checked before the
        // offset: a time at the range's edge plus a (bounded) offset stays finite, past the video.
        if (!isTimeInRange(message.timeMs)) throw timeOutOfRange(source.file, { path: `message ${JSON.stringify(message.id)}` }, message.timeMs);
        if (source.offsetMs) message.timeMs += source.offsetMs;
        if (source.label !== undefined) message.source = source.label;
        count++;
        if (message.timeMs < 0) {
          if (!options.keepPreroll) {
            result.preroll.dropped++;
            continue;
          }
          message.timeMs = 0;
          result.preroll.clamped++;
        }
        kept.push(message);
      }
      result.read += batch.length;
      options.onProgress?.(result.read);
      if (kept.length) yield sortMessagesByTime(kept);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code) throw fsError('read chat archive', source.file, err);
    // Forced onto a file of another format: say which one detection sees.
    if (err instanceof FormatMismatch && source.format !== undefined) throw err.withDetected(head && detectFormat(head));
    throw reopen ? await withTextPosition(err, reopen) : err;
  } finally {
    // A failure to close is no reason to hide what happened while reading. A second pass that
    // stopped at a bad record did not read its file to the end: it is closed here too.
    for (const opened of [input, ...reopened]) await opened?.close().catch(() => {});
  }
  result.sources[index] = {
    file: source.file,
    format,
    detected: source.format === undefined,
    label: source.label,
    records: stats.records,
    messages: count,
    skipped: stats.skipped,
  };
}


/**
 * A source's batches in time order (stable), as long as it never steps back by more than
 * `windowMs`; beyond that it throws SourceOutOfOrder (the caller reads again in collect order).
 */
export async function* inTimeOrder(file: string, batches: AsyncIterable<ChatMessage[]>, windowMs = REORDER_WINDOW_MS): AsyncGenerator<ChatMessage[]> {
  let held: ChatMessage[] = [];
  let released = -Infinity;
  let latest = -Infinity;
  for await (const batch of batches) {
    // Each batch is sorted already; one earlier than what was handed on cannot be placed any more.
    // Equal times are fine: a stable sort would put the later-read message after them too.
    if (batch[0]!.timeMs < released) throw new SourceOutOfOrder(file, batch[0]!.timeMs, released);
    held = mergeSorted(held, batch);
    latest = Math.max(latest, batch.at(-1)!.timeMs);
    let cut = 0;
    while (cut < held.length && held[cut]!.timeMs < latest - windowMs) cut++;
    if (cut === 0) continue;
    released = held[cut - 1]!.timeMs;
    yield held.slice(0, cut);
    held = held.slice(cut);
  }
  if (held.length) yield held;
}

/** Merges two time-sorted runs; on equal times `first` (read earlier) goes first. */
function mergeSorted(first: ChatMessage[], second: ChatMessage[]): ChatMessage[] {
  if (first.length === 0) return second;
  if (first.at(-1)!.timeMs <= second[0]!.timeMs) return first.concat(second);
  const out: ChatMessage[] = new Array(first.length + second.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < first.length && j < second.length) out[k++] = second[j]!.timeMs < first[i]!.timeMs ? second[j++]! : first[i++]!;
  while (i < first.length) out[k++] = first[i++]!;
  while (j < second.length) out[k++] = second[j++]!;
  return out;
}

/** K-way merge of time-ordered sources; on equal times the earlier source goes first, as a stable sort of their concatenation would. */
async function* mergeByTime(sources: AsyncIterator<ChatMessage[]>[]): AsyncGenerator<ChatMessage[]> {
  const batches: (ChatMessage[] | undefined)[] = [];
  const at: number[] = [];
  const refill = async (s: number) => {
    const next = await sources[s]!.next();
    batches[s] = next.done ? undefined : next.value;
    at[s] = 0;
  };
  for (let s = 0; s < sources.length; s++) await refill(s);
  let out: ChatMessage[] = [];
  for (;;) {
    let best = -1;
    for (let s = 0; s < sources.length; s++) {
      const batch = batches[s];
      if (batch === undefined) continue;
      if (best < 0 || batch[at[s]!]!.timeMs < batches[best]![at[best]!]!.timeMs) best = s;
    }
    if (best < 0) break;
    out.push(batches[best]![at[best]!++]!);
    if (at[best]! === batches[best]!.length) await refill(best);
    if (out.length >= OUT_BATCH) {
      yield out;
      out = [];
    }
  }
  if (out.length) yield out;
}

/**
 * Reads every source and merges them by time (stably, in the order the sources were given), with
 * pre-roll handled. See MessageOrder for what `order` trades.
 */
export function streamChatSources(sources: ChatSource[], options: IngestOptions & { order: MessageOrder }): ChatStream {
  const result = newStreamResult();
  const perSource = sources.map((source, index) => readSource(source, index, options, result));
  async function* merged(): AsyncGenerator<ChatMessage[]> {
    if (options.order === 'stream') {
      const ordered = perSource.map((batches, s) => inTimeOrder(sources[s]!.file, batches));
      // One source needs no merge: its batches pass straight through.
      yield* ordered.length === 1 ? ordered[0]! : mergeByTime(ordered);
      return;
    }
    const all: ChatMessage[] = [];
    for (const source of perSource) for await (const batch of source) for (const m of batch) all.push(m);
    sortMessagesByTime(all);
    for (let i = 0; i < all.length; i += OUT_BATCH) yield all.slice(i, i + OUT_BATCH);
  }
  async function* batches(): AsyncGenerator<ChatMessage[]> {
    try {
      yield* merged();
    } finally {
      // Sources a failed or abandoned merge never finished still hold an open file.
      await Promise.all(perSource.map((source) => source.return(undefined)));
    }
  }
  return { batches: batches(), result };
}

/** One source's next batch (sorted by time on its own), or the end of that source. */
export type SourceEvent = { source: number; batch: ChatMessage[] } | { source: number; end: true };

/**
 * Stream order without the merge, for a merger downstream (the main thread's TimeOrderMerge): each
 * source's batches as read, tagged with the source's index, then its end. Which source is read
 * next is SourceSchedule's choice, so the merger holds about a reorder window of each.
 */
export function streamSourceBatches(sources: ChatSource[], options: IngestOptions): { events: AsyncGenerator<SourceEvent>; result: StreamResult } {
  const result = newStreamResult();
  const perSource = sources.map((source, index) => readSource(source, index, options, result));
  async function* events(): AsyncGenerator<SourceEvent> {
    const schedule = new SourceSchedule(sources.length);
    try {
      for (let s = schedule.next(); s >= 0; s = schedule.next()) {
        const next = await perSource[s]!.next();
        if (next.done) {
          schedule.end(s);
          yield { source: s, end: true };
          continue;
        }
        // One source is always the one to read: no bookkeeping per batch.
        if (sources.length > 1) schedule.read(s, next.value.map((m) => m.timeMs));
        yield { source: s, batch: next.value };
      }
    } finally {
      await Promise.all(perSource.map((source) => source.return(undefined)));
    }
  }
  return { events: events(), result };
}

/** Every message of every source in memory, merged and sorted: for callers that want them all at once. */
export async function readChatSources(sources: ChatSource[], options: IngestOptions): Promise<IngestResult> {
  for (const order of ['stream', 'collect'] as const) {
    const stream = streamChatSources(sources, { ...options, order });
    const messages: ChatMessage[] = [];
    try {
      for await (const batch of stream.batches) for (const m of batch) messages.push(m);
    } catch (err) {
      if (err instanceof SourceOutOfOrder) continue;
      throw err;
    }
    return { messages, sources: stream.result.sources, preroll: stream.result.preroll };
  }
  throw new Error('unreachable: collect order never reports SourceOutOfOrder');
}
