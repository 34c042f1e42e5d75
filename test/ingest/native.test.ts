import { describe, expect, test } from 'vitest';
import { readNativeArchive, readNativeJsonLines } from '../../src/ingest/native.js';
import { errorLine, readWith } from './helpers.js';

const msg = (id: string, over: Record<string, unknown> = {}) => ({ id, offsetMs: 1000, author: { name: '민지', roles: ['subscriber'] }, text: `text ${id}`, ...over });

describe('readNativeArchive', () => {
  test('object and bare-array forms, streamed in small chunks, authors shared', async () => {
    const archive = JSON.stringify({ version: 1, broadcast: { id: 'b' }, messages: [msg('a'), msg('b', { kind: 'donation', deleted: true })] }, null, 2);
    const { messages, stats } = await readWith(readNativeArchive, archive, { chunk: 5 });
    expect(messages).toEqual([
      { id: 'a', timeMs: 1000, author: { name: '민지', roles: ['subscriber'] }, text: 'text a', kind: 'chat', deleted: false },
      { id: 'b', timeMs: 1000, author: { name: '민지', roles: ['subscriber'] }, text: 'text b', kind: 'donation', deleted: true },
    ]);
    expect(messages[0]!.author).toBe(messages[1]!.author);
    expect(stats.records).toBe(2);
    expect((await readWith(readNativeArchive, JSON.stringify([msg('a')]))).messages).toHaveLength(1);
  });

  // Found by an audit: an object with neither "messages" nor "version" (a TwitchDownloader archive
  // read with --format native) was taken for an empty bare array: an empty track, exit 0.
  test('an object without "messages" is another format, not an empty archive', async () => {
    expect(await errorLine(readWith(readNativeArchive, JSON.stringify({ FileInfo: {}, comments: [{ _id: 'c' }] })))).toBe(
      'input: chat.json: messages: missing "messages": the archive must have a "messages" array (or be a bare array of messages)',
    );
    expect((await readWith(readNativeArchive, '[]')).messages).toEqual([]);
  });

  test('sentAt maps through broadcast.startedAt, even when broadcast comes after the messages', async () => {
    const sentAt = { sentAt: '2025-03-14T11:00:10.500Z', offsetMs: undefined };
    const before = JSON.stringify({ version: 1, broadcast: { startedAt: '2025-03-14T11:00:00Z' }, messages: [msg('a', sentAt)] });
    const after = JSON.stringify({ version: 1, messages: [msg('a', sentAt), msg('b')], broadcast: { startedAt: '2025-03-14T11:00:00Z' } });
    expect((await readWith(readNativeArchive, before)).messages[0]!.timeMs).toBe(10500);
    expect((await readWith(readNativeArchive, after)).messages.map((m) => [m.id, m.timeMs])).toEqual([
      ['b', 1000],
      ['a', 10500],
    ]);
  });

  test('schema errors name the message index and field; a wrong version is rejected', async () => {
    const wrong = JSON.stringify({ version: 1, messages: [msg('a'), msg('b', { author: { name: 3 } })] });
    expect(await errorLine(readWith(readNativeArchive, wrong))).toBe('input: chat.json: messages[1].author.name: expected string, got number');
    const both = JSON.stringify({ version: 1, messages: [msg('a', { sentAt: '2025-03-14T11:00:00Z' })] });
    expect(await errorLine(readWith(readNativeArchive, both))).toBe('input: chat.json: messages[0]: exactly one of offsetMs or sentAt is required');
    expect(await errorLine(readWith(readNativeArchive, JSON.stringify({ version: 2, messages: [msg('a')] })))).toBe(
      'input: chat.json: version: unsupported version 2 (expected 1)',
    );
  });

  test('a number past what a double holds (1e400, Infinity once parsed) is called that, not "expected number, got number"', async () => {
    const huge = JSON.stringify({ version: 1, messages: [msg('a')] }).replace('"offsetMs":1000', '"offsetMs":1e400');
    expect(huge).toContain('1e400');
    expect(await errorLine(readWith(readNativeArchive, huge))).toBe('input: chat.json: messages[0].offsetMs: expected number, got a number too large to represent');
  });
});

describe('readNativeJsonLines', () => {
  test('one message per line after an optional header line', async () => {
    const lines = [{ version: 1, broadcast: { startedAt: '2025-03-14T11:00:00Z' } }, msg('a'), msg('b', { sentAt: '2025-03-14T11:00:02Z', offsetMs: undefined })]
      .map((o) => JSON.stringify(o))
      .join('\n');
    const { messages } = await readWith(readNativeJsonLines, lines, { chunk: 7 });
    expect(messages.map((m) => [m.id, m.timeMs])).toEqual([
      ['a', 1000],
      ['b', 2000],
    ]);
  });

  test('errors name the line', async () => {
    const lines = `${JSON.stringify(msg('a'))}\n${JSON.stringify(msg('b', { text: null }))}\n`;
    expect(await errorLine(readWith(readNativeJsonLines, lines, { file: 'chat.jsonl' }))).toBe('input: chat.jsonl:2: text: expected string, got null');
  });

  test('the first bad line of the file is the one reported, whatever is wrong with the later ones', async () => {
    // In one read chunk: a schema error on line 2, a line that is not JSON on line 3.
    const lines = `${JSON.stringify(msg('a'))}\n${JSON.stringify(msg('b', { text: null }))}\n{"id": \n`;
    expect(await errorLine(readWith(readNativeJsonLines, lines, { file: 'chat.jsonl' }))).toBe('input: chat.jsonl:2: text: expected string, got null');
  });
});
