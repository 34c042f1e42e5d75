import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ChatReplayError } from '../../src/errors.js';
import type { ChatMessage } from '../../src/ingest/message.js';
import type { ArchiveReader, IngestStats, ReaderContext, TimeBase } from '../../src/ingest/types.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));

export function fixture(name: string): Buffer {
  return readFileSync(FIXTURES + name);
}

/** The bytes as a stream of `size`-byte chunks: every reader must cope with any split. */
export async function* chunked(bytes: Uint8Array, size = 1 << 20): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield Buffer.from(bytes.subarray(i, i + size));
}

/**
 * The bytes as io/file-chunks.ts hands a file out: every chunk in one buffer, overwritten by the
 * next. A layer that holds a chunk while asking for more reads garbage.
 */
export async function* reusing(bytes: Uint8Array, size = 1 << 20): AsyncGenerator<Buffer> {
  const buffer = Buffer.alloc(size);
  for (let i = 0; i < bytes.length; i += size) {
    const n = Math.min(size, bytes.length - i);
    buffer.fill(0x21);
    buffer.set(bytes.subarray(i, i + n), 0);
    yield buffer.subarray(0, n);
  }
}

export interface ReadOutcome {
  messages: ChatMessage[];
  stats: IngestStats;
}

export interface ReadOptions {
  chunk?: number;
  timeBase?: TimeBase;
  file?: string;
  /** Offer the reader `ctx.reopen` as read-sources does (default); false feeds the bytes once. */
  reopen?: boolean;
  /** Hand the bytes out in one reused buffer, as io/file-chunks.ts does. */
  reuse?: boolean;
}

export async function readWith(reader: ArchiveReader, bytes: Uint8Array | string, options: ReadOptions = {}): Promise<ReadOutcome & { batches: number }> {
  const stats: IngestStats = { records: 0, skipped: {} };
  const messages: ChatMessage[] = [];
  const input = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  const ctx: ReaderContext = { file: options.file ?? 'chat.json', timeBase: options.timeBase ?? {}, stats };
  const chunks = options.reuse ? reusing : chunked;
  if (options.reopen !== false) ctx.reopen = () => chunks(input, options.chunk);
  let batches = 0;
  for await (const batch of reader(chunks(input, options.chunk), ctx)) {
    batches++;
    messages.push(...batch);
  }
  return { messages, stats, batches };
}

/** The one line the CLI would print for the error a reader throws. */
export async function errorLine(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ChatReplayError) return `${err.kind}: ${err.format()}`;
    throw err;
  }
  throw new Error('expected the read to fail');
}

export function byText(messages: ChatMessage[], text: string): ChatMessage {
  const found = messages.find((m) => m.text.includes(text));
  if (!found) throw new Error(`no message containing ${JSON.stringify(text)}`);
  return found;
}
