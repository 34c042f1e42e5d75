import { inputError } from '../errors.js';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Utf8StreamCheck } from './utf8.js';

/**
 * Errors of the byte layer (gzip, text encoding). The reader turns them into input errors naming
 * the file, because here we only see bytes.
 */
export class DecodeError extends Error {
  override name = 'DecodeError';

  /** `offset`: where in the decoded text (UTF-8) the problem is, for its line and column. */
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(message);
  }
}

async function* gunzip(head: Buffer, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Buffer> {
  // Copied: Readable.from reads ahead of the decompressor, holding chunks while asking for more,
  // and an input may reuse one buffer for every chunk (io/file-chunks.ts).
  async function* raw(): AsyncGenerator<Uint8Array> {
    yield head;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield Buffer.from(next.value);
  }
  const stream = Readable.from(raw()).pipe(createGunzip());
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (err) {
    throw new DecodeError(`gzip data is corrupt or truncated (${(err as Error).message})`);
  } finally {
    stream.destroy();
  }
}

/** UTF-16 to UTF-8, chunk by chunk; a code unit or surrogate pair split across chunks is carried. */
async function* utf16ToUtf8(head: Buffer, rest: AsyncIterator<Uint8Array>, bigEndian: boolean, bomBytes: number): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder('utf-16le');
  let carry: Buffer | undefined;
  /** Bytes of the file and of the UTF-8 text so far, for the position of an odd last byte. */
  let fileBytes = bomBytes;
  let textBytes = 0;
  const convert = (bytes: Buffer, last: boolean): Buffer => {
    fileBytes += bytes.length;
    let data = carry ? Buffer.concat([carry, bytes]) : bytes;
    const even = data.length & ~1;
    carry = even < data.length ? data.subarray(even) : undefined;
    data = data.subarray(0, even);
    if (bigEndian) data = Buffer.from(data).swap16(); // copy: never flip the caller's bytes
    const text = Buffer.from(decoder.decode(data, { stream: !last }), 'utf8');
    textBytes += text.length;
    return text;
  };
  yield convert(head, false);
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield convert(Buffer.from(next.value), false);
  if (carry) {
    // The offset is the text's end, for the line and column there; the message names the file's own byte.
    throw new DecodeError(`UTF-16 text ends in the middle of a character: byte ${fileBytes - 1} of the file, its last, is half of one (truncated?)`, textBytes);
  }
  yield convert(Buffer.alloc(0), true);
}

async function* passThrough(head: Buffer, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Buffer> {
  if (head.length) yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield asBuffer(next.value);
}

async function* prepend(head: Buffer, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (head.length) yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function asBuffer(value: Uint8Array): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.length);
}

/** UTF-8 text as it is, each chunk checked before it is handed on (see utf8.ts). */
async function* checkedUtf8(head: Buffer, rest: AsyncIterator<Uint8Array>, offset = 0): AsyncGenerator<Buffer> {
  const check = new Utf8StreamCheck(offset);
  let at = offset;
  for (let chunk = head, next; ; ) {
    if (chunk.length) {
      const bad = check.push(chunk);
      if (bad !== undefined) {
        // The text before the bad byte first: a JSON error there comes first, as it would in a
        // UTF-8 file, and the line and column of the bad byte are counted over this same stream.
        if (bad.offset > at) yield chunk.subarray(0, bad.offset - at);
        throw new DecodeError(bad.message, bad.offset);
      }
      yield chunk;
      at += chunk.length;
    }
    next = await rest.next();
    if (next.done) break;
    chunk = asBuffer(next.value);
  }
  const bad = check.end();
  if (bad !== undefined) throw new DecodeError(bad.message, bad.offset);
}

/**
 * Streams decodeChatBytes made, or replays of them: decoding one again passes it through. Readers
 * decode what they are given, and read-sources hands them text it has decoded already (to detect
 * the format); checking a 600 MB archive's UTF-8 twice would be waste.
 */
const DECODED = new WeakSet<object>();

/** Marks `stream` as decoded text (a replay of what decodeChatBytes gave): decoding it again passes it through. */
export function asDecodedText<T extends AsyncIterable<Uint8Array>>(stream: T): T {
  DECODED.add(stream);
  return stream;
}

