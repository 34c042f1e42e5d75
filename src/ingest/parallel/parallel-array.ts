/**
 * Reads a large archive's records array on two threads. Parsing is most of a run's CPU and one
 * thread reads ~90 MB/s, so a 600 MB archive alone would take 7 s. The array is cut into blocks of
 * a few MB at fixed offsets; this thread reads the even blocks, a block worker the odd ones. A block
 * worker cannot know where a record starts in the middle of a file, so it guesses (see
 * guessRecordStart) and its block counts only if the block before it, read from a known start,
 * ends exactly at the guess. Otherwise, or if the worker fails for any reason, this thread reads
 * that block itself: the result, errors included, is the same as reading the file in one go.
 * Memory stays flat: the worker is never more than two blocks ahead.
 */
import { createReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ArrayDelegate } from '../json/document-stream.js';
import type { ChatMessage } from '../message.js';
import type { IngestStats, RandomAccessText } from '../types.js';
import { plainTextFrom } from '../decode.js';
import { BatchDecoder } from '../worker/batch-codec.js';
import { WORKER_YOUNG_GENERATION_MB } from '../worker/protocol.js';
import { parseBlock, type BlockEnd, type BlockSpec } from './block-parse.js';
import type { BlockResult, BlockTask, BlockWorkerInput } from './block-protocol.js';
import { FileWindow } from './file-window.js';
import { workerEntryUrl } from '../worker-entry.js';
import type { RecordReaderSpec } from './record-readers.js';

/** Arrays smaller than this are read on one thread: a worker costs ~0.1 s to start. */
export const MIN_PARALLEL_BYTES = 48 << 20;
/** Large enough that a block's fixed costs (a guess, a message, a decode) vanish; small enough to stay balanced and flat. */
export const BLOCK_BYTES = 4 << 20;
/** Batches handed downstream, as the sequential reader's chunks are. */
const OUT_BATCH = 4096;
/** Blocks the worker is given ahead of the one this thread needs. */
const WORKER_AHEAD = 2;

export interface ParallelArrayOptions {
  text: RandomAccessText;
  spec: BlockSpec;
  /** Validates and converts one record on this thread (it counts it in the stats). */
  convert: (raw: unknown, index: number) => ChatMessage | undefined;
  /** How the block worker builds the same conversion. */
  helper: RecordReaderSpec;
  stats: IngestStats;
}

export interface ParallelArray extends ArrayDelegate {
  batches: AsyncIterable<ChatMessage[]>;
}

/** Undefined when the array is too small to be worth a second thread. */
export function readArrayInParallel(start: number, options: ParallelArrayOptions): ParallelArray | undefined {
  const { text } = options;
  const remaining = text.size - text.textStart - start;
  if (remaining < (text.minParallelBytes ?? MIN_PARALLEL_BYTES)) return undefined;
  let arrayEnd: number | undefined;
  return {
    batches: readBlocks(start, options, (at) => (arrayEnd = at)),
    end: () => {
      if (arrayEnd === undefined) throw new Error('the records array was not read to its end');
      return arrayEnd;
    },
    resume: (at) => plainTextFrom(createReadStream(text.path, { start: text.textStart + at, highWaterMark: 1 << 20 }), at, options.spec.file),
  };
}

function blockWorkerUrl(): URL {
  return workerEntryUrl('block-worker.js', import.meta.url, 'CHAT_REPLAY_BLOCK_WORKER');
}

async function* readBlocks(start: number, options: ParallelArrayOptions, ended: (at: number) => void): AsyncGenerator<ChatMessage[]> {
  const { text, spec, stats } = options;
  const blockBytes = text.blockBytes ?? BLOCK_BYTES;
  const nominalStart = (block: number) => start + block * blockBytes;
  const window = new FileWindow(text);
  const helper = new BlockHelper({ text: { path: text.path, textStart: text.textStart, size: text.size }, file: spec.file, key: spec.key, reader: options.helper });
  // Odd blocks go to the worker: `ask` keeps it WORKER_AHEAD blocks ahead of this thread.
  let asked = -1;
  const ask = (upTo: number) => {
    for (let block = asked + 2 > 0 ? asked + 2 : 1; block <= upTo; block += 2) {
      helper.ask({ block, from: nominalStart(block), stopAt: nominalStart(block + 1) });
      asked = block;
    }
  };
  let position = start;
  let index = 0;
  try {
    for (let block = 0; ; block++) {
      ask(block + 2 * WORKER_AHEAD - 1);
      let messages: ChatMessage[] | undefined;
      let end: BlockEnd | undefined;
      if (block % 2 === 1) {
        const result = await helper.result(block);
        if (result?.ok) {
          if (result.start === position) {
            // Each block has its own encoder (see block-worker.ts), so its own decoder.
            messages = new BatchDecoder().decode(result.batch);
            end = result;
            stats.records += result.records;
            for (const [reason, n] of Object.entries(result.skipped)) stats.skipped[reason] = (stats.skipped[reason] ?? 0) + n;
          }
        }
      }
      const byWorker = end !== undefined;
      if (end === undefined) {
        const own: ChatMessage[] = [];
        end = parseBlock(window, spec, position, nominalStart(block + 1), index, (raw, k) => {
          const message = options.convert(raw, k);
          if (message !== undefined) own.push(message);
        });
        messages = own;
      }
      text.onBlock?.(byWorker ? 'worker' : 'self');
      index += end.records;
      position = end.end;
      for (let k = 0; k < messages!.length; k += OUT_BATCH) yield messages!.slice(k, k + OUT_BATCH);
      if (end.arrayEnded) {
        ended(position);
        return;
      }
    }
  } finally {
    window.close();
    await helper.close();
  }
}

/** The block worker, and the results it has posted but this thread has not taken yet. */
class BlockHelper {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (result: BlockResult | undefined) => void>();
  private readonly results = new Map<number, Promise<BlockResult | undefined>>();
  private failed = false;

  constructor(input: BlockWorkerInput) {
    this.worker = new Worker(blockWorkerUrl(), { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    this.worker.on('message', (result: BlockResult) => this.settle(result.block, result));
    // A worker that cannot start or dies only slows the read down: every block it owed is read here.
    const fail = () => {
      this.failed = true;
      for (const block of [...this.waiting.keys()]) this.settle(block, undefined);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', fail);
  }

  ask(task: BlockTask): void {
    if (this.failed) return;
    this.results.set(task.block, new Promise((resolve) => this.waiting.set(task.block, resolve)));
    this.worker.postMessage(task);
  }

  /** The worker's result for a block it was asked for; undefined if it was never asked or failed. */
  async result(block: number): Promise<BlockResult | undefined> {
    const result = this.results.get(block);
    this.results.delete(block);
    return result;
  }

  private settle(block: number, result: BlockResult | undefined): void {
    const resolve = this.waiting.get(block);
    this.waiting.delete(block);
    resolve?.(result);
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
