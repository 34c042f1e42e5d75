import { streamJsonDocument, itemPath } from './document-stream.js';
import { streamJsonLines } from './lines-stream.js';
import { firstNonWhitespace, peekHead } from './peek.js';
import type { Projection } from './projection.js';

/** Where a record sits, for error messages: `[12]` / `messages[12]` in a document, a line in JSON Lines. */
export type RecordWhere = string | { line: number };

export type RecordEvent =
  /** A document's top level: an object (with a records array among its members) or a bare array. */
  | { kind: 'root'; type: 'object' | 'array' }
  | { kind: 'member'; key: string; value: unknown }
  | { kind: 'array'; key: string }
  | { kind: 'records'; values: unknown[]; where: (k: number) => RecordWhere };

export interface RecordStreamOptions {
  file: string;
  arrayKeys: readonly string[];
  itemProjection: Projection;
  members?: Readonly<Record<string, Projection>>;
}

/**
 * The records of an archive that may be written either as one JSON document (array, or object with
 * a records array) or as JSON Lines (chat-downloader `.json`/`.jsonl`, native `.json`/`.jsonl`):
 * a document starts with `[`, or with `{` on a line that is not a complete record by itself.
 */
export async function* streamRecords(input: AsyncIterable<Uint8Array>, options: RecordStreamOptions, lines: boolean): AsyncGenerator<RecordEvent> {
  if (lines) {
    for await (const batch of streamJsonLines(input, options.file)) {
      yield { kind: 'records', values: batch.values, where: (k) => ({ line: batch.lines[k]! }) };
    }
    return;
  }
  const events = streamJsonDocument(input, { file: options.file, arrayKeys: options.arrayKeys, itemProjection: options.itemProjection, members: options.members ?? {} });
  for await (const event of events) {
    if (event.kind === 'root' || event.kind === 'member' || event.kind === 'array') yield event;
    else if (event.kind === 'items') {
      const { key, firstIndex } = event;
      yield { kind: 'records', values: event.items, where: (k) => itemPath(key, firstIndex + k) };
    }
  }
}

/** Peeks at the input to tell a JSON array (`[`) from JSON Lines (`{`), and returns the whole stream. */
export async function sniffArrayOrLines(input: AsyncIterable<Uint8Array>): Promise<{ lines: boolean; stream: AsyncIterable<Uint8Array> }> {
  const { head, stream } = await peekHead(input, 1);
  return { lines: firstNonWhitespace(head) === 0x7b, stream };
}
