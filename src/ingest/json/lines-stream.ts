import { inputError } from '../../errors.js';
import { ByteSource } from './byte-source.js';
import { columnAt } from '../text-position.js';
import { JsonCursor, JsonSyntaxError, NEED_MORE } from './cursor.js';

export interface JsonLinesBatch {
  values: unknown[];
  /** 1-based line number of each value (blank lines are skipped, so they are not consecutive). */
  lines: number[];
}

interface FastSlices {
  utf8Slice(start: number, end: number): string;
}

/**
 * Says exactly where a line that JSON.parse rejected goes wrong. V8's own message quotes the whole
 * input, which for a 5 kB YouTube action is no use on one line of stderr.
 */
function diagnoseLine(line: Buffer): { message: string; column: number } {
  const cursor = new JsonCursor();
  cursor.reset(line, 0, 0, true);
  // Columns count characters, as text-position.ts does for documents (`한` is one, not three bytes).
  const column = (byte: number) => columnAt(line, byte);
  try {
    cursor.skip();
    if (!cursor.atEnd()) return { message: 'unexpected data after the JSON value', column: column(cursor.i) };
    return { message: 'invalid JSON', column: 1 };
  } catch (err) {
    if (err === NEED_MORE) return { message: 'unexpected end of line (the record is incomplete)', column: column(line.length) };
    if (err instanceof JsonSyntaxError) return { message: err.message, column: column(err.offset) };
    throw err;
  }
}

/** The lines of one input chunk, not parsed yet (streamJsonLineChunks). */
export interface JsonLinesChunk {
  /** The bytes the offsets point into: valid only until the next chunk is asked for. */
  readonly buf: Buffer;
  /** Per line: where it starts and ends in `buf`, and its 1-based line number. */
  readonly starts: number[];
  readonly ends: number[];
  readonly lines: number[];
}

/**
 * Splits JSON Lines (yt-dlp `.live_chat.json`, `.jsonl`) into lines, a chunk of input at a time,
 * without parsing them: a reader that parses each line just before it uses it lets each parsed
 * tree die young. Parsed a chunk at a time (~600 yt-dlp lines of 1.7 kB), the trees outlived
 * scavenges together: 64 MB promoted to the old generation for 200 k lines. A raw newline cannot
 * occur inside a JSON string, so splitting on 0x0A is exact. Lines of whitespace only are left
 * out here when they are ASCII whitespace (parseJsonLine skips any other blank line).
 */
export async function* streamJsonLineChunks(input: AsyncIterable<Uint8Array>): AsyncGenerator<JsonLinesChunk> {
  const source = new ByteSource(input);
  let line = 0;
  let start = 0;
  for (;;) {
    await source.more(start);
    const buf = source.buf;
    const chunk: JsonLinesChunk = { buf, starts: [], ends: [], lines: [] };
    start = 0;
    for (;;) {
      let end = buf.indexOf(0x0a, start);
      if (end < 0) {
        if (!source.done) break;
        if (start >= buf.length) break;
        end = buf.length; // the last line may lack its newline
      }
      line++;
      let first = start;
      while (first < end && isAsciiWhitespace(buf[first]!)) first++;
      if (first < end) {
        chunk.starts.push(start);
        chunk.ends.push(end);
        chunk.lines.push(line);
      }
      start = end + 1;
      if (start >= buf.length) break;
    }
    if (chunk.starts.length) yield chunk;
    if (source.done) return;
  }
}

/** Within a line, whose LF was cut off: space, tab, and the CR of a CRLF. */
function isAsciiWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0d;
}

/**
 * Line `k` of a chunk, parsed with JSON.parse; undefined when the line is blank (`trim()` leaves
 * nothing: a no-break space or a byte-order mark alone). A line that is not JSON throws its
 * position: the line, and the column where it goes wrong.
 */
export function parseJsonLine(chunk: JsonLinesChunk, k: number, file: string): unknown {
  const start = chunk.starts[k]!;
  const end = chunk.ends[k]!;
  const text = (chunk.buf as unknown as FastSlices).utf8Slice(start, end);
  try {
    return JSON.parse(text);
  } catch {
    if (text.trim() === '') return undefined;
    const { message, column } = diagnoseLine(chunk.buf.subarray(start, end));
    throw inputError(message, file, { line: chunk.lines[k]!, column });
  }
}

/**
 * All the lines of each chunk, parsed: for readers that take a chunk's records together. A line
 * that is not JSON is thrown only once the lines before it have been handed on, so that a reader
 * reports the first bad line of the file, whatever is wrong with it.
 */
export async function* streamJsonLines(input: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<JsonLinesBatch> {
  for await (const chunk of streamJsonLineChunks(input)) {
    const batch: JsonLinesBatch = { values: [], lines: [] };
    for (let k = 0; k < chunk.starts.length; k++) {
      let value: unknown;
      try {
        value = parseJsonLine(chunk, k, file);
      } catch (err) {
        if (batch.values.length) yield batch;
        throw err;
      }
      if (value === undefined) continue;
      batch.values.push(value);
      batch.lines.push(chunk.lines[k]!);
    }
    if (batch.values.length) yield batch;
  }
}
