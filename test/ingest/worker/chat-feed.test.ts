import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ChatReplayError } from '../../../src/errors.js';
import { execFileSync } from 'node:child_process';
import { ChatFeedOutOfOrder, openChatFeed, startReadWorker, type ChatFeedOptions } from '../../../src/ingest/worker/chat-feed.js';

const dir = mkdtempSync(join(tmpdir(), 'chat-replay-feed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function nativeArchive(name: string, times: number[], tail = ''): string {
  const file = join(dir, name);
  const messages = times.map((t, i) => JSON.stringify({ id: `m${i}`, offsetMs: t, author: { name: 'a' }, text: `text ${i}` }));
  writeFileSync(file, `{"version":1,"messages":[${messages.join(',\n')}${tail}]}`);
  return file;
}

const options: ChatFeedOptions = { order: 'stream', keepPreroll: false, programDateTimes: [] };

describe('openChatFeed (worker thread)', () => {
  test('hands every message over in order, with the read counts and the source reports', () => {
    // ~2.6 MB over 20 minutes: many batches (beyond the reorder window), more than the worker may
    // have in flight, so its back-pressure waits run.
    const file = nativeArchive('big.json', Array.from({ length: 40_000 }, (_, i) => i * 30));
    const progress: number[] = [];
    const feed = openChatFeed([{ file, offsetMs: -30, label: 'TW' }], { ...options, onProgress: (n) => progress.push(n) });
    let count = 0;
    let last = -1;
    for (const m of feed.messages) {
      expect(m.timeMs).toBeGreaterThanOrEqual(last);
      expect(m.source).toBe('TW');
      last = m.timeMs;
      count++;
    }
    const result = feed.result();
    expect(count).toBe(39_999);
    expect(result.kept).toBe(39_999);
    expect(result.preroll).toEqual({ dropped: 1, clamped: 0 });
    expect(result.sources[0]).toMatchObject({ format: 'native', messages: 40_000, records: 40_000 });
    expect(progress.at(-1)).toBe(40_000);
    expect(progress.length).toBeGreaterThan(1);
  });

  test('two sources, one starting late, come out merged in time order as collect order gives them', async () => {
    // Several read chunks each: the worker chooses which source to read next, the main thread merges.
    const early = nativeArchive('early.json', Array.from({ length: 30_000 }, (_, i) => i * 100));
    const late = nativeArchive('late.json', Array.from({ length: 20_000 }, (_, i) => 2_000_000 + i * 50));
    const ids = (feed: ReturnType<typeof openChatFeed>) => [...feed.messages].map((m) => `${m.source}:${m.id}@${m.timeMs}`);
    const sources = [
      { file: early, offsetMs: 0, label: 'E' },
      { file: late, offsetMs: 0, label: 'L' },
    ];
    const streamed = openChatFeed(sources, options);
    await streamed.ready();
    const got = ids(streamed);
    expect(got).toHaveLength(50_000);
    expect(got).toEqual(ids(openChatFeed(sources, { ...options, order: 'collect' })));
    expect(streamed.result().sources.map((s) => s.messages)).toEqual([30_000, 20_000]);
  });

  test('a worker started before its input is known reads as a new one does', async () => {
    const file = nativeArchive('ahead.json', Array.from({ length: 5_000 }, (_, i) => i * 40));
    const started = startReadWorker();
    // Give it time to load its modules and wait for its input, as it does while the video is read.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ids = (feed: ReturnType<typeof openChatFeed>) => [...feed.messages].map((m) => `${m.id}@${m.timeMs}`);
    expect(ids(openChatFeed([{ file, offsetMs: 0 }], options, started))).toEqual(ids(openChatFeed([{ file, offsetMs: 0 }], options)));
  });

  test('a worker started ahead and never used does not keep the process alive', () => {
    // The run failed before reading the chat (a bad master, a held lock): the process must still end.
    const feedModule = new URL('../../../dist/ingest/worker/chat-feed.js', import.meta.url).href;
    const script = join(dir, 'start-only.mjs');
    writeFileSync(script, `const { worker } = (await import(${JSON.stringify(feedModule)})).startReadWorker();\nworker.on('error', (e) => console.log('failed', e.message));\n`);
    const started = Date.now();
    // A referenced worker waiting for its input would hold the process until the timeout.
    const out = execFileSync(process.execPath, [script], { timeout: 20_000, encoding: 'utf8' });
    expect(out).not.toContain('failed');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('an input error in the worker arrives as the same error: file, position and kind', () => {
    const file = nativeArchive('bad.json', [0, 1, 2], ',{"id":"x","offsetMs":"soon","author":{"name":"a"},"text":"t"}');
    const feed = openChatFeed([{ file, offsetMs: 0 }], options);
    let error: unknown;
    try {
      for (const _ of feed.messages) void _;
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ChatReplayError);
    expect((error as ChatReplayError).format()).toBe(`${file}: messages[3].offsetMs: expected number, got string`);
  });

  test('a source out of time order is reported as such in stream order, and sorted in collect order', async () => {
    // 67 minutes over several read chunks, then a message from the start: found after batches were
    // handed over, far beyond the reorder window. Within one batch, order is restored on the spot.
    const file = nativeArchive('unsorted.json', [...Array.from({ length: 40_000 }, (_, i) => 10 + i * 100), 5]);
    const streamed = openChatFeed([{ file, offsetMs: 0 }], options);
    expect(() => [...streamed.messages]).toThrow(ChatFeedOutOfOrder);
    const collected = openChatFeed([{ file, offsetMs: 0 }], { ...options, order: 'collect' });
    expect([...collected.messages].slice(0, 3).map((m) => m.timeMs)).toEqual([5, 10, 110]);
    await collected.close();
    const small = openChatFeed([{ file: nativeArchive('small.json', [5, 9, 1]), offsetMs: 0 }], options);
    expect([...small.messages].map((m) => m.timeMs)).toEqual([1, 5, 9]);
  });

  test('stopping early stops the worker', async () => {
    const file = nativeArchive('early.json', Array.from({ length: 40_000 }, (_, i) => i));
    const feed = openChatFeed([{ file, offsetMs: 0 }], options);
    for (const m of feed.messages) if (m.timeMs > 10) break;
    await feed.close();
    expect(() => feed.result()).toThrow(/before it ended/);
  });

  test('a worker that dies without a word (out of memory) ends the wait with an error, not a hang', () => {
    // Collect order holds every message in the worker: with a 12 MB heap it cannot.
    const file = nativeArchive('oom.json', Array.from({ length: 120_000 }, (_, i) => i));
    const feed = openChatFeed([{ file, offsetMs: 0 }], { ...options, order: 'collect', silenceMs: 3000, resourceLimits: { maxOldGenerationSizeMb: 12 } });
    const started = Date.now();
    expect(() => [...feed.messages]).toThrow(/stopped responding|out of memory/i);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  test('ready() waits without blocking the event loop, so timers (the lock refresh) keep running', async () => {
    // Collect order sends nothing until the whole file is read and sorted.
    const file = nativeArchive('slow.json', Array.from({ length: 40_000 }, (_, i) => 40_000 - i));
    const feed = openChatFeed([{ file, offsetMs: 0 }], { ...options, order: 'collect' });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = Date.now();
    await feed.ready();
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    expect(ticks).toBeGreaterThanOrEqual(Math.floor((Date.now() - started) / 50));
    expect([...feed.messages]).toHaveLength(40_000);
    await feed.close();
  });

  test('a worker that cannot start fails at once with its own error', async () => {
    const saved = process.env.CHAT_REPLAY_READ_WORKER;
    process.env.CHAT_REPLAY_READ_WORKER = join(dir, 'no-such-worker.js');
    try {
      const feed = openChatFeed([{ file: nativeArchive('any.json', [1]), offsetMs: 0 }], options);
      const started = Date.now();
      await expect(feed.ready()).rejects.toThrow(/no-such-worker|Cannot find module/);
      expect(Date.now() - started).toBeLessThan(10_000);
      await feed.close();
    } finally {
      process.env.CHAT_REPLAY_READ_WORKER = saved;
    }
  });
});
