/**
 * Packaging as a real child process (`node bin/chat-replay.js`), for the tests that must SIGKILL a
 * run or race two of them: in-process runs cannot be killed at an arbitrary instruction.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { BIN } from './support.js';
// @ts-expect-error: plain JavaScript shared with scripts/fuzz.js, which runs without a build step
import { mulberry32 } from '../fuzz/random.js';

/** Newest modification time under a folder (ms). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return newest;
}

/**
 * bin/ runs the bundle (dist/bundle/, the last step of the build). `npm test` builds first; a direct
 * `vitest run` may find it missing or older than src/, and killing a stale build would test the
 * wrong code, so rebuild then.
 */
export function ensureBuilt(): void {
  const main = join(ROOT, 'dist', 'bundle', 'main.js');
  if (existsSync(main) && statSync(main).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  execSync('npm run build', { cwd: ROOT, stdio: 'pipe' });
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Run {
  child: ChildProcess;
  done: Promise<RunResult>;
}

export function startPackage(args: string[]): Run {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'package', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: performance.now() - started }));
  });
  return { child, done };
}

export const runPackage = (args: string[]) => startPackage(args).done;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `path` exists (polling), or rejects after `timeoutMs`. */
export async function waitForPath(path: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > until) throw new Error(`${path} did not appear within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** A small seeded PRNG (the fuzzer's mulberry32), so a failing kill schedule can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  return mulberry32(seed);
}
