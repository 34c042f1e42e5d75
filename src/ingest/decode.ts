import { inputError } from '../errors.js';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * Errors of the byte layer (gzip, text encoding). The reader turns them into input errors naming
 * the file, because here we only see bytes.
 */
export class DecodeError extends Error {
  override name = 'DecodeError';
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
async function* utf16ToUtf8(head: Buffer, rest: AsyncIterator<Uint8Array>, bigEndian: boolean): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder('utf-16le');
  let carry: Buffer | undefined;
  const convert = (bytes: Buffer, last: boolean): Buffer => {
    let data = carry ? Buffer.concat([carry, bytes]) : bytes;
    const even = data.length & ~1;
    carry = even < data.length ? data.subarray(even) : undefined;
    data = data.subarray(0, even);
    if (bigEndian) data = Buffer.from(data).swap16(); // copy: never flip the caller's bytes
    return Buffer.from(decoder.decode(data, { stream: !last }), 'utf8');
  };
  yield convert(head, false);
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield convert(Buffer.from(next.value), false);
  if (carry) throw new DecodeError('UTF-16 text ends in the middle of a character');
  yield convert(Buffer.alloc(0), true);
}

async function* passThrough(head: Buffer, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Buffer> {
  if (head.length) yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    const value = next.value;
    yield Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.length);
  }
}

/**
 * Turns an archive's raw bytes into UTF-8 JSON text bytes: gunzips (TwitchDownloader
 * `--compression Gzip`, detected by its magic bytes, as TwitchDownloader itself does), strips a UTF-8
 * BOM, and transcodes UTF-16 (with a BOM, or recognisable from a leading `{`/`[` and a zero byte).
 * Already-decoded input passes through untouched, so calling this twice is harmless.
 */
export async function* decodeChatBytes(input: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const iterator = input[Symbol.asyncIterator]();
  // Gather at least 4 bytes to recognise a signature, even from a stream of tiny chunks.
  let head = Buffer.alloc(0);
  while (head.length < 4) {
    const next = await iterator.next();
    if (next.done) break;
    head = Buffer.concat([head, next.value]);
  }
  switch (classifyHead(head)) {
    case 'gzip':
      yield* decodeChatBytes(gunzip(head, iterator));
      return;
    case 'utf8-bom':
      yield* passThrough(head.subarray(3), iterator);
      return;
    case 'utf32':
      throw new DecodeError('UTF-32 text is not supported: save the file as UTF-8');
    case 'utf16le-bom':
      yield* utf16ToUtf8(head.subarray(2), iterator, false);
      return;
    case 'utf16be-bom':
      yield* utf16ToUtf8(head.subarray(2), iterator, true);
      return;
    case 'utf16le':
      yield* utf16ToUtf8(head, iterator, false);
      return;
    case 'utf16be':
      yield* utf16ToUtf8(head, iterator, true);
      return;
    default:
      yield* passThrough(head, iterator);
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
export async function* decodeChatInput(input: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<Buffer> {
  try {
    yield* decodeChatBytes(input);
  } catch (err) {
    if (err instanceof DecodeError) throw inputError(err.message, file, undefined, err);
    throw err;
  }
}
