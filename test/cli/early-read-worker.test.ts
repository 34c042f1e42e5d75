import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPackageRun, startReadWorkerEarly, takeEarlyReadWorker } from '../../src/cli/early-read-worker.js';
import * as chatFeed from '../../src/ingest/worker/chat-feed.js';

// Calls through unless a test makes starting a worker fail (no thread left under a task limit).
vi.mock('../../src/ingest/worker/chat-feed.js', async (importOriginal) => {
  const original = await importOriginal<typeof chatFeed>();
  return { ...original, startReadWorker: vi.fn(original.startReadWorker) };
});

describe('isPackageRun: which command lines bin/ starts the reading worker for', () => {
  it('a package run, whatever its options', () => {
    expect(isPackageRun(['package', '--chat', 'a.json', '--master', 'm.m3u8'])).toBe(true);
    expect(isPackageRun(['package'])).toBe(true);
  });

  it('nothing else: other commands, help, version, options before the command', () => {
    expect(isPackageRun([])).toBe(false);
    expect(isPackageRun(['validate', '--master', 'm.m3u8'])).toBe(false);
    expect(isPackageRun(['rules'])).toBe(false);
    expect(isPackageRun(['package', '--help'])).toBe(false);
    expect(isPackageRun(['package', '-h'])).toBe(false);
    expect(isPackageRun(['package', '--chat', 'a.json', '--version'])).toBe(false);
    expect(isPackageRun(['--json', 'package', '--chat', 'a.json'])).toBe(false);
  });
});

describe('the early worker is handed over once', () => {
  afterEach(async () => {
    await takeEarlyReadWorker()?.worker.terminate();
  });

  it('starts nothing for a command line that is not a package run', async () => {
    await startReadWorkerEarly(['validate']);
    expect(takeEarlyReadWorker()).toBeUndefined();
  });

  it('does not throw when the worker cannot start: the package command starts one, inside the CLI\'s error handling', async () => {
    const eagain = Object.assign(new Error('EAGAIN'), { code: 'ERR_WORKER_INIT_FAILED' });
    vi.mocked(chatFeed.startReadWorker).mockImplementationOnce(() => {
      throw eagain;
    });
    await expect(startReadWorkerEarly(['package', '--chat', 'a.json'])).resolves.toBeUndefined();
    expect(takeEarlyReadWorker()).toBeUndefined();
  });

  it('starts one worker for a package run, and gives it to the first taker only', async () => {
    await startReadWorkerEarly(['package', '--chat', 'a.json']);
    await startReadWorkerEarly(['package', '--chat', 'a.json']);
    const first = takeEarlyReadWorker();
    expect(first?.worker.threadId).toBeGreaterThan(0);
    expect(takeEarlyReadWorker()).toBeUndefined();
    await first!.worker.terminate();
  });
});
