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

/**
 * Streams JSON Lines (yt-dlp `.live_chat.json`, `.jsonl`): one value per line, parsed with
 * JSON.parse, in batches of whatever one input chunk completes. A raw newline cannot occur inside
 * a JSON string, so splitting on 0x0A is exact.
 */
export async function* streamJsonLines(input: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<JsonLinesBatch> {
  const source = new ByteSource(input);
  let line = 0;
  let start = 0;
  for (;;) {
    await source.more(start);
    const buf = source.buf;
    const fast = buf as unknown as FastSlices;
    const batch: JsonLinesBatch = { values: [], lines: [] };
    start = 0;
    for (;;) {
      let end = buf.indexOf(0x0a, start);
      if (end < 0) {
        if (!source.done) break;
        if (start >= buf.length) break;
        end = buf.length; // the last line may lack its newline
      }
      line++;
      const text = fast.utf8Slice(start, end);
      if (text.trim() !== '') {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          const { message, column } = diagnoseLine(buf.subarray(start, end));
          throw inputError(message, file, { line, column });
        }
        batch.values.push(value);
        batch.lines.push(line);
      }
      start = end + 1;
      if (start >= buf.length) break;
    }
    if (batch.values.length) yield batch;
    if (source.done) return;
  }
}
