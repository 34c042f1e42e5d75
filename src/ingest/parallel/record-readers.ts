import type { ChatMessage } from '../message.js';
import type { Projection } from '../json/projection.js';
import { TWITCH_RECORDS, twitchCommentConverter } from '../twitchdownloader.js';
import type { IngestStats } from '../types.js';

/** What a block worker is told about the records it reads: plain data, so it can cross to the thread. */
export type RecordReaderSpec = { format: 'twitchdownloader'; startSeconds: number };

export interface RecordReader {
  projection: Projection;
  /** True when a value is a valid record (confirms a guessed record start). */
  isRecord(raw: unknown): boolean;
  /** Validates and converts one record; undefined when it is skipped (and counted in the stats). */
  convert(raw: unknown, index: number): ChatMessage | undefined;
}

/** The same conversion the format's reader does on its own thread, rebuilt from its spec in a block worker. */
export function recordReaderFor(spec: RecordReaderSpec, file: string, key: string | null, stats: IngestStats): RecordReader {
  switch (spec.format) {
    case 'twitchdownloader': {
      const convert = twitchCommentConverter(file, key, stats);
      return { ...TWITCH_RECORDS, convert: (raw, index) => convert(raw, index, spec.startSeconds) };
    }
  }
}
