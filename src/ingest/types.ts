import type { ChatMessage } from './message.js';

/** Every archive format we read; `--format` takes one of these names. */
export const FORMAT_NAMES = ['native', 'native-jsonl', 'twitchdownloader', 'ytdlp', 'chat-downloader'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** One `--chat` argument after parsing: `file[:offset=-2.5][:label=YT][:format=ytdlp]`. */
export interface ChatSource {
  file: string;
  format?: FormatName;
  /** Added to every message time of this source (seconds on the command line, ms here). */
  offsetMs: number;
  label?: string;
}

/**
 * How absolute (wall-clock) message times become video times. Precedence: `--started-at`,
 * then the archive's own start time (native `broadcast.startedAt`), then the video's
 * EXT-X-PROGRAM-DATE-TIME.
 */
export interface TimeBase {
  /** From `--started-at`, epoch ms. */
  startedAtMs?: number;
  /** From the video playlist's PROGRAM-DATE-TIME; undefined when the video has none. */
  programDateTimeToVideoMs?: (epochMs: number) => number | undefined;
}

/** What a reader tells the report besides the messages: skipped records by reason. */
export interface IngestStats {
  /** Records read from the file (lines, array elements), before any skipping. */
  records: number;
  /** Records that were not chat messages or could not be used, by reason (e.g. `commenter: null`). */
  skipped: Record<string, number>;
}

export interface ReaderContext {
  /** The path as the user gave it, used in every error message. */
  file: string;
  timeBase: TimeBase;
  stats: IngestStats;
  /**
   * The same input again from its first byte (decoded like `input`), for a reader that needs a
   * first pass over the file (e.g. to learn every deletion before handing out any message) and
   * would otherwise have to hold every message. Absent when the input cannot be read twice.
   */
  reopen?: () => AsyncIterable<Uint8Array>;
  /**
   * Present when the decoded text is the file's own bytes (plain UTF-8, perhaps after a BOM), so a
   * reader may read any part of it directly: a large archive's records are then parsed on two
   * threads (see json/parallel-array.ts).
   */
  randomAccess?: RandomAccessText;
}

export interface RandomAccessText {
  /** The file system path to open. */
  path: string;
  /** File offset of the text's first byte (3 after a UTF-8 BOM). */
  textStart: number;
  /** File size in bytes. */
  size: number;
  /** Records arrays smaller than this are read on one thread. */
  minParallelBytes?: number;
  /** Bytes per block handed to each thread in turn. */
  blockBytes?: number;
  /** Told who read each block (tests check that the second thread did its share). */
  onBlock?: (reader: 'worker' | 'self') => void;
}

/**
 * A reader streams one archive: it yields batches of messages in file order (not necessarily
 * sorted), with `timeMs` relative to the video start before the source's own offset.
 */
export type ArchiveReader = (input: AsyncIterable<Uint8Array>, ctx: ReaderContext) => AsyncIterable<ChatMessage[]>;
