import type { EncodedBatch } from '../worker/batch-codec.js';
import type { RandomAccessText } from '../types.js';
import type { RecordReaderSpec } from './record-readers.js';

export interface BlockWorkerInput {
  text: RandomAccessText;
  file: string;
  key: string | null;
  reader: RecordReaderSpec;
}

/** Read the records of one block: from the first record at or after `from`, up to the first at or after `stopAt`. */
export interface BlockTask {
  block: number;
  from: number;
  stopAt: number;
}

export type BlockResult =
  | {
      block: number;
      ok: true;
      /** Text offset of the record the worker guessed the block starts with. */
      start: number;
      end: number;
      arrayEnded: boolean;
      records: number;
      skipped: Record<string, number>;
      batch: EncodedBatch;
    }
  /** No record start found, or the block failed: the coordinator reads it itself (and reports any error in order). */
  | { block: number; ok: false };
