/**
 * The main thread's side of the chat-reading worker: a synchronous iterable of time-ordered
 * messages, so the layout and segmenter stay plain generators. When the worker has not produced
 * the next batch yet, the main thread blocks on the control array; segment writes in Node's
 * thread pool (a slow file system's, see WritePace) go on meanwhile.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ChatMessage } from '../message.js';
import type { MessageOrder, SourceReport } from '../read-sources.js';
import { REORDER_WINDOW_MS } from '../reorder-window.js';
import type { ChatSource } from '../types.js';
import type { ProgramDateTimeAnchor } from '../../hls/program-date-time.js';
import { ioError } from '../../errors.js';
import { workerEntryUrl } from '../worker-entry.js';
import { BatchDecoder } from './batch-codec.js';
import { TimeOrderMerge } from './time-order-merge.js';
import { CONTROL_SLOTS, deserializeError, HEARTBEAT, HEARTBEAT_MS, POSTED, TAKEN, WORKER_YOUNG_GENERATION_MB, type ReadWorkerData, type ReadWorkerInput, type WorkerMessage } from './protocol.js';

/**
 * How long the worker may show no heartbeat before the main thread gives up on it. Far above the
 * longest stretch it legitimately spends without returning to its event loop (sorting millions of
 * messages in collect order takes seconds).
 */
const WORKER_SILENCE_MS = 120_000;

export interface ChatFeedOptions {
  order: MessageOrder;
  keepPreroll: boolean;
  startedAtMs?: number;
  programDateTimes: ProgramDateTimeAnchor[];
  /** Told the running count of messages read (all sources), after each batch. */
  onProgress?: (messagesRead: number) => void;
  /** How long a silent worker is waited for (default WORKER_SILENCE_MS). */
  silenceMs?: number;
  /** Heap limits for the worker (default: a smaller young generation, WORKER_YOUNG_GENERATION_MB). */
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
}

export interface ChatFeedResult {
  sources: SourceReport[];
  preroll: { dropped: number; clamped: number };
  /** Messages handed on (after pre-roll). */
  kept: number;
}

/** The feed's source went back in time while streaming (MessageOrder `stream`): read again in `collect` order. */
export class ChatFeedOutOfOrder extends Error {
  constructor(readonly file: string) {
    super(`${file} is not in time order`);
    this.name = 'ChatFeedOutOfOrder';
  }
}

function workerUrl(): URL {
  return workerEntryUrl('read-worker.js', import.meta.url, 'CHAT_REPLAY_READ_WORKER');
}

export interface ChatFeed {
  messages: Iterable<ChatMessage>;
  /** Resolves when the next batch (or the end) is there to take; await it between synchronous pulls. */
  ready(): Promise<void>;
  /** Complete once `messages` has been iterated to the end. */
  result(): ChatFeedResult;
  /** Stops the worker (idempotent); call when done or on failure. */
  close(): Promise<void>;
}

/**
 * A reading worker started ahead of its input: it loads its modules (zod and the readers, ~0.3 s
 * of a run's start) while the main thread loads the pipeline and reads the master and the video,
 * instead of after. It does not keep the process alive until a feed uses it.
 */
export interface ReadWorker {
  readonly worker: Worker;
  readonly control: SharedArrayBuffer;
  readonly port: MessagePort;
  /** The worker's 'error', if it failed. */
  failure(): Error | undefined;
}

export function startReadWorker(resourceLimits: ChatFeedOptions['resourceLimits'] = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB }): ReadWorker {
  const control = new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
  const { port1, port2 } = new MessageChannel();
  const data: ReadWorkerData = { control, port: port2 };
  let worker: Worker;
  try {
    worker = new Worker(workerUrl(), { workerData: data, transferList: [port2], resourceLimits });
  } catch (err) {
    // EAGAIN under a task limit (a container's pids.max, ulimit -u): say what could not start.
    port1.close();
    throw ioError(`cannot start the thread that reads the chat: ${(err as Error).message}; is the process or user at its limit of threads?`, undefined, err);
  }
  // Listened to from the start: an 'error' nobody listens to would end the process.
  let failure: Error | undefined;
  worker.once('error', (err) => (failure = err));
  worker.unref();
  return { worker, control, port: port1, failure: () => failure };
}