/**
 * Turns an archive's raw bytes into UTF-8 JSON text bytes: gunzips (TwitchDownloader
 * `--compression Gzip`, detected by its magic bytes, as TwitchDownloader itself does), strips a UTF-8
 * BOM, and transcodes UTF-16 (with a BOM, or recognisable from a leading `{`/`[` and a zero byte).
 * Already-decoded input passes through untouched, so calling this twice is harmless.
 */
export function decodeChatBytes(input: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  return asDecodedText(decodeBytes(input));
}

async function* decodeBytes(input: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const iterator = input[Symbol.asyncIterator]();
  if (DECODED.has(input)) {
    yield* passThrough(Buffer.alloc(0), iterator);
    return;
  }
  // Gather at least 4 bytes to recognise a signature, even from a stream of tiny chunks.
  let head = Buffer.alloc(0);
  while (head.length < 4) {
    const next = await iterator.next();
    if (next.done) break;
    head = Buffer.concat([head, next.value]);
  }
  switch (classifyHead(head)) {
    case 'gzip':
      yield* decodeBytes(gunzip(head, iterator));
      return;
    case 'utf8-bom':
      // What follows is classified again, as a second decode of the stripped text always did
      // (a BOM written before gzip data is gunzipped).
      yield* decodeBytes(prepend(head.subarray(3), iterator));
      return;
    case 'utf32':
      throw new DecodeError('UTF-32 text is not supported: save the file as UTF-8');
    case 'utf16le-bom':
      yield* utf16ToUtf8(head.subarray(2), iterator, false, 2);
      return;
    case 'utf16be-bom':
      yield* utf16ToUtf8(head.subarray(2), iterator, true, 2);
      return;
    case 'utf16le':
      yield* utf16ToUtf8(head, iterator, false, 0);
      return;
    case 'utf16be':
      yield* utf16ToUtf8(head, iterator, true, 0);
      return;
    default:
      yield* checkedUtf8(head, iterator);
  }
}

export type ByteLayer = 'gzip' | 'utf8-bom' | 'utf32' | 'utf16le-bom' | 'utf16be-bom' | 'utf16le' | 'utf16be' | 'utf8';

/** What the first four bytes of an archive say about how it is stored. */
export function classifyHead(head: Uint8Array): ByteLayer {
  const [b0, b1, b2, b3] = head;
  if (b0 === 0x1f && b1 === 0x8b) return 'gzip';
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf8-bom';
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) return 'utf32';
  if (b0 === 0xff && b1 === 0xfe) return 'utf16le-bom';
  if (b0 === 0xfe && b1 === 0xff) return 'utf16be-bom';
  if ((b0 === 0x7b || b0 === 0x5b) && b1 === 0) return 'utf16le';
  if (b0 === 0 && (b1 === 0x7b || b1 === 0x5b)) return 'utf16be';
  return 'utf8';
}

/**
 * Where the decoded text starts in the file, when decoding changes nothing but a BOM (plain UTF-8):
 * then byte n of the text is byte `textStart + n` of the file, and any part of it can be read directly.
 */
export function plainTextStart(head: Uint8Array): number | undefined {
  const layer = classifyHead(head);
  return layer === 'utf8' ? 0 : layer === 'utf8-bom' ? 3 : undefined;
}

/** decodeChatBytes, with byte-layer problems reported as input errors naming the file. */
export function decodeChatInput(input: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<Buffer> {
  return asDecodedText(decodeInput(input, file));
}

async function* decodeInput(input: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<Buffer> {
  try {
    yield* decodeBytes(input);
  } catch (err) {
    if (err instanceof DecodeError) throw inputError(err.message, file, err.offset === undefined ? undefined : { offset: err.offset }, err);
    throw err;
  }
}

/**
 * The rest of a plain UTF-8 file's text from text offset `offset` on, read straight from the file
 * (the parallel reader resumes the document there after the records array), checked as
 * decodeChatInput checks the text from its start.
 */
export function plainTextFrom(input: AsyncIterable<Uint8Array>, offset: number, file: string): AsyncGenerator<Buffer> {
  async function* checked(): AsyncGenerator<Buffer> {
    const iterator = input[Symbol.asyncIterator]();
    try {
      yield* checkedUtf8(Buffer.alloc(0), iterator, offset);
    } catch (err) {
      if (err instanceof DecodeError) throw inputError(err.message, file, err.offset === undefined ? undefined : { offset: err.offset }, err);
      throw err;
    } finally {
      // This layer opened nothing, but it pulls by hand: a reader that stops early closes the file through it.
      await iterator.return?.();
    }
  }
  return asDecodedText(checked());
}
