import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WRAPPER = fileURLToPath(new URL('./rusage-wrapper.js', import.meta.url));

/** GNU time measures the child from outside, so nothing we add to the process skews its RSS. */
export function detectRusageMethod() {
  if (!existsSync('/usr/bin/time')) return 'wrapper';
  const probe = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/m.test(probe.stderr) ? 'gnu-time' : 'wrapper';
}

/**
 * Runs `node [nodeArgs] script [args]` and returns wall time (measured here, around the whole
 * process: startup included, as a user waits for it), peak RSS, CPU time, exit code and output.
 */
export async function measureNode(script, args, { method, nodeArgs = [], cwd } = {}) {
  const usageFile = join(tmpdir(), `chat-replay-bench-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const [command, argv] =
    method === 'gnu-time'
      ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', usageFile, process.execPath, ...nodeArgs, script, ...args]]
      : [process.execPath, [...nodeArgs, WRAPPER, usageFile, script, ...args]];
  const started = process.hrtime.bigint();
  const child = spawn(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = [];
  const err = [];
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => err.push(d));
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const usage = readUsage(usageFile, method);
  rmSync(usageFile, { force: true });
  return { wallMs, ...usage, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

function readUsage(file, method) {
  if (!existsSync(file)) return { maxRssMb: NaN, cpuMs: NaN };
  const text = readFileSync(file, 'utf8');
  if (method === 'gnu-time') {
    // A killed child makes GNU time write "Command terminated by signal" first; the numbers are last.
    const [rssKb, user, sys] = text.trim().split('\n').at(-1).split(' ').map(Number);
    return { maxRssMb: rssKb / 1024, cpuMs: (user + sys) * 1000 };
  }
  const u = JSON.parse(text);
  return { maxRssMb: u.maxRssKb / 1024, cpuMs: u.userMs + u.systemMs };
}
