/**
 * A second thread for one large archive: reads the blocks the coordinator hands it (every other
 * block of the records array), starting at a guessed record start, and posts the converted
 * messages. It never reports an error itself: a block that fails is read again by the coordinator,
 * which knows where the block really starts and how many records came before it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ChatMessage } from '../message.js';
import { BatchEncoder, transferables } from '../worker/batch-codec.js';
import { guessRecordStart, parseBlock } from './block-parse.js';
import type { BlockResult, BlockTask, BlockWorkerInput } from './block-protocol.js';
import { FileWindow } from './file-window.js';
import { recordReaderFor } from './record-readers.js';

const input = workerData as BlockWorkerInput;
const window = new FileWindow(input.text);
const port = parentPort!;

port.on('message', (task: BlockTask) => {
  const result = readBlock(task);
  port.postMessage(result, result.ok ? transferables(result.batch) : []);
});

function readBlock(task: BlockTask): BlockResult {
  try {
    const stats = { records: 0, skipped: {} as Record<string, number> };
    const reader = recordReaderFor(input.reader, input.file, input.key, stats);
    const spec = { key: input.key, file: input.file, projection: reader.projection };
    const start = guessRecordStart(window, spec, task.from, task.stopAt, (raw) => reader.isRecord(raw));
    if (start === undefined) return { block: task.block, ok: false };
    const messages: ChatMessage[] = [];
    const end = parseBlock(window, spec, start, task.stopAt, 0, (raw, index) => {
      const message = reader.convert(raw, index);
      if (message !== undefined) messages.push(message);
    });
    // A fresh encoder per block: the coordinator may drop a block, and its decoder must not then
    // miss authors a later block refers to.
    const batch = new BatchEncoder().encode(messages);
    return { block: task.block, ok: true, start, end: end.end, arrayEnded: end.arrayEnded, records: end.records, skipped: stats.skipped, batch };
  } catch {
    return { block: task.block, ok: false };
  }
}
