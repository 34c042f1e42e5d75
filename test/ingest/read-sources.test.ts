import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { inTimeOrder, READERS, readChatSources, SourceOutOfOrder, streamChatSources } from '../../src/ingest/read-sources.js';
import type { ChatMessage } from '../../src/ingest/message.js';
import { errorLine, fixture, FIXTURES, readWith } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'chat-replay-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}
const native = (messages: Array<[string, number]>) =>
  JSON.stringify({ version: 1, messages: messages.map(([id, offsetMs]) => ({ id, offsetMs, author: { name: 'a' }, text: id })) });
const options = { timeBase: {}, keepPreroll: false };

describe('readChatSources', () => {
  test('merges sources by time, stably, with each source offset and label applied', async () => {
    const a = write('a.json', native([['a1', 1000], ['a2', 3000], ['a3', 3000]]));
    const b = write('b.jsonl', [['b1', 500], ['b2', 2000]].map(([id, t]) => JSON.stringify({ id, offsetMs: t, author: { name: 'b' }, text: id })).join('\n'));
    const result = await readChatSources(
      [
        { file: a, offsetMs: 0, label: 'TW' },
        { file: b, offsetMs: 1000, label: 'YT' },
      ],
      options,
    );
    expect(result.messages.map((m) => [m.id, m.timeMs, m.source])).toEqual([
      ['a1', 1000, 'TW'],
      ['b1', 1500, 'YT'],
      ['a2', 3000, 'TW'],
      ['a3', 3000, 'TW'],
      ['b2', 3000, 'YT'],
    ]);
    expect(result.sources.map((s) => [s.format, s.detected, s.records, s.messages])).toEqual([
      ['native', true, 3, 3],
      ['native-jsonl', true, 2, 2],
    ]);
  });

  test('pre-roll is dropped and counted, or clamped to 0', async () => {
    const file = join(FIXTURES, 'ytdlp.live-capture.live_chat.json');
    const dropped = await readChatSources([{ file, offsetMs: 0 }], options);
    expect(dropped.preroll).toEqual({ dropped: 2, clamped: 0 });
    expect(dropped.messages).toHaveLength(4);
    const clamped = await readChatSources([{ file, offsetMs: 0 }], { ...options, keepPreroll: true });
    expect(clamped.preroll).toEqual({ dropped: 0, clamped: 2 });
    expect(clamped.messages.slice(0, 2).map((m) => m.timeMs)).toEqual([0, 0]);
    // An offset can also bring a live capture's backlog into the video.
    const shifted = await readChatSources([{ file, offsetMs: 40000 }], options);
    expect(shifted.preroll.dropped).toBe(0);
  });

  test('every shared sample is detected and read, also gzip-compressed', async () => {
    const counts: Record<string, number> = {};
    for (const name of ['twitchdownloader.json', 'ytdlp.live_chat.json', 'chat-downloader.json', 'twitch-v5-rechat.json']) {
      const { messages, sources } = await readChatSources([{ file: join(FIXTURES, name), offsetMs: 0 }], options);
      counts[`${name} ${sources[0]!.format}`] = messages.length;
    }
    expect(counts).toEqual({
      'twitchdownloader.json twitchdownloader': 31,
      'ytdlp.live_chat.json ytdlp': 33,
      'chat-downloader.json chat-downloader': 33,
      'twitch-v5-rechat.json twitchdownloader': 5,
    });
    const gz = write('chat.json.gz', gzipSync(native([['x', 5]])));
    expect((await readChatSources([{ file: gz, offsetMs: 0 }], options)).messages.map((m) => m.id)).toEqual(['x']);
  });

  test('every reader gives the same messages from an input that reuses one buffer for every chunk (io/file-chunks.ts)', async () => {
    const samples = { 'twitchdownloader.json': 'twitchdownloader', 'ytdlp.live_chat.json': 'ytdlp', 'chat-downloader.json': 'chat-downloader', 'twitch-v5-rechat.json': 'twitchdownloader' } as const;
    for (const [name, format] of Object.entries(samples)) {
      const bytes = fixture(name);
      const expected = (await readWith(READERS[format], bytes, { chunk: 101 })).messages;
      expect(expected.length).toBeGreaterThan(0);
      // With a second pass from the file (`reopen`), and with the input held once and replayed.
      for (const reopen of [true, false]) expect((await readWith(READERS[format], bytes, { chunk: 101, reuse: true, reopen })).messages, `${name}, reopen ${reopen}`).toEqual(expected);
    }
    const lines = [1, 2, 3].map((i) => JSON.stringify({ id: `n${i}`, offsetMs: i, author: { name: 'a' }, text: `t${i}` })).join('\n');
    const objects = native([['a', 1], ['b', 2]]);
    for (const [format, text] of [['native-jsonl', lines], ['native', objects]] as const) {
      expect((await readWith(READERS[format], text, { chunk: 7, reuse: true })).messages).toEqual((await readWith(READERS[format], text, { chunk: 7 })).messages);
    }
  });

  test('a forced format overrides detection; unknown content lists the formats tried', async () => {
    const file = join(FIXTURES, 'chat-downloader.json');
    expect(await errorLine(readChatSources([{ file, offsetMs: 0, format: 'twitchdownloader' }], options))).toBe(
      `input: ${file}: [0]._id: missing string`,
    );
    const odd = write('odd.json', '{"hello":"world"}');
    expect(await errorLine(readChatSources([{ file: odd, offsetMs: 0 }], options))).toBe(
      `input: ${odd}: unrecognised chat archive format; tried: ytdlp (JSON Lines with replayChatItemAction/addChatItemAction); chat-downloader (items with message_type/time_in_seconds); native-jsonl (JSON Lines of messages with offsetMs/sentAt); twitchdownloader (an object with a "comments" array, or an array of comments with content_offset_seconds); native (an object with "messages", or an array of messages with offsetMs/sentAt). Name the format with --chat FILE:format=NAME`,
    );
  });

  test('a missing file or a directory is an I/O error', async () => {
    const missing = join(dir, 'nope.json');
    expect(await errorLine(readChatSources([{ file: missing, offsetMs: 0 }], options))).toBe(`io: ${missing}: cannot read chat archive: no such file or directory`);
    expect(await errorLine(readChatSources([{ file: dir, offsetMs: 0 }], options))).toBe(`io: ${dir}: cannot read chat archive: is a directory`);
  });

  test('a file that fails half way is closed: no descriptor is left open', async () => {
    // Past the first 1 MB chunk, so the reader is mid-file when it fails.
    const good = Array.from({ length: 20_000 }, (_, i) => ({ id: `m${i}`, offsetMs: i, author: { name: 'a' }, text: 'x'.repeat(40) }));
    const file = write('breaks.json', `${JSON.stringify({ version: 1, messages: good }).slice(0, -2)},{"id": oops}]}`);
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    await expect(readChatSources([{ file, offsetMs: 0 }], options)).rejects.toThrow(/invalid JSON/);
    expect(open()).toBe(before);
    // A YouTube archive is read twice; its first pass stops at the bad line, mid-file, unasked.
    const lines = fixture('ytdlp.live_chat.json').toString('utf8').trim().split('\n');
    const many = Array.from({ length: 40 }, () => lines).flat();
    many.splice(many.length >> 1, 0, '{"broken": ');
    const youtube = write('breaks.live_chat.json', `${many.join('\n')}\n`);
    expect(statSync(youtube).size).toBeGreaterThan(1 << 20);
    await expect(readChatSources([{ file: youtube, offsetMs: 0, format: 'ytdlp' }], options)).rejects.toThrow();
    expect(open()).toBe(before);
  });

  test('a source out of time order stops the stream order, and is sorted when read whole', async () => {
    // 3 MB: several 1 MB read chunks, so the stream hands batches on before it finds the step back.
    // 50 minutes of chat, then one message from the start: far beyond the reorder window.
    const many = Array.from({ length: 30_000 }, (_, i): [string, number] => [`m${i}`, i * 100]);
    many.push(['late', 5]);
    const file = write('unsorted.json', native(many));
    const stream = streamChatSources([{ file, offsetMs: 0 }], { ...options, order: 'stream' });
    let streamed = 0;
    const error = await (async () => {
      try {
        for await (const batch of stream.batches) streamed += batch.length;
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(SourceOutOfOrder);
    expect((error as SourceOutOfOrder).timeMs).toBe(5);
    expect(streamed).toBeGreaterThan(0);
    const { messages } = await readChatSources([{ file, offsetMs: 0 }], options);
    expect(messages.slice(0, 3).map((m) => m.id)).toEqual(['m0', 'late', 'm1']);
    expect(messages).toHaveLength(30_001);
  });

  test('stream and collect orders merge several sources identically', async () => {
    const a = write('a-many.json', native(Array.from({ length: 9000 }, (_, i): [string, number] => [`a${i}`, Math.floor(i / 3) * 7])));
    const b = write('b-many.json', native(Array.from({ length: 7000 }, (_, i): [string, number] => [`b${i}`, Math.floor(i / 2) * 5])));
    const order = async (o: 'stream' | 'collect') => {
      const stream = streamChatSources([{ file: a, offsetMs: 0 }, { file: b, offsetMs: 3 }], { ...options, order: o });
      const ids: string[] = [];
      for await (const batch of stream.batches) for (const m of batch) ids.push(`${m.id}@${m.timeMs}`);
      return { ids, sources: stream.result.sources.map((s) => s.messages) };
    };
    const streamed = await order('stream');
    expect(streamed).toEqual(await order('collect'));
    expect(streamed.sources).toEqual([9000, 7000]);
  });

  test('a nearly sorted source streams: steps back within the reorder window are sorted on the way', async () => {
    const at = (id: string, timeMs: number) => ({ id, timeMs }) as ChatMessage;
    async function* batches() {
      yield [at('a', 0), at('b', 1000), at('c', 9000)];
      yield [at('d', 500), at('e', 9000), at('f', 20_000)]; // d steps back 8.5 s; e ties c
      yield [at('g', 19_999), at('h', 40_000)];
    }
    const out: string[] = [];
    for await (const batch of inTimeOrder('nearly.json', batches(), 10_000)) out.push(...batch.map((m) => m.id));
    expect(out).toEqual(['a', 'd', 'b', 'c', 'e', 'g', 'f', 'h']);
    async function* tooLate() {
      yield [at('a', 0), at('b', 1000), at('c', 30_000)];
      yield [at('d', 500)]; // a and b were handed on already (more than 10 s before c)
    }
    await expect(async () => {
      for await (const _ of inTimeOrder('late.json', tooLate(), 10_000)) void _;
    }).rejects.toThrow(SourceOutOfOrder);
  });
});

describe('message times out of range', () => {
  test('a time at the edge of the range plus a source offset is still read (and dropped later as past the end)', async () => {
    // The fuzz's case: the range check ran after the offset was added and rejected a valid archive.
    const file = write('edge.json', JSON.stringify({ version: 1, messages: [{ id: 'e', offsetMs: Number.MAX_SAFE_INTEGER, author: { name: 'x' }, text: 't' }] }));
    const { messages } = await readChatSources([{ file, offsetMs: 5000 }], options);
    expect(messages.map((m) => m.timeMs)).toEqual([Number.MAX_SAFE_INTEGER + 5000]);
  });
});

describe('streamChatSources input kinds', () => {
  // Texts of 1–80 characters, in a fixed pseudo-random order.
  const archive = (n: number) =>
    JSON.stringify({
      version: 1,
      messages: Array.from({ length: n }, (_, i) => ({ id: `m${i}`, offsetMs: i * 50, author: { name: `viewer${i % 97}` }, text: 'x'.repeat(1 + ((Math.imul(i, 0x9e3779b1) >>> 25) % 80)) })),
    });

  test('reads every message of a file read with random access (the parallel reader)', async () => {
    const file = write('parallel.json', archive(20_000));
    const stream = streamChatSources([{ file, offsetMs: 0 }], { ...options, order: 'stream', parallel: { minParallelBytes: 0 } });
    for await (const batch of stream.batches) void batch;
    expect(stream.result.read).toBe(20_000);
  });

  test('reads a pipe as a stream, whether or not random access is allowed', async () => {
    const fifo = join(dir, 'chat.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const parallel of [false as const, { minParallelBytes: 0 }]) {
      // The writer blocks until the reader opens the pipe: started first, awaited after.
      const writer = writeFile(fifo, archive(3000));
      const stream = streamChatSources([{ file: fifo, offsetMs: 0 }], { ...options, order: 'stream', parallel });
      for await (const batch of stream.batches) void batch;
      await writer;
      expect(stream.result.read).toBe(3000);
    }
  });

  test('reads the YouTube formats from a pipe too, whose two passes then replay the input held once', async () => {
    const fifo = join(dir, 'youtube.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const name of ['ytdlp.live_chat.json', 'chat-downloader.json']) {
      const file = join(FIXTURES, name);
      const writer = writeFile(fifo, readFileSync(file));
      const piped = await readChatSources([{ file: fifo, offsetMs: 0 }], options);
      await writer;
      const direct = await readChatSources([{ file, offsetMs: 0 }], options);
      expect(piped.messages.map((m) => m.id)).toEqual(direct.messages.map((m) => m.id));
      expect(piped.messages).toHaveLength(33);
    }
  });

  test('reads every message of a gzip file', async () => {
    const stream = streamChatSources([{ file: write('input.json.gz', gzipSync(archive(20_000))), offsetMs: 0 }], { ...options, order: 'stream' });
    for await (const batch of stream.batches) void batch;
    expect(stream.result.read).toBe(20_000);
  });
});

describe('where a JSON error is: the line and column of the text, however the file stores it', () => {
  // An indented TwitchDownloader archive whose fourth comment lacks a comma, on line 6.
  const comment = (id: string) => JSON.stringify({ _id: id, created_at: '2026-11-21T10:00:00Z', content_offset_seconds: 1, commenter: { display_name: '한결', _id: '1', name: 'h' }, message: { body: '안녕 hi' } });
  const text = `{"video":{"start":0},\n "comments":[\n  ${comment('a')},\n  ${comment('b')},\n  ${comment('c')},\n  ${comment('d').replace(',"created_at"', ' "created_at"')}\n]}\n`;
  const column = [...'  {"_id":"d" '].length + 1;
  const utf16 = (bom: number[], encoding: 'utf16le' | 'ucs2') => Buffer.concat([Buffer.from(bom), Buffer.from(text, encoding)]);
  const swapped = (b: Buffer) => Buffer.from(b).swap16();

  test.each([
    ['plain UTF-8', 'plain.json', Buffer.from(text)],
    ['UTF-8 with a BOM', 'bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['gzip', 'zipped.json.gz', gzipSync(text)],
    ['UTF-16 LE', 'le.json', utf16([0xff, 0xfe], 'utf16le')],
    ['UTF-16 BE', 'be.json', swapped(utf16([0xfe, 0xff].reverse(), 'utf16le'))],
  ])('%s', async (_name, fileName, bytes) => {
    const file = write(`position-${fileName}`, bytes);
    const line = await errorLine(readChatSources([{ file, offsetMs: 0 }], { ...options, parallel: false }));
    expect(line).toContain(`input: ${file}:6:${column}: comments[3]: invalid JSON at byte `);
    expect(line).toContain("expected ',' or '}'");
  });

  test('read by the parallel reader too', async () => {
    const file = write('position-parallel.json', text);
    const line = await errorLine(readChatSources([{ file, offsetMs: 0 }], { ...options, parallel: { minParallelBytes: 0, blockBytes: 64 } }));
    expect(line).toContain(`${file}:6:${column}: comments[3]: invalid JSON at byte`);
  });

  test('a byte that is not UTF-8, found by the parallel reader or by one thread: the same line and column', async () => {
    // The "안" of comment c's body, its first byte made 0xff (in no UTF-8 text): line 5, after `  {…"body":"`.
    const valid = text.replace(' "created_at"', ',"created_at"');
    const at = Buffer.from(valid).indexOf(Buffer.from('안녕'), Buffer.from(valid).indexOf('"_id":"c"'));
    const bytes = Buffer.from(valid);
    bytes[at] = 0xff;
    const file = write('position-latin1.json', bytes);
    const col = [...valid.split('\n')[4]!.slice(0, valid.split('\n')[4]!.indexOf('안녕'))].length + 1;
    const expected = `input: ${file}:5:${col}: not UTF-8 text: invalid byte 0xff at byte ${at};`;
    expect(await errorLine(readChatSources([{ file, offsetMs: 0 }], { ...options, parallel: false }))).toContain(expected);
    expect(await errorLine(readChatSources([{ file, offsetMs: 0 }], { ...options, parallel: { minParallelBytes: 0, blockBytes: 64 } }))).toContain(expected);
  });

  test('data after the document, read by the parallel reader: the error names it, and the file is closed', async () => {
    // The archive made valid (the missing comma put back), then a stray `x` on the line after it.
    const file = write('position-trailing.json', `${text.replace(' "created_at"', ',"created_at"')}  x\n`);
    const openOnFile = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === file;
      } catch {
        return false;
      }
    }).length;
    for (let run = 0; run < 3; run++) {
      const line = await errorLine(readChatSources([{ file, offsetMs: 0 }], { ...options, parallel: { minParallelBytes: 0, blockBytes: 64 } }));
      expect(line).toContain(`${file}:8:3: unexpected data after the end of the JSON document at byte`);
    }
    expect(openOnFile()).toBe(0);
  });

  test('a truncated file: where it ends', async () => {
    const file = write('position-truncated.json', text.slice(0, text.indexOf('"c"') + 10));
    // It ends 10 characters into line 5's `"c"`, which starts after `  {"_id":`: the next column.
    const end = [...'  {"_id":'].length + 10 + 1;
    expect(await errorLine(readChatSources([{ file, offsetMs: 0 }], { ...options, parallel: false }))).toContain(`${file}:5:${end}: comments[2]: unexpected end of input at byte`);
  });
});
