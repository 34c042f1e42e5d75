import { inputError } from '../../errors.js';
import { ByteSource } from './byte-source.js';
import { JsonCursor, JsonSyntaxError, NEED_MORE } from './cursor.js';
import type { Projection } from './projection.js';
import { BACKSLASH, QUOTE } from './bytes.js';
import { errorAtByte, invalidJson, truncatedAt } from './text-errors.js';

export interface DocumentStreamOptions {
  /** The path as the user gave it, for error messages. */
  file: string;
  /** Top-level keys whose array value is streamed item by item (a top-level array always is). */
  arrayKeys: readonly string[];
  itemProjection: Projection;
  /** Other top-level members to materialize (small ones: `video`, `broadcast`); the rest are skipped. */
  members: Readonly<Record<string, Projection>>;
  /**
   * Offered each records array as it starts, with the text offset of the byte after its `[`. A
   * delegate that takes it reads the records its own way (parallel/parallel-array.ts), and this
   * stream goes on from just past the array's `]`.
   */
  delegateArray?: (key: string | null, start: number) => ArrayDelegate | undefined;
}

export interface ArrayDelegate {
  batches: AsyncIterable<unknown>;
  /** Text offset just past the array, once `batches` has ended. */
  end(): number;
  /** The text from `at` on. */
  resume(at: number): AsyncIterable<Uint8Array>;
}

export type DocumentEvent =
  | { kind: 'root'; type: 'object' | 'array' }
  | { kind: 'member'; key: string; value: unknown }
  /** A records array (one of `arrayKeys`) starts: an empty array is still an array that was there. */
  | { kind: 'array'; key: string }
  /** A batch of consecutive items of a streamed array; `key` is null for a top-level array. */
  | { kind: 'items'; key: string | null; firstIndex: number; items: unknown[] }
  /** A records array read by a delegate: its batches, to be consumed before the next event. */
  | { kind: 'delegated'; key: string | null; batches: AsyncIterable<unknown> };

/** `comments[12]` for a member array, `[12]` for a top-level one. */
export function itemPath(key: string | null, index: number): string {
  return `${key ?? ''}[${index}]`;
}

/**
 * Items handed on at a time. A whole read chunk of small records (5 000 native messages a MB)
 * kept every item, and the messages made of them, alive until the last was parsed: long enough
 * for the reading thread's scavenges to promote ~1.6 MB each into the old generation.
 */
const MAX_ITEMS_PER_BATCH = 1024;

/**
 * Streams one JSON document: a top-level array, or an object whose array members named in
 * `arrayKeys` are streamed. Items come out in batches of at most 1 024 (MAX_ITEMS_PER_BATCH), parsed
 * with the projection; nothing but the current chunk and the batch being parsed is held.
 */