/** Reads `sources` on `started` (a worker of startReadWorker, whose resource limits then apply), or on a new worker. */
export function openChatFeed(sources: ChatSource[], options: ChatFeedOptions, started = startReadWorker(options.resourceLimits)): ChatFeed {
  const { worker, control, port: port1 } = started;
  const counters = new Int32Array(control);
  const input: ReadWorkerInput = {
    sources,
    order: options.order,
    keepPreroll: options.keepPreroll,
    startedAtMs: options.startedAtMs,
    programDateTimes: options.programDateTimes,
  };
  worker.ref();
  port1.postMessage(input);
  const silenceMs = options.silenceMs ?? WORKER_SILENCE_MS;
  // Seen while the main thread runs its event loop (ready() waits there); a worker that dies while
  // the main thread is blocked waiting for it (out of memory) is noticed by its silent heartbeat.
  let final: ChatFeedResult | undefined;
  let closing: Promise<void> | undefined;
  const decoder = new BatchDecoder();
  // Collect order arrives sorted, as one source; stream order is merged here, in time order.
  const merge = options.order === 'stream' ? new TimeOrderMerge(sources.length, REORDER_WINDOW_MS) : new TimeOrderMerge(1, 0);
  let kept = 0;
  /** The merge's next message, once it could tell it (ready() looks ahead for it). */
  let peeked: ChatMessage | undefined;
  const nextMessage = (): ChatMessage | undefined => (peeked ??= merge.next());

  /** Takes one message off the port into the merge; false when none is waiting. Throws the worker's error. */
  const receive = (): boolean => {
    const received = receiveMessageOnPort(port1);
    if (!received) return false;
    Atomics.add(counters, TAKEN, 1);
    Atomics.notify(counters, TAKEN);
    const message = received.message as WorkerMessage;
    if (message.type === 'progress') options.onProgress?.(message.read);
    else if (message.type === 'batch') {
      options.onProgress?.(message.read);
      kept += message.batch.count;
      if (!merge.add(message.source, message.batch, decoder.register(message.batch))) throw new ChatFeedOutOfOrder(sources[message.source]!.file);
    } else if (message.type === 'source-end') merge.end(message.source);
    else if (message.type === 'end') final = { sources: message.sources, preroll: message.preroll, kept };
    else throw deserializeError(message.error);
    return true;
  };

  /** True when the next message (or the end) is known without taking more from the worker. */
  const settled = (): boolean => nextMessage() !== undefined || (final !== undefined && merge.done);

  /** Tracks the heartbeat across waits and throws once the worker has been silent too long. */
  const watchdog = () => {
    let beat = Atomics.load(counters, HEARTBEAT);
    let lastBeatAt = Date.now();
    return () => {
      const failure = started.failure();
      if (failure) throw failure;
      const now = Date.now();
      const current = Atomics.load(counters, HEARTBEAT);
      if (current !== beat) {
        beat = current;
        lastBeatAt = now;
      } else if (now - lastBeatAt > silenceMs) {
        throw new Error(`the chat-reading worker stopped responding (no sign of life for ${silenceMs / 1000} s; out of memory?)`);
      }
    };
  };

  /** Blocking: for the synchronous stages, when the next message is needed now. */
  const takeUntilSettled = (): void => {
    const check = watchdog();
    for (;;) {
      const seen = Atomics.load(counters, POSTED);
      while (!settled() && receive());
      if (settled()) return;
      check();
      Atomics.wait(counters, POSTED, seen, HEARTBEAT_MS * 4);
    }
  };

  /**
   * Resolves once the next message can be handed on (or the chat has ended), without blocking the
   * event loop: the pipeline awaits this before each segment, so the lock's refresh timer,
   * progress and a failing worker's 'error' event still get their turn while the worker reads (a
   * long read in collect order sends nothing until it has read everything; stream order may need
   * a reorder window of every source before the first message).
   */
  async function ready(): Promise<void> {
    if (settled()) return;
    const check = watchdog();
    for (;;) {
      const seen = Atomics.load(counters, POSTED);
      while (!settled() && receive());
      if (settled()) return;
      check();
      const wait = Atomics.waitAsync(counters, POSTED, seen, HEARTBEAT_MS * 4);
      if (wait.async) await wait.value;
      // A turn of the event loop either way, so the 'error' event of a worker that failed can land.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  function* messages(): Generator<ChatMessage> {
    try {
      for (;;) {
        takeUntilSettled();
        const next = nextMessage();
        if (next === undefined) return;
        peeked = undefined;
        yield next;
      }
    } finally {
      void close();
    }
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      port1.close();
      await worker.terminate();
    })();
    return closing;
  }

  return {
    messages: messages(),
    ready,
    result: () => {
      if (!final) throw new Error('the chat feed was read before it ended');
      return final;
    },
    close,
  };
}
