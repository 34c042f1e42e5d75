/**
 * The reading worker, started by bin/ before the CLI's own modules load. The worker spends ~0.3 s
 * loading zod and the readers before it reads a byte; started from the package command's handler
 * it began that ~0.2 s into the run, after yargs (~0.1 s) and the command's modules had loaded on
 * the main thread. Started here it loads alongside them, on the other core.
 *
 * Only for an invocation that is plainly a package run (`package` first, no --help or --version):
 * anything else starts nothing, and the package command starts its worker itself when none was
 * started here (options before the command name, tests calling main()).
 */
import type { ReadWorker } from '../ingest/worker/chat-feed.js';
import { keepHeapsNearLiveSize } from './heap-growth.js';

let early: ReadWorker | undefined;

/** Whether `argv` (without node and the script) is a package run, which will read chat. */
export function isPackageRun(argv: readonly string[]): boolean {
  return argv[0] === 'package' && !argv.some((arg) => arg === '--help' || arg === '-h' || arg === '--version');
}

/**
 * Starts the reading worker when `argv` is a package run. The worker is unreferenced until a feed
 * uses it, so a run that fails before reading (a usage error) still exits at once. Never throws:
 * a worker that cannot start here (no thread left under a task limit) is started again by the
 * package command, inside the CLI's error handling, which reports a failure as one line.
 */
export async function startReadWorkerEarly(argv: readonly string[]): Promise<void> {
  if (early || !isPackageRun(argv)) return;
  try {
    // Before the worker starts, so that its heap is sized the same way (heap-growth.ts).
    keepHeapsNearLiveSize();
    early = (await import('../ingest/worker/chat-feed.js')).startReadWorker();
  } catch {
    early = undefined;
  }
}

/**
 * The worker startReadWorkerEarly started, once; undefined when it started none. bin/ takes it
 * after the CLI returns too, to stop one no run used (a usage error).
 */
export function takeEarlyReadWorker(): ReadWorker | undefined {
  const taken = early;
  early = undefined;
  return taken;
}
