import { createReadStream } from 'node:fs';
import { fsError } from '../errors.js';
import { sortMessagesByTime, type ChatMessage } from './message.js';
import { readNativeArchive } from './native.js';
import type { ArchiveReader, ChatSource, FormatName, IngestStats, TimeBase } from './types.js';

export interface SourceReport {
  file: string;
  format: FormatName;
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
}

const READERS: Partial<Record<FormatName, ArchiveReader>> = {
  native: readNativeArchive,
};

async function readSource(source: ChatSource, options: IngestOptions, into: ChatMessage[]): Promise<SourceReport> {
  const format: FormatName = source.format ?? 'native';
  const reader = READERS[format]!;
  const stats: IngestStats = { records: 0, skipped: {} };
  const stream = createReadStream(source.file);
  let count = 0;
  try {
    for await (const batch of reader(stream, { file: source.file, timeBase: options.timeBase, stats })) {
      for (const message of batch) {
        if (source.offsetMs) message.timeMs += source.offsetMs;
        if (source.label !== undefined) message.source = source.label;
        into.push(message);
        count++;
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code) throw fsError('read chat archive', source.file, err);
    throw err;
  } finally {
    stream.destroy();
  }
  return { file: source.file, format, label: source.label, records: stats.records, messages: count, skipped: stats.skipped };
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