export async function* streamJsonDocument(
  input: AsyncIterable<Uint8Array>,
  options: DocumentStreamOptions,
): AsyncGenerator<DocumentEvent> {
  const given = new ByteSource(input);
  let source = given;
  const cursor = new JsonCursor();
  let path = '(root)';

  const fail = (err: unknown): never => {
    if (err instanceof JsonSyntaxError) throw invalidJson(err, options.file, path);
    throw err;
  };
  /** Appends input keeping bytes from `keepFrom`; false at the end of the input. */
  const more = async (keepFrom: number): Promise<boolean> => {
    const appended = await source.more(keepFrom);
    cursor.reset(source.buf, source.base, 0, source.done);
    return appended;
  };
  const truncated = () => truncatedAt(source.base + source.buf.length, options.file, path);
  /** Runs a parse step, retrying it with more input whenever it runs off the buffered bytes. */
  const attempt = async <T>(step: () => T): Promise<T> => {
    for (;;) {
      const start = cursor.i;
      try {
        return step();
      } catch (err) {
        if (err !== NEED_MORE) fail(err);
        if (!(await more(start))) throw truncated();
      }
    }
  };

  /** The records of an array: by the delegate if it takes them, else here. */
  async function* records(key: string | null): AsyncGenerator<DocumentEvent> {
    const delegate = options.delegateArray?.(key, source.base + cursor.i);
    if (delegate === undefined) {
      yield* items(key);
      return;
    }
    yield { kind: 'delegated', key, batches: delegate.batches };
    const end = delegate.end();
    await source.close();
    source = new ByteSource(delegate.resume(end), end);
    await more(0);
  }

  async function* items(key: string | null): AsyncGenerator<DocumentEvent> {
    let index = 0;
    if ((await attempt(() => cursor.peek())) === 0x5d) {
      cursor.i++;
      return;
    }
    for (;;) {
      const batch: unknown[] = [];
      let start = cursor.i;
      let ended = false;
      let full = false;
      try {
        for (;;) {
          start = cursor.i;
          const value = cursor.value(options.itemProjection);
          const closed = cursor.endOfMember(0x5d, "']'");
          batch.push(value);
          if (closed) {
            ended = true;
            break;
          }
          if (batch.length === MAX_ITEMS_PER_BATCH) {
            full = true;
            break;
          }
        }
      } catch (err) {
        if (err !== NEED_MORE) {
          path = itemPath(key, index + batch.length);
          fail(err);
        }
      }
      if (batch.length) {
        yield { kind: 'items', key, firstIndex: index, items: batch };
        index += batch.length;
      }
      if (ended) return;
      if (full) continue;
      if (!(await more(start))) {
        path = itemPath(key, index);
        throw truncated();
      }
    }
  }

  /**
   * Skips a member we do not need without holding it: TwitchDownloader's `embeddedData` can be
   * hundreds of MB of base64 images. Only strings and bracket balance are tracked here.
   */
  async function skipStreaming(): Promise<void> {
    const first = await attempt(() => cursor.peek());
    if (first !== 0x7b && first !== 0x5b && first !== QUOTE) {
      await attempt(() => cursor.skip());
      return;
    }
    let depth = 0;
    let inString = false;
    let escaped = false;
    for (;;) {
      const b = cursor.buf;
      let i = cursor.i;
      // Cached like the cursor's: searching afresh per string would rescan the buffer each time.
      let nextBackslash = -1;
      while (i < b.length) {
        if (inString) {
          if (escaped) {
            escaped = false;
            i++;
            continue;
          }
          const quote = b.indexOf(QUOTE, i);
          if (nextBackslash < i) {
            nextBackslash = b.indexOf(BACKSLASH, i);
            if (nextBackslash < 0) nextBackslash = b.length;
          }
          if (nextBackslash < b.length && (quote < 0 || nextBackslash < quote)) {
            escaped = true;
            i = nextBackslash + 1;
            continue;
          }
          if (quote < 0) {
            i = b.length;
            break;
          }
          inString = false;
          i = quote + 1;
          if (depth === 0) {
            cursor.i = i;
            return;
          }
          continue;
        }
        const c = b[i++]!;
        if (c === QUOTE) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          depth--;
          if (depth === 0) {
            cursor.i = i;
            return;
          }
        }
      }
      cursor.i = i;
      if (!(await more(b.length))) throw truncated();
    }
  }

  try {
    yield* document();
  } finally {
    // The input given is closed by whoever opened it; a read resumed after a delegated array is
    // this generator's, and an error after it (data past the document) would leave it open.
    if (source !== given) await source.close().catch(() => {});
  }

  async function* document(): AsyncGenerator<DocumentEvent> {
    await more(0);
    while (cursor.atEnd()) {
      if (!(await more(cursor.i))) throw inputError('the file is empty', options.file);
    }
    const first = await attempt(() => cursor.peek());
    if (first === 0x5b) {
      cursor.i++;
      yield { kind: 'root', type: 'array' };
      yield* records(null);
    } else if (first === 0x7b) {
      cursor.i++;
      yield { kind: 'root', type: 'object' };
      if ((await attempt(() => cursor.peek())) === 0x7d) cursor.i++;
      else {
        for (;;) {
          const key = await attempt(() => {
            if (cursor.peek() !== QUOTE) throw cursor.error('expected a property name');
            const name = cursor.string();
            cursor.expect(0x3a, "':'");
            return name;
          });
          path = key;
          const next = await attempt(() => cursor.peek());
          const projection = options.members[key];
          if (options.arrayKeys.includes(key)) {
            if (next !== 0x5b) throw errorAtByte('expected an array', source.base + cursor.i, '', options.file, key);
            cursor.i++;
            yield { kind: 'array', key };
            yield* records(key);
          } else if (projection !== undefined && Object.hasOwn(options.members, key)) {
            yield { kind: 'member', key, value: await attempt(() => cursor.value(projection)) };
          } else await skipStreaming();
          path = '(root)';
          if (await attempt(() => cursor.endOfMember(0x7d, "'}'"))) break;
        }
      }
    } else {
      fail(cursor.error('expected a JSON object or array'));
    }
    // Only whitespace may follow the document.
    for (;;) {
      if (!cursor.atEnd()) throw errorAtByte('unexpected data after the end of the JSON document', source.base + cursor.i, '', options.file);
      if (!(await more(cursor.i))) return;
    }
  }
}
