import { inputError, type ChatReplayError } from '../errors.js';
import { JsonCursor, JsonSyntaxError, NEED_MORE } from '../ingest/json/cursor.js';
import { lineAndColumnAt } from '../ingest/text-position.js';

/** Why JSON.parse refused a text, and the UTF-8 byte offset of where, when it can be found. */
export interface JsonParseFailure {
  reason: string;
  offset?: number;
}

/**
 * Where and why JSON.parse failed on `text`, from its SyntaxError message. V8's messages are for a
 * developer's console: most end `in JSON at position N` (a UTF-16 index), but an unexpected
 * character gives `Unexpected token 'x', "…source…" is not valid JSON`, quoting the text (newlines
 * and all) and no position. For those the project's own JSON reader finds the place and says what
 * it found there; it checks the same grammar. The reason never quotes the source, so it stays one line.
 */
export function locateJsonParseFailure(message: string, text: string): JsonParseFailure {
  const positioned = /^(.*?) in JSON at position (\d+)/s.exec(message);
  if (positioned) {
    return { reason: oneLine(lowerFirst(positioned[1]!)), offset: Buffer.byteLength(text.slice(0, Number(positioned[2]))) };
  }
  if (message.startsWith('Unexpected end of JSON input')) {
    const reason = text.trim() === '' ? 'the file is empty' : 'unexpected end of input (the file looks truncated)';
    return { reason, offset: Buffer.byteLength(text) };
  }
  const found = scanForSyntaxError(Buffer.from(text, 'utf8'));
  if (found) return found;
  // Our reader saw nothing wrong where V8 did: keep V8's words before the quoted source, and no place.
  return { reason: oneLine(lowerFirst(message.replace(/,?\s*(?:\.\.\.)?".*$/s, '') || 'syntax error')) };
}

/** The first syntax error in `bytes` as our streaming JSON reader sees it, or undefined if it sees none. */
function scanForSyntaxError(bytes: Buffer): JsonParseFailure | undefined {
  const cursor = new JsonCursor();
  cursor.reset(bytes, 0, 0, true);
  try {
    cursor.skip();
    if (!cursor.atEnd()) return { reason: `unexpected data after the JSON value`, offset: cursor.i };
    return undefined;
  } catch (err) {
    if (err === NEED_MORE) return { reason: 'unexpected end of input (the file looks truncated)', offset: bytes.length };
    if (err instanceof JsonSyntaxError) return { reason: oneLine(err.message), offset: err.offset };
    throw err;
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A reason may name the character it met, and that may be a control or line-separator character. */
const oneLine = (s: string) =>
  s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * JSON.parse's error on `text` (a file's content after any BOM) as an input error naming the line
 * and column, counted as the archive reader counts them (text-position.ts), so that
 * `file:line:col: not valid JSON: reason` opens in an editor at the mistake.
 */
export async function jsonParseError(err: unknown, text: string, file: string): Promise<ChatReplayError> {
  const { reason, offset } = locateJsonParseFailure((err as Error)?.message ?? String(err), text);
  if (offset === undefined) return inputError(`not valid JSON: ${reason}`, file, undefined, err);
  const { line, column } = await lineAndColumnAt(once(Buffer.from(text, 'utf8')), offset);
  return inputError(`not valid JSON: ${reason}`, file, { line, column }, err);
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
