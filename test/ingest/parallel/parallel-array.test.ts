import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ChatReplayError } from '../../../src/errors.js';
import type { ChatMessage } from '../../../src/ingest/message.js';
import { readChatSources } from '../../../src/ingest/read-sources.js';
import { readTwitchDownloader } from '../../../src/ingest/twitchdownloader.js';
import { gzipSync } from 'node:zlib';
import type { IngestStats, ReaderContext } from '../../../src/ingest/types.js';
import { chunked } from '../helpers.js';
import { writeTwitchArchive } from '../generate-twitch.js';

const dir = mkdtempSync(join(tmpdir(), 'chat-replay-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  messages: ChatMessage[];
  stats: IngestStats;
  error?: string;
}

/** Reads a file on one thread, or in blocks of `blockBytes` shared with a block worker. */
async function read(file: string, blockBytes?: number, textStart = 0): Promise<Outcome & { byWorker: number }> {
  const stats: IngestStats = { records: 0, skipped: {} };
  const bytes = (await import('node:fs')).readFileSync(file).subarray(textStart);
  const ctx: ReaderContext = { file: 'chat.json', timeBase: {}, stats };
  let byWorker = 0;
  const onBlock = (reader: 'worker' | 'self') => void (byWorker += reader === 'worker' ? 1 : 0);
  if (blockBytes !== undefined) ctx.randomAccess = { path: file, textStart, size: statSync(file).size, minParallelBytes: 0, blockBytes, onBlock };
  const messages: ChatMessage[] = [];
  try {
    for await (const batch of readTwitchDownloader(chunked(bytes, 64 << 10), ctx)) messages.push(...batch);
  } catch (err) {
    if (!(err instanceof ChatReplayError)) throw err;
    return { messages, stats, error: err.message, byWorker };
  }
  return { messages, stats, byWorker };
}

/** `text` as UTF-8, with each lone U+DC00 replaced by the single byte 0xe9, which is not UTF-8 there. */
function latin1Byte(text: string): Buffer {
  return Buffer.concat(text.split('\udc00').flatMap((part, i) => (i ? [Buffer.from([0xe9]), Buffer.from(part)] : [Buffer.from(part)])));
}

/** Messages without author identity (each thread interns its own author objects): what the output depends on. */
const plain = (messages: ChatMessage[]) => messages.map((m) => ({ ...m, author: { ...m.author } }));

let counter = 0;
function write(text: string | Buffer): string {
  const file = join(dir, `archive-${counter++}.json`);
  writeFileSync(file, text);
  return file;
}

/** A comment whose text is written to fool a guessed record start: `},{` and a whole fake comment. */
function trickyComment(i: number): string {
  const fake = '},{\\"_id\\":\\"fake\\",\\"content_offset_seconds\\":1,\\"commenter\\":null,\\"message\\":{\\"body\\":\\"x\\"}}';
  return JSON.stringify({
    _id: `t${i}`,
    content_offset_seconds: i,
    commenter: { display_name: `n${i % 7}`, _id: String(i % 7), name: `n${i % 7}` },
    message: { body: `look ${fake} },{ ok`, fragments: [{ text: 'a' }, { text: 'b' }, { text: 'c' }], user_badges: [{ _id: 'vip' }, { _id: 'subscriber' }], user_color: null },
  });
}

describe('reading a TwitchDownloader archive in blocks on two threads', () => {
  test('gives exactly what one thread gives, however the blocks fall', async () => {
    const file = join(dir, 'generated.json');
    await writeTwitchArchive(file, 6000, 64 << 10);
    const sequential = await read(file);
    expect(sequential.messages).toHaveLength(5994);
    // Block sizes that cut records, nested badge arrays and strings at every kind of place.
    for (const blockBytes of [4093, 16 << 10, 100_003, 1 << 20]) {
      const parallel = await read(file, blockBytes);
      expect(parallel.error).toBeUndefined();
      expect(plain(parallel.messages)).toEqual(plain(sequential.messages));
      expect(parallel.stats).toEqual(sequential.stats);
      expect(parallel.byWorker).toBeGreaterThan(0);
    }
  });

  test('is not fooled by text that looks like a record boundary, nor by nested arrays of objects', async () => {
    const comments = Array.from({ length: 400 }, (_, i) => trickyComment(i));
    const file = write(`{"video":{"start":2},"comments":[${comments.join(',')}],"after":[1,2,{"x":"]"}]}`);
    const sequential = await read(file);
    expect(sequential.messages).toHaveLength(400);
    for (const blockBytes of [97, 512, 2000]) {
      const parallel = await read(file, blockBytes);
      expect(plain(parallel.messages)).toEqual(plain(sequential.messages));
      expect(parallel.byWorker).toBeGreaterThan(0);
    }
  });

  test('records larger than a block and than the read-ahead are read whole, on either thread', async () => {
    const huge = (i: number) => trickyComment(i).replace('look ', `look ${'한'.repeat(30_000 + i * 7_000)} `);
    const comments = Array.from({ length: 60 }, (_, i) => (i % 9 === 4 ? huge(i) : trickyComment(i)));
    const file = write(`{"video":{"start":0},"comments":[${comments.join(',')}]}`);
    const sequential = await read(file);
    expect(sequential.messages).toHaveLength(60);
    for (const blockBytes of [1000, 150_000]) {
      const parallel = await read(file, blockBytes);
      expect(plain(parallel.messages)).toEqual(plain(sequential.messages));
    }
  });

  test('pretty-printed files and a UTF-8 BOM', async () => {
    const comments = Array.from({ length: 300 }, (_, i) => JSON.parse(trickyComment(i)));
    const pretty = JSON.stringify({ video: { start: 0 }, comments }, null, 2);
    const file = write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(pretty)]));
    const sequential = await read(file, undefined, 3);
    expect(sequential.messages).toHaveLength(300);
    for (const blockBytes of [333, 4096]) {
      const parallel = await read(file, blockBytes, 3);
      expect(plain(parallel.messages)).toEqual(plain(sequential.messages));
      expect(parallel.byWorker).toBeGreaterThan(0);
    }
  });

  test('bad input anywhere gives the error one thread gives: syntax, schema, truncation, trailing data', async () => {
    const comments = Array.from({ length: 300 }, (_, i) => trickyComment(i));
    const cases = {
      syntaxEarly: `{"video":{},"comments":[${comments.slice(0, 20).join(',')},{"_id":"x",,}${',' + comments.slice(20).join(',')}]}`,
      syntaxLate: `{"video":{},"comments":[${comments.slice(0, 250).join(',')},{"_id":"x" "y"}${',' + comments.slice(250).join(',')}]}`,
      schemaLate: `{"video":{},"comments":[${comments.slice(0, 200).join(',')},{"_id":"x","content_offset_seconds":"soon","commenter":null,"message":{"body":""}}${',' + comments.slice(200).join(',')}]}`,
      truncated: `{"video":{},"comments":[${comments.join(',')}`.slice(0, -40),
      trailing: `{"video":{},"comments":[${comments.join(',')}]} trailing`,
      missingClose: `{"video":{},"comments":[${comments.join(',')}],"x":1`,
      // Checked by whichever thread reads the block, and after the array by the resumed stream.
      notUtf8Late: `{"video":{},"comments":[${comments.slice(0, 230).join(',')},${comments[230]!.replace('look', '\udc00LATIN1\udc00')}${',' + comments.slice(231).join(',')}]}`,
      notUtf8After: `{"video":{},"comments":[${comments.join(',')}],"x":"\udc00"}`,
    };
    for (const [name, text] of Object.entries(cases)) {
      // A lone surrogate stands for a byte that is not UTF-8: 0xe9 (é in Latin-1).
      const file = write(name.startsWith('notUtf8') ? latin1Byte(text) : text);
      const sequential = await read(file);
      expect(sequential.error, name).toBeDefined();
      if (name.startsWith('notUtf8')) expect(sequential.error).toMatch(/^not UTF-8 text: invalid byte 0xe9 at byte \d+;/);
      for (const blockBytes of [256, 3000]) {
        const parallel = await read(file, blockBytes);
        expect(parallel.error, `${name}, blocks of ${blockBytes}`).toBe(sequential.error);
      }
    }
  });

  test('a block worker that cannot start only costs speed', async () => {
    const comments = Array.from({ length: 200 }, (_, i) => trickyComment(i));
    const file = write(`{"video":{},"comments":[${comments.join(',')}]}`);
    const sequential = await read(file);
    const saved = process.env.CHAT_REPLAY_BLOCK_WORKER;
    process.env.CHAT_REPLAY_BLOCK_WORKER = join(dir, 'no-such-worker.js');
    try {
      const parallel = await read(file, 1000);
      expect(plain(parallel.messages)).toEqual(plain(sequential.messages));
      expect(parallel.byWorker).toBe(0);
    } finally {
      process.env.CHAT_REPLAY_BLOCK_WORKER = saved;
    }
  });

  test('a file whose video block comes after the comments is read on one thread, as before', async () => {
    const comments = Array.from({ length: 100 }, (_, i) => trickyComment(i));
    const file = write(`{"comments":[${comments.join(',')}],"video":{"start":5}}`);
    const sequential = await read(file);
    const parallel = await read(file, 500);
    expect(plain(parallel.messages)).toEqual(plain(sequential.messages));
    expect(parallel.messages[0]!.timeMs).toBe(-5000);
  });

  test('read-sources grants random access to plain UTF-8 files, BOM included, and not to gzip', async () => {
    const comments = Array.from({ length: 300 }, (_, i) => trickyComment(i));
    const text = `{"video":{"start":1},"comments":[${comments.join(',')}]}`;
    const files = [write(text), write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), write(gzipSync(text))];
    const options = { timeBase: {}, keepPreroll: true };
    const expected = plain((await readChatSources([{ file: files[0]!, offsetMs: 0 }], { ...options, parallel: false })).messages);
    for (const [k, file] of files.entries()) {
      let blocks = 0;
      const parallel = { minParallelBytes: 0, blockBytes: 2000, onBlock: () => void blocks++ };
      const result = await readChatSources([{ file, offsetMs: 0 }], { ...options, parallel });
      expect(plain(result.messages)).toEqual(expected);
      if (k < 2) expect(blocks).toBeGreaterThan(10);
      else expect(blocks).toBe(0);
    }
  });
});
