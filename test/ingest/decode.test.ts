import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { decodeChatBytes, decodeChatInput } from '../../src/ingest/decode.js';
import { chunked, errorLine, reusing } from './helpers.js';

async function decode(bytes: Uint8Array, chunk = 3): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of decodeChatBytes(chunked(bytes, chunk))) parts.push(part);
  return Buffer.concat(parts).toString('utf8');
}

const TEXT = '{"body":"방송 시작! \uD83D\uDC4B <b>&amp;</b>"}';

function utf16(text: string, bigEndian: boolean, bom: boolean): Buffer {
  const le = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
  return bigEndian ? Buffer.from(le).swap16() : le;
}

describe('decodeChatBytes', () => {
  test('plain UTF-8 passes through; a UTF-8 BOM is stripped', async () => {
    expect(await decode(Buffer.from(TEXT))).toBe(TEXT);
    expect(await decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 1)).toBe(TEXT);
  });

  test('gzip (by its magic bytes, even gzip of a BOM file) is decompressed', async () => {
    expect(await decode(gzipSync(Buffer.from(TEXT)), 5)).toBe(TEXT);
    expect(await decode(gzipSync(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])))).toBe(TEXT);
  });

  test('UTF-16 LE and BE, with a BOM or recognised from the first character, split at odd offsets', async () => {
    for (const bigEndian of [false, true]) {
      for (const bom of [true, false]) {
        for (const chunk of [1, 3, 7]) expect(await decode(utf16(TEXT, bigEndian, bom), chunk)).toBe(TEXT);
      }
    }
  });

  test('an input reusing one buffer for every chunk decodes alike, gzip (which reads ahead) included', async () => {
    const text = Array.from({ length: 400 }, (_, i) => `${TEXT} ${i}`).join('\n');
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const cases = [Buffer.from(text), Buffer.concat([bom, Buffer.from(text)]), gzipSync(Buffer.from(text)), utf16(text, false, true), utf16(text, true, false)];
    // A BOM, then gzip: the first decode strips the BOM, a reader's own decode then gunzips.
    cases.push(Buffer.concat([bom, gzipSync(Buffer.from(text))]));
    for (const bytes of cases) {
      const parts: Buffer[] = [];
      for await (const part of decodeChatBytes(decodeChatBytes(reusing(bytes, 97)))) parts.push(Buffer.from(part));
      expect(Buffer.concat(parts).toString('utf8')).toBe(text);
    }
  });

  // Found by an audit: a CP949 (Korean Windows) save was decoded with U+FFFD for every Hangul
  // syllable and packaged as mojibake, exit 0.
  test('text that is not UTF-8 is an input error naming the first bad byte and its offset in the text, chunked or not, gzip and BOM included', async () => {
    const cp949 = Buffer.from([...Buffer.from('{"text":"'), 0xc7, 0xd1, 0xb0, 0xe1, ...Buffer.from('"}')]);
    const drain = async (bytes: Uint8Array, chunk: number) => {
      for await (const _ of decodeChatInput(chunked(bytes, chunk), 'chat.json'));
    };
    const expected = 'input: chat.json: not UTF-8 text: invalid byte 0xc7 at byte 9; re-save the file as UTF-8 (a Windows "ANSI" save, such as Korean CP949, is not UTF-8)';
    for (const chunk of [1, 4, 10, 1 << 20]) {
      expect(await errorLine(drain(cp949, chunk))).toBe(expected);
      expect(await errorLine(drain(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), cp949]), chunk))).toBe(expected);
    }
    expect(await errorLine(drain(gzipSync(cp949), 7))).toBe(expected);
    // The text before the bad byte is handed on first, so a JSON error before it is found first.
    const parts: string[] = [];
    await errorLine((async () => {
      for await (const part of decodeChatInput(chunked(cp949, 1 << 20), 'chat.json')) parts.push(part.toString());
    })());
    expect(parts.join('')).toBe('{"text":"');
    const han = Buffer.from('{"text":"한"}');
    expect(await errorLine(drain(han.subarray(0, 11), 3))).toBe('input: chat.json: not UTF-8 text: it ends in the middle of a character (byte 0xed at byte 9 starts one; truncated?)');
    for (const chunk of [1, 2, 10]) expect(await decode(han, chunk)).toBe('{"text":"한"}');
  });

  test('corrupt gzip, UTF-32 and odd-length UTF-16 are input errors naming the file', async () => {
    const drain = async (bytes: Uint8Array) => {
      for await (const _ of decodeChatInput(chunked(bytes, 4), 'chat.json.gz'));
    };
    const truncatedGzip = gzipSync(Buffer.from(TEXT.repeat(50))).subarray(0, 40);
    expect(await errorLine(drain(truncatedGzip))).toBe('input: chat.json.gz: gzip data is corrupt or truncated (unexpected end of file)');
    expect(await errorLine(drain(Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0])))).toBe('input: chat.json.gz: UTF-32 text is not supported: save the file as UTF-8');
    // Found by an audit: this error had no position. It names the file's byte; the error's text
    // offset (the end of the decoded text) gives read-sources its line and column.
    expect(await errorLine(drain(Buffer.concat([utf16('{}', false, true), Buffer.from([0x20])])))).toBe(
      'input: chat.json.gz: UTF-16 text ends in the middle of a character: byte 6 of the file, its last, is half of one (truncated?)',
    );
  });
});
