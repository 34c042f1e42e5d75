import { createReadStream } from 'node:fs';
import { fsError, inputError } from '../errors.js';
import { readChatDownloader } from './chat-downloader.js';
import { decodeChatInput } from './decode.js';
import { DETECTION_ORDER, detectFormat, SNIFF_BYTES } from './detect.js';
import { peekHead } from './json/peek.js';
import { sortMessagesByTime, type ChatMessage } from './message.js';
import { readNativeArchive, readNativeJsonLines } from './native.js';
import { readTwitchDownloader } from './twitchdownloader.js';
import type { ArchiveReader, ChatSource, FormatName, IngestStats, TimeBase } from './types.js';
import { readYtDlp } from './ytdlp.js';

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
}

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

function unrecognised(file: string, head: Uint8Array): Error {
  // An empty or cut-off file is not an unknown format: say what it is.
  const text = Buffer.from(head).toString('utf8').trim();
  if (text === '') return inputError('the file is empty', file);
  if (head.length < SNIFF_BYTES && /^[[{]/.test(text) && !isCompleteJson(text)) {
    return inputError(`the file ends at byte ${head.length} before its JSON is complete (truncated?)`, file);
  }
  const tried = DETECTION_ORDER.map((d) => `${d.format} (${d.looksFor})`).join('; ');
  return inputError(`unrecognised chat archive format; tried: ${tried}. Name the format with --chat FILE:format=NAME`, file);
}

function isCompleteJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return !text.split('\n').some((line) => line.trim() !== '' && !isParsable(line));
  }
}

function isParsable(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

async function readSource(source: ChatSource, options: IngestOptions, into: ChatMessage[]): Promise<SourceReport> {
  const stats: IngestStats = { records: 0, skipped: {} };
  const stream = createReadStream(source.file, { highWaterMark: READ_CHUNK_BYTES });
  let count = 0;
  let format: FormatName;
  try {
    const { head, stream: decoded } = await peekHead(decodeChatInput(stream, source.file), SNIFF_BYTES);
    const detected = source.format ?? detectFormat(head);
    if (detected === undefined) throw unrecognised(source.file, head);
    format = detected;
    for await (const batch of READERS[format](decoded, { file: source.file, timeBase: options.timeBase, stats })) {
      for (const message of batch) {
        if (source.offsetMs) message.timeMs += source.offsetMs;
        if (source.label !== undefined) message.source = source.label;
        into.push(message);
        count++;
      }
      options.onProgress?.(into.length);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code) throw fsError('read chat archive', source.file, err);
    throw err;
  } finally {
    stream.destroy();
  }
  return {
    file: source.file,
    format,
    detected: source.format === undefined,
    label: source.label,
    records: stats.records,
    messages: count,
    skipped: stats.skipped,
  };
}

/** Reads every source, merges them by time (stably, in the order the sources were given) and handles pre-roll. */
export async function readChatSources(sources: ChatSource[], options: IngestOptions): Promise<IngestResult> {
  const all: ChatMessage[] = [];
  const reports: SourceReport[] = [];
  for (const source of sources) reports.push(await readSource(source, options, all));
  const preroll = { dropped: 0, clamped: 0 };
  let kept = all;
  if (all.some((m) => m.timeMs < 0)) {
    kept = [];
    for (const m of all) {
      if (m.timeMs >= 0) kept.push(m);
      else if (options.keepPreroll) {
        m.timeMs = 0;
        preroll.clamped++;
        kept.push(m);
      } else preroll.dropped++;
    }
  }
  return { messages: sortMessagesByTime(kept), sources: reports, preroll };
}
