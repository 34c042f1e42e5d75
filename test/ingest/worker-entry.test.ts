import { afterEach, describe, expect, it } from 'vitest';
import { workerEntryUrl } from '../../src/ingest/worker-entry.js';

describe('workerEntryUrl', () => {
  const saved = process.env.CHAT_REPLAY_TEST_WORKER;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHAT_REPLAY_TEST_WORKER;
    else process.env.CHAT_REPLAY_TEST_WORKER = saved;
  });

  it('is the file beside the module that starts it, in dist/ and in the bundle', () => {
    expect(workerEntryUrl('read-worker.js', 'file:///p/dist/ingest/worker/chat-feed.js', 'CHAT_REPLAY_TEST_WORKER').href).toBe('file:///p/dist/ingest/worker/read-worker.js');
    expect(workerEntryUrl('read-worker.js', 'file:///p/dist/bundle/chunk-AB12.js', 'CHAT_REPLAY_TEST_WORKER').href).toBe('file:///p/dist/bundle/read-worker.js');
  });

  it('takes the named built worker only when running from TypeScript source: a spawned CLI ignores the tests\' variable', () => {
    process.env.CHAT_REPLAY_TEST_WORKER = '/p/dist/ingest/worker/read-worker.js';
    expect(workerEntryUrl('read-worker.js', 'file:///p/src/ingest/worker/chat-feed.ts', 'CHAT_REPLAY_TEST_WORKER').href).toBe('file:///p/dist/ingest/worker/read-worker.js');
    expect(workerEntryUrl('read-worker.js', 'file:///p/dist/bundle/chunk-AB12.js', 'CHAT_REPLAY_TEST_WORKER').href).toBe('file:///p/dist/bundle/read-worker.js');
  });
});
