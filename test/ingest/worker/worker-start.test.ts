import * as workerThreads from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startReadWorker } from '../../../src/ingest/worker/chat-feed.js';

// Calls through unless a test makes the thread fail to start, as under a task limit.
vi.mock('node:worker_threads', async (importOriginal) => {
  const original = await importOriginal<typeof workerThreads>();
  return { ...original, Worker: vi.fn(function (this: unknown, ...args: ConstructorParameters<typeof original.Worker>) {
    return new original.Worker(...args);
  }) };
});

afterEach(() => vi.mocked(workerThreads.Worker).mockClear());

describe('startReadWorker', () => {
  it('a thread that cannot start is one I/O error saying what could not start and why', () => {
    vi.mocked(workerThreads.Worker).mockImplementationOnce(function () {
      throw Object.assign(new Error('EAGAIN'), { code: 'ERR_WORKER_INIT_FAILED' });
    });
    expect(() => startReadWorker()).toThrow(expect.objectContaining({
      kind: 'io',
      message: 'cannot start the thread that reads the chat: EAGAIN; is the process or user at its limit of threads?',
    }));
  });

  it('starts the thread otherwise', async () => {
    const started = startReadWorker();
    expect(started.worker.threadId).toBeGreaterThan(0);
    await started.worker.terminate();
  });
});
