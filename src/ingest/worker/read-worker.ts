/**
 * Worker thread entry: reads the chat archives (parsing is most of the CPU of a run) and hands the
 * merged, time-ordered messages to the main thread in batches, while the main thread lays out,
 * segments and writes the previous ones: the two stages then share the machine's cores.
 */
import { workerData } from 'node:worker_threads';
import { mapperFromAnchors } from '../../hls/video-timeline.js';
import { SourceOutOfOrder, streamChatSources } from '../read-sources.js';
import { BatchEncoder, transferables } from './batch-codec.js';
import { CONTROL_SLOTS, HEARTBEAT, HEARTBEAT_MS, MAX_BATCHES_IN_FLIGHT, POSTED, serializeError, TAKEN, type ReadWorkerInput, type WorkerMessage } from './protocol.js';

const input = workerData as ReadWorkerInput;
const control = new Int32Array(input.control, 0, CONTROL_SLOTS);
const port = input.port;
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

async function run(): Promise<void> {
  const stream = streamChatSources(input.sources, {
    order: input.order,
    keepPreroll: input.keepPreroll,
    timeBase: { startedAtMs: input.startedAtMs, programDateTimeToVideoMs: mapperFromAnchors(input.programDateTimes) },
  });
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
    for await (const batch of stream.batches) {
      waitForRoom();
      const encoded = encoder.encode(batch);
      post({ type: 'batch', batch: encoded, read: stream.result.read }, transferables(encoded));
    }
    clearInterval(progress);
    post({ type: 'end', sources: stream.result.sources, preroll: stream.result.preroll, read: stream.result.read });
  } catch (err) {
    clearInterval(progress);
    if (err instanceof SourceOutOfOrder) post({ type: 'out-of-order', file: err.file, timeMs: err.timeMs, afterMs: err.afterMs });
    else post({ type: 'error', error: serializeError(err) });
  }
  // The port is left open: closing it could drop the last message before the main thread takes it.
  // The main thread terminates this worker once it has read the end.
}

void run();
