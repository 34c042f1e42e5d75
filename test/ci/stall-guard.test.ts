import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const GUARD = fileURLToPath(new URL('../../.ci/stall-guard.mjs', import.meta.url));

/** Runs the guard to its end: its exit status and everything it printed. */
function guard(seconds: number, script: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [GUARD, String(seconds), 'bash', '-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** Whether `pid` is a live process: a zombie (ended, not yet reaped by whoever adopted it) is not. */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0] !== 'Z';
  } catch {
    return false;
  }
}

describe('.ci/stall-guard.mjs: a command that stops printing is ended, with what its processes were doing', () => {
  it('passes the output through and exits with the command\'s own status', async () => {
    const run = await guard(5, 'echo out; echo err >&2; exit 7');
    expect(run.status).toBe(7);
    expect(run.output).toContain('out\n');
    expect(run.output).toContain('err\n');
    expect(run.output).not.toContain('stall-guard');
  });

  it('ends a silent command and every process it started, exits 124, and names the last line and the processes', async () => {
    // The background sleep stands for a test's child that outlives a stuck run.
    const run = await guard(1, 'echo "last words"; sleep 60 & echo "pid $!"; sleep 60');
    expect(run.status).toBe(124);
    expect(run.output).toContain('printed nothing for 1 s; its last line was:\n  pid ');
    expect(run.output).toMatch(/PID +PPID +ELAPSED +STAT +WCHAN +COMMAND/);
    expect(run.output).toMatch(/ sleep 60\n/);
    const leftover = Number(/pid (\d+)/.exec(run.output)![1]);
    expect(isRunning(leftover)).toBe(false);
  }, 20_000);

  it('ends what a finished command left holding its output, instead of waiting for it', async () => {
    const started = Date.now();
    const run = await guard(60, 'echo done; sleep 120 &');
    expect(run.status).toBe(0);
    expect(run.output).toBe('done\n');
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
