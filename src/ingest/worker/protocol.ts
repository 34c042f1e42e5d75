/**
 * What the chat-reading worker and the main thread say to each other. The worker posts batches on
 * a MessagePort; a shared Int32Array carries two counters, so the main thread can block until a
 * batch is there (it consumes them from synchronous stages) and the worker until the main thread
 * has room for more (so a fast reader cannot pile the whole archive up in the port's queue).
 */
import type { MessagePort } from 'node:worker_threads';
import { ChatReplayError, type ErrorKind, type ErrorPosition } from '../../errors.js';
import type { EncodedBatch } from './batch-codec.js';
import type { MessageOrder, SourceReport } from '../read-sources.js';
import type { ChatSource } from '../types.js';
import type { ProgramDateTimeAnchor } from '../../hls/program-date-time.js';

/**
 * Index in the control array: batches posted by the worker, batches taken by the main thread, and
 * the worker's heartbeat (a counter it bumps while its event loop runs).
 */
export const POSTED = 0;
export const TAKEN = 1;
export const HEARTBEAT = 2;
export const CONTROL_SLOTS = 3;
export const HEARTBEAT_MS = 250;
/**
 * Young-generation size of the reading threads. They allocate a record's worth of short-lived
 * objects per message; V8's default young generation (48 MB on 64-bit) then sits full of garbage
 * in each thread. 16 MB costs more, smaller scavenges, not more work. The old generation is left
 * alone: collect order holds a whole archive there.
 */
export const WORKER_YOUNG_GENERATION_MB = 16;

/** Batches (of about a thousand messages) allowed in flight between the threads. */
export const MAX_BATCHES_IN_FLIGHT = 8;

/**
 * What the worker is started with. It loads its modules at once (zod and the readers: ~0.3 s),
 * then waits on `port` for what to read (ReadWorkerInput), which the main thread knows only once
 * it has read the master and the video playlist.
 */
export interface ReadWorkerData {
  control: SharedArrayBuffer;
  port: MessagePort;
}

export interface ReadWorkerInput {
  sources: ChatSource[];
  order: MessageOrder;
  keepPreroll: boolean;
  startedAtMs?: number;
  programDateTimes: ProgramDateTimeAnchor[];
}

export interface SerializedError {
  chatReplay: boolean;
  kind?: ErrorKind;
  message: string;
  file?: string;
  position?: ErrorPosition;
  stack?: string;
}

export type WorkerMessage =
  /** A batch of one source (stream order: sorted on its own; collect order: all of them, in order, as source 0). */
  | { type: 'batch'; source: number; batch: EncodedBatch; read: number }
  /** That source has no more batches. */
  | { type: 'source-end'; source: number }
  /** Messages read so far, while nothing is ready to hand over (collect order reads everything first). */
  | { type: 'progress'; read: number }
  | { type: 'end'; sources: SourceReport[]; preroll: { dropped: number; clamped: number }; read: number }
  | { type: 'error'; error: SerializedError };

export function serializeError(err: unknown): SerializedError {
  if (err instanceof ChatReplayError) {
    return { chatReplay: true, kind: err.kind, message: err.message, file: err.file, position: err.position };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return { chatReplay: false, message: e.message, stack: e.stack };
}

export function deserializeError(s: SerializedError): Error {
  if (s.chatReplay) return new ChatReplayError(s.kind!, s.message, s.file, s.position);
  const err = new Error(s.message);
  if (s.stack) err.stack = s.stack;
  return err;
}
