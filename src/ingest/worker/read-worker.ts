/**
 * Worker thread entry: reads the chat archives (parsing is most of the CPU of a run) and hands their
 * messages to the main thread in batches, while the main thread merges the previous ones in time
 * order (TimeOrderMerge), lays them out, segments and writes them: the two share the machine's cores.
 */
import { workerData } from 'node:worker_threads';
import { mapperFromAnchors } from '../../hls/program-date-time.js';
import type { ChatMessage } from '../message.js';
import { streamChatSources, streamSourceBatches, type SourceEvent } from '../read-sources.js';
import { BatchEncoder, transferables } from './batch-codec.js';
import { CONTROL_SLOTS, HEARTBEAT, HEARTBEAT_MS, MAX_BATCHES_IN_FLIGHT, POSTED, serializeError, TAKEN, type ReadWorkerData, type ReadWorkerInput, type WorkerMessage } from './protocol.js';

const data = workerData as ReadWorkerData;
const control = new Int32Array(data.control, 0, CONTROL_SLOTS);
const port = data.port;
const PROGRESS_MS = 500;
// Lets the main thread, which may be blocked waiting for a batch, tell a busy worker from a dead
// one (a worker that ran out of memory says nothing).
setInterval(() => Atomics.add(control, HEARTBEAT, 1), HEARTBEAT_MS).unref();

/** Everything posted, batches or not: the main thread counts every message it takes. */
let posted = 0;

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  posted++;
  Atomics.add(control, POSTED, 1);
  Atomics.notify(control, POSTED);
}

/** Blocks this thread (it has nothing else to do) until the main thread has taken enough batches. */
function waitForRoom(): void {
  for (;;) {
    const taken = Atomics.load(control, TAKEN);
    if (posted - taken < MAX_BATCHES_IN_FLIGHT) return;
    Atomics.wait(control, TAKEN, taken);
  }
}

async function run(input: ReadWorkerInput): Promise<void> {
  const options = {
    keepPreroll: input.keepPreroll,
    timeBase: { startedAtMs: input.startedAtMs, programDateTimeToVideoMs: mapperFromAnchors(input.programDateTimes) },
  };
  // Stream order hands each source's batches over as they are read, and the main thread puts them
  // in time order (TimeOrderMerge): it holds the reorder window encoded, where this thread would
  // hold it as objects for the garbage collector to copy. Collect order sorts everything here.
  const stream =
    input.order === 'stream'
      ? streamSourceBatches(input.sources, options)
      : (() => {
          const collected = streamChatSources(input.sources, { ...options, order: 'collect' });
          return { events: asSourceZero(collected.batches), result: collected.result };
        })();
  const encoder = new BatchEncoder();
  // Collect order hands nothing over until everything is read: tell the main thread how far it got.
  let told = 0;
  const progress = setInterval(() => {
    if (stream.result.read === told) return;
    told = stream.result.read;
    post({ type: 'progress', read: told });
  }, PROGRESS_MS);
  progress.unref();
  try {
    for await (const event of stream.events) {
      if ('end' in event) {
        post({ type: 'source-end', source: event.source });
        continue;
      }
      waitForRoom();
      const encoded = encoder.encode(event.batch);
      post({ type: 'batch', source: event.source, batch: encoded, read: stream.result.read }, transferables(encoded));
    }
    clearInterval(progress);
    post({ type: 'end', sources: stream.result.sources, preroll: stream.result.preroll, read: stream.result.read });
  } catch (err) {
    clearInterval(progress);
    post({ type: 'error', error: serializeError(err) });
  }
  // The port is left open: closing it could drop the last message before the main thread takes it.
  // The main thread terminates this worker once it has read the end.
}

/** Collect order's sorted batches, as the one source the main thread then merges. */
async function* asSourceZero(batches: AsyncIterable<ChatMessage[]>): AsyncGenerator<SourceEvent> {
  for await (const batch of batches) yield { source: 0, batch };
  yield { source: 0, end: true };
}

// This module and the readers it imports are loaded by now: the main thread started this worker
// before it read the video, and says what to read when it knows.
port.once('message', (input: ReadWorkerInput) => void run(input));
