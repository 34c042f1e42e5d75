import { inputError } from '../../errors.js';
import { itemPath } from '../json/document-stream.js';
import { JsonCursor, JsonSyntaxError, NEED_MORE } from '../json/cursor.js';
import { invalidJson, truncatedAt } from '../json/text-errors.js';
import type { Projection } from '../json/projection.js';
import { checkUtf8, incompleteTail } from '../utf8.js';
import type { FileWindow } from './file-window.js';

const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;

/** Bytes read past a block's nominal end at first, so its last record usually needs no second read. */
const SLACK_BYTES = 64 * 1024;

/** Where one block of a records array ended. */
export interface BlockEnd {
  /** Text offset of the first record not read (the next block's first), or just past the array's `]`. */
  end: number;
  arrayEnded: boolean;
  /** Records read. */
  records: number;
}

export interface BlockSpec {
  /** The records array's key, for error paths (`comments[12]`); null for a top-level array. */
  key: string | null;
  projection: Projection;
  /** The file as the user named it, for error messages. */
  file: string;
}

/**
 * Reads the records of an array from the one starting at `from` (a known record start) up to the
 * first record that starts at or after `stopAt`, or to the array's end, handing each to `onRecord`
 * with its index in the array (`firstIndex` + its rank here). Errors are the sequential reader's:
 * the same messages, positions and paths.
 */
export function parseBlock(
  window: FileWindow,
  spec: BlockSpec,
  from: number,
  stopAt: number,
  firstIndex: number,
  onRecord: (raw: unknown, index: number) => void,
): BlockEnd {
  const cursor = new JsonCursor();
  window.load(from, stopAt - from + SLACK_BYTES);
  // The window's bytes are checked as they are read, as decodeChatInput checks a stream's chunks
  // (the sequential reader's text goes through it; this text comes from the file directly).
  let checkedTo = from;
  const checkLoaded = () => {
    const start = Math.max(checkedTo, window.base) - window.base;
    const end = window.final ? window.buf.length : incompleteTail(window.buf);
    if (end <= start) return;
    const bad = checkUtf8(window.buf.subarray(start, end), window.base + start);
    if (bad !== undefined) throw inputError(bad.message, spec.file, { offset: bad.offset });
    checkedTo = window.base + end;
  };
  checkLoaded();
  cursor.reset(window.buf, window.base, 0, window.final);
  let records = 0;
  for (;;) {
    let recordStart = cursor.i;
    try {
      cursor.peek();
      recordStart = cursor.i;
      if (window.base + recordStart >= stopAt) return { end: window.base + recordStart, arrayEnded: false, records };
      const raw = cursor.value(spec.projection);
      const closed = cursor.endOfMember(CLOSE_BRACKET, "']'");
      onRecord(raw, firstIndex + records);
      records++;
      if (closed) return { end: window.base + cursor.i, arrayEnded: true, records };
    } catch (err) {
      if (err instanceof JsonSyntaxError) throw invalidJson(err, spec.file, itemPath(spec.key, firstIndex + records));
      if (err !== NEED_MORE) throw err;
      if (window.final) throw truncatedAt(window.base + window.buf.length, spec.file, itemPath(spec.key, firstIndex + records));
      window.extend(window.base + recordStart, SLACK_BYTES);
      checkLoaded();
      cursor.reset(window.buf, window.base, 0, window.final);
    }
  }
}

/**
 * Guesses where the first record at or after `from` starts, without having read what comes before:
 * a `{` preceded by `}` and `,` (whitespace aside) whose value parses and is a valid record. A
 * guess can still be wrong (a record's own nested array of objects, or text that looks like one);
 * the thread that reads the previous block confirms it by ending exactly there. Returns undefined
 * when no record seems to start before `limit`.
 */
export function guessRecordStart(window: FileWindow, spec: BlockSpec, from: number, limit: number, isRecord: (raw: unknown) => boolean): number | undefined {
  const cursor = new JsonCursor();
  window.load(from, limit - from + SLACK_BYTES);
  let at = 0;
  for (;;) {
    const brace = window.buf.indexOf(OPEN_BRACE, at);
    if (brace < 0 || window.base + brace >= limit) return undefined;
    at = brace + 1;
    if (!followsObjectAndComma(window.buf, brace)) continue;
    cursor.reset(window.buf, window.base, brace, window.final);
    try {
      const raw = cursor.value(spec.projection);
      const next = cursor.peek();
      if ((next === COMMA || next === CLOSE_BRACKET) && isRecord(raw)) return window.base + brace;
    } catch (err) {
      // A guess that runs past the window is given more bytes; one that is not JSON was wrong.
      if (err === NEED_MORE && !window.final && window.base + brace < limit) {
        window.extend(window.base, SLACK_BYTES); // same base: `brace` still indexes the same byte
        at = brace;
      }
    }
  }
}

function followsObjectAndComma(buf: Buffer, brace: number): boolean {
  let k = brace - 1;
  while (k >= 0 && isWhitespace(buf[k]!)) k--;
  if (k < 0 || buf[k] !== COMMA) return false;
  k--;
  while (k >= 0 && isWhitespace(buf[k]!)) k--;
  return k >= 0 && buf[k] === CLOSE_BRACE;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
