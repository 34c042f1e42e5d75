import type { KeyEntry, KeyGuess, ObjectProjection, Projection } from './projection.js';
import { SHORT_STRING, ShortStringCache } from './short-strings.js';
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './bytes.js';

/** Thrown (as this one object, no stack) when a value runs past the end of the buffered bytes. */
export const NEED_MORE: unique symbol = Symbol('need more input');

/** A JSON syntax error at an absolute byte offset of the (decoded) input. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

// Buffer's own slice decoders skip toString's argument checks; they exist on every Node Buffer.
interface FastSlices {
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
}

/** Shared by every cursor of the thread: strings are immutable, and the cache is half a megabyte. */
const shortStrings = new ShortStringCache();

const NULL = Buffer.from('null');
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');

/** Keys remembered per projection: a record with more members is matched the slow way past these. */
const MAX_REMEMBERED_KEYS = 64;

function rememberKey(b: Buffer, start: number, end: number, entry: KeyEntry | undefined): KeyGuess {
  const quoted = Uint8Array.prototype.slice.call(b, start, end);
  const words = new Uint32Array(quoted.length >> 2);
  const view = new DataView(quoted.buffer, quoted.byteOffset, quoted.length);
  for (let k = 0; k < words.length; k++) words[k] = view.getUint32(4 * k, true);
  return { quoted, words, entry };
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function describeByte(c: number | undefined): string {
  if (c === undefined) return 'end of input';
  if (c >= 0x21 && c < 0x7f) return `'${String.fromCharCode(c)}'`;
  return `byte 0x${c.toString(16).padStart(2, '0')}`;
}

/**
 * A recursive-descent JSON reader over a byte buffer that materializes only what a projection asks
 * for. It validates the grammar of everything it skips (so garbage is still an error), but never
 * decodes skipped strings. Strings are found with Buffer#indexOf (memchr), the fastest thing Node
 * offers for bytes. Running off the end of the buffer throws NEED_MORE; the caller appends input
 * and retries from a position it saved.
 */
export class JsonCursor {
  buf: Buffer = Buffer.alloc(0);
  /** Absolute input offset of buf[0], for error messages. */
  base = 0;
  i = 0;
  /** True when buf holds everything up to the end of the input (a trailing number may end there). */
  final = false;
  private fast: FastSlices = this.buf as unknown as FastSlices;
  private view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  private nextBackslash = -1;
  private lastStringEscaped = false;
  /** Slot arrays of the objects being projected, one per nesting depth, reused from object to object. */
  private slotsByDepth: unknown[][] = [];
  /** skipContainer's stack of closing bytes, kept between calls. */
  private readonly closers: number[] = [];

  reset(buf: Buffer, base: number, i: number, final: boolean): void {
    this.buf = buf;
    this.fast = buf as unknown as FastSlices;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.length);
    this.base = base;
    this.i = i;
    this.final = final;
    this.nextBackslash = -1;
  }

  error(message: string, at = this.i): JsonSyntaxError {
    return new JsonSyntaxError(message, this.base + at);
  }

  /** Skips whitespace and returns the next byte without consuming it. */
  peek(): number {
    const b = this.buf;
    const n = b.length;
    let i = this.i;
    // Compact files (TwitchDownloader) have no whitespace at all: answer that case first.
    if (i < n) {
      const c = b[i]!;
      if (c > 0x20) return c;
    }
    while (i < n && isWhitespace(b[i]!)) i++;
    this.i = i;
    if (i >= n) throw NEED_MORE;
    return b[i]!;
  }

  /** Skips whitespace, and reports whether the input ends here (false means more bytes follow). */
  atEnd(): boolean {
    const b = this.buf;
    while (this.i < b.length && isWhitespace(b[this.i]!)) this.i++;
    return this.i >= b.length;
  }

  expect(byte: number, what: string): void {
    const c = this.peek();
    if (c !== byte) throw this.error(`expected ${what} but found ${describeByte(c)}`);
    this.i++;
  }

  /** Index of the closing quote of the string whose body starts at `from`. */
  private stringEnd(from: number): number {
    const b = this.buf;
    let i = from;
    let escaped = false;
    for (;;) {
      const quote = b.indexOf(QUOTE, i);
      if (quote < 0) throw NEED_MORE;
      // The next backslash is cached: most strings have none, and searching again per string
      // would rescan the rest of the buffer each time.
      if (this.nextBackslash < i) {
        const bs = b.indexOf(BACKSLASH, i);
        this.nextBackslash = bs < 0 ? b.length : bs;
      }
      if (this.nextBackslash < quote) {
        escaped = true;
        i = this.nextBackslash + 2;
        if (i > b.length) throw NEED_MORE;
        continue;
      }
      this.lastStringEscaped = escaped;
      return quote;
    }
  }

  /** Reads a string value; the cursor must be on its opening quote. */
  string(): string {
    const start = this.i + 1;
    const end = this.stringEnd(start);
    this.i = end + 1;
    if (this.lastStringEscaped) return this.parseEscaped(start - 1, end + 1);
    if (end - start <= SHORT_STRING) return shortStrings.get(this.buf, start, end);
    return this.fast.utf8Slice(start, end);
  }

  private parseEscaped(from: number, to: number): string {
    try {
      return JSON.parse(this.fast.utf8Slice(from, to)) as string;
    } catch {
      throw this.error('invalid escape sequence in string', from);
    }
  }

  private skipString(): void {
    this.i = this.stringEnd(this.i + 1) + 1;
  }

  /** Consumes a number or literal and returns its text; the caller checks it. */
  private scalarText(): string {
    const b = this.buf;
    const n = b.length;
    const start = this.i;
    let i = start;
    while (i < n) {
      const c = b[i]!;
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isWhitespace(c)) break;
      i++;
    }
    if (i >= n && !this.final) throw NEED_MORE;
    this.i = i;
    return this.fast.latin1Slice(start, i);
  }

  /** True when bytes at i..i+word.length spell `word` and a delimiter (or the end) follows. */
  private literalAt(i: number, word: Uint8Array): boolean {
    const b = this.buf;
    const end = i + word.length;
    if (end > b.length) return false;
    for (let k = 1; k < word.length; k++) if (b[i + k] !== word[k]) return false;
    if (end === b.length) return this.final;
    const next = b[end]!;
    return next === COMMA || next === CLOSE_BRACE || next === CLOSE_BRACKET || isWhitespace(next);
  }

  private scalar(): null | boolean | number {
    // Literals and plain integers are most of the scalars in chat archives: read them straight from
    // the bytes, without building a string to compare or convert.
    const b = this.buf;
    const c = b[this.i]!;
    if (c === 0x6e && this.literalAt(this.i, NULL)) {
      this.i += 4;
      return null;
    }
    if (c === 0x74 && this.literalAt(this.i, TRUE)) {
      this.i += 4;
      return true;
    }
    if (c === 0x66 && this.literalAt(this.i, FALSE)) {
      this.i += 5;
      return false;
    }
    if (c === 0x30 && this.i + 1 < b.length) {
      const next = b[this.i + 1]!;
      if (next === COMMA || next === CLOSE_BRACE || next === CLOSE_BRACKET || isWhitespace(next)) {
        this.i++;
        return 0;
      }
    }
    if (c >= 0x31 && c <= 0x39) {
      let i = this.i;
      let value = 0;
      let d: number;
      while (i < b.length && (d = b[i]! - 0x30) >= 0 && d <= 9 && i - this.i < 15) {
        value = value * 10 + d;
        i++;
      }
      if (i < b.length) {
        const next = b[i]!;
        if (next === COMMA || next === CLOSE_BRACE || next === CLOSE_BRACKET || isWhitespace(next)) {
          this.i = i;
          return value;
        }
      }
    }
    return this.scalarSlow();
  }

  private scalarSlow(): null | boolean | number {
    const start = this.i;
    const text = this.scalarText();
    if (text === 'null') return null;
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
    throw this.error(text ? `unexpected '${text.slice(0, 20)}'` : `unexpected ${describeByte(this.buf[start])}`, start);
  }

  /** Skips one value of any type, checking its syntax. */
  skip(): void {
    const c = this.peek();
    if (c === QUOTE) this.skipString();
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.skipContainer(c);
    else this.scalar();
  }

  /**
   * Skips the object or array opening at the cursor with a stack of closing bytes instead of
   * recursion: skipped parts (`fragments`, `emoticons`) are most of an archive, and one loop costs
   * less than a call per value. Checks and messages are those of a recursive descent.
   */
  private skipContainer(c: number): void {
    const closers = this.closers;
    let depth = 0;
    let close = 0;
    for (;;) {
      // c is the first byte of a value, at this.i.
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        this.i++;
        close = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
        closers[depth++] = close;
        c = this.peek();
        if (c !== close) {
          if (close === CLOSE_BRACE) c = this.skipKey(c);
          continue;
        }
        // An empty container: its closing byte is handled below like one after a last member.
      } else {
        if (c === QUOTE) this.skipString();
        else this.scalar();
        c = this.peek();
      }
      for (;;) {
        this.i++;
        if (c === COMMA) break;
        if (c !== close) throw this.error(`expected ',' or ${close === CLOSE_BRACE ? "'}'" : "']'"} but found ${describeByte(c)}`, this.i - 1);
        if (--depth === 0) return;
        close = closers[depth - 1]!;
        c = this.peek();
      }
      c = this.peek();
      if (close === CLOSE_BRACE) c = this.skipKey(c);
    }
  }

  /** Skips `"key":` (c is the byte at the cursor) and returns the first byte of the value. */
  private skipKey(c: number): number {
    if (c !== QUOTE) throw this.error(`expected a property name but found ${describeByte(this.buf[this.i])}`);
    this.skipString();
    c = this.peek();
    if (c !== COLON) throw this.error(`expected ':' but found ${describeByte(c)}`);
    this.i++;
    return this.peek();
  }

  /** After a member: consumes ',' (false: more follow) or the closing byte (true: container ended). */
  endOfMember(close: number, closeName: string): boolean {
    const c = this.peek();
    this.i++;
    if (c === COMMA) return false;
    if (c === close) return true;
    throw this.error(`expected ',' or ${closeName} but found ${describeByte(c)}`, this.i - 1);
  }

  /** Reads one value, materializing only what the projection asks for. */
  value(projection: Projection): unknown {
    return this.valueAt(projection, 0);
  }

  private valueAt(projection: Projection, depth: number): unknown {
    let c = this.buf[this.i]!;
    if (!(c > 0x20)) c = this.peek();
    if (c === QUOTE) return this.string();
    if (c === OPEN_BRACE) {
      if (projection.kind === 'object') return this.projectedObject(projection, depth);
      return this.wholeContainer();
    }
    if (c === OPEN_BRACKET) {
      if (projection.kind === 'array') {
        this.i++;
        const out: unknown[] = [];
        if (this.peek() === CLOSE_BRACKET) {
          this.i++;
          return out;
        }
        do out.push(this.valueAt(projection.items, depth));
        while (!this.endOfMember(CLOSE_BRACKET, "']'"));
        return out;
      }
      return this.wholeContainer();
    }
    return this.scalar();
  }

  private wholeContainer(): unknown {
    const start = this.i;
    this.skip();
    try {
      return JSON.parse(this.fast.utf8Slice(start, this.i));
    } catch {
      // skip checked the structure; only string contents skip does not look into can be wrong. A
      // JsonSyntaxError becomes an input error with the file and offset; V8's SyntaxError would not.
      throw this.error('invalid escape sequence or control character in a string', start);
    }
  }

  /** True when the bytes at `start` are the guess's key and closing quote, compared four at a time. */
  private matchesGuess(start: number, guess: KeyGuess): boolean {
    const quoted = guess.quoted;
    const n = quoted.length;
    if (start + n > this.buf.length) return false;
    const view = this.view;
    const words = guess.words;
    const whole = n & ~3;
    for (let k = 0; k < whole; k += 4) if (view.getUint32(start + k, true) !== words[k >> 2]) return false;
    const b = this.buf;
    for (let k = whole; k < n; k++) if (b[start + k] !== quoted[k]) return false;
    return true;
  }

  private projectedObject(projection: ObjectProjection, depth: number): Record<string, unknown> {
    this.i++;
    // Depth, not the projection, owns the slots: an array of objects reuses one slot array, and
    // a NEED_MORE thrown half way leaves nothing to undo (the retry starts the object afresh).
    const slots = (this.slotsByDepth[depth] ??= []);
    const entries = projection.entries;
    for (let k = 0; k < entries.length; k++) slots[k] = undefined;
    if (this.peek() === CLOSE_BRACE) {
      this.i++;
      return projection.build(slots);
    }
    const b = this.buf;
    const lastKeys = projection.lastKeys;
    for (let member = 0; ; member++) {
      let c = b[this.i]!;
      if (!(c > 0x20)) c = this.peek();
      if (c !== QUOTE) throw this.error(`expected a property name but found ${describeByte(b[this.i])}`);
      const start = this.i + 1;
      let entry: KeyEntry | undefined;
      // Most records repeat the previous one's keys in the same order: when this key's bytes and
      // closing quote are those of the key at this position last time, it is that key. The
      // remembered keys hold no backslash, so equal bytes leave no escape unseen.
      const guess = lastKeys[member];
      if (guess !== undefined && this.matchesGuess(start, guess)) {
        entry = guess.entry;
        this.i = start + guess.quoted.length;
      } else {
        const end = this.stringEnd(start);
        this.i = end + 1;
        if (this.lastStringEscaped) {
          const name = this.parseEscaped(start - 1, end + 1);
          entry = entries.find((e) => e.name === name);
        } else {
          // Compare the key's bytes against the wanted keys of that length: no string is built
          // for the many keys we skip.
          const candidates = projection.byLength[end - start];
          if (candidates !== undefined) {
            for (let k = 0; k < candidates.length; k++) {
              const candidate = candidates[k]!;
              const bytes = candidate.bytes;
              let j = 0;
              while (j < bytes.length && b[start + j] === bytes[j]) j++;
              if (j === bytes.length) {
                entry = candidate;
                break;
              }
            }
          }
          if (member < MAX_REMEMBERED_KEYS) lastKeys[member] = rememberKey(b, start, end + 1, entry);
        }
      }
      c = b[this.i]!;
      if (c === COLON) this.i++;
      else this.expect(COLON, "':'");
      if (entry === undefined) this.skip();
      else slots[entry.slot] = this.valueAt(entry.sub, depth + 1);
      c = b[this.i]!;
      if (c === COMMA) this.i++;
      else if (c === CLOSE_BRACE) {
        this.i++;
        return projection.build(slots);
      } else if (this.endOfMember(CLOSE_BRACE, "'}'")) return projection.build(slots);
    }
  }
}
