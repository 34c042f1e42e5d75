import { afterEach, describe, expect, it } from 'vitest';
import { isPackageRun, startReadWorkerEarly, takeEarlyReadWorker } from '../../src/cli/early-read-worker.js';

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

  it('starts one worker for a package run, and gives it to the first taker only', async () => {
    await startReadWorkerEarly(['package', '--chat', 'a.json']);
    await startReadWorkerEarly(['package', '--chat', 'a.json']);
    const first = takeEarlyReadWorker();
    expect(first?.worker.threadId).toBeGreaterThan(0);
    expect(takeEarlyReadWorker()).toBeUndefined();
    await first!.worker.terminate();
  });
});
