#!/usr/bin/env node
// Usage: node .ci/stall-guard.mjs SECONDS COMMAND [ARGS...]
//
// Runs COMMAND with its output passed through, and ends it when it prints nothing for SECONDS.
// A test run that stops making progress (a test process that never exits, a child blocked for
// ever) would otherwise hold CI until CI's own time limit, and that limit reports nothing about
// where it stopped. On a stall this prints what every process of the run was doing (state, kernel
// wait channel, age, command line), ends them all, and exits 124 as timeout(1) does.
// Otherwise it exits with COMMAND's own status.
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';

const [limitArg, command, ...args] = process.argv.slice(2);
const limitMs = Number(limitArg) * 1000;
if (!command || !(limitMs > 0)) {
  console.error('usage: node .ci/stall-guard.mjs SECONDS COMMAND [ARGS...]');
  process.exit(2);
}

// Its own process group, so that a stall ends every process the run started, not only the first.
const child = spawn(command, args, { stdio: ['inherit', 'pipe', 'pipe'], detached: true });
let lastOutputAt = Date.now();
let lastLine = '';
const relay = (to) => (chunk) => {
  lastOutputAt = Date.now();
  to.write(chunk);
  const lines = chunk.toString('utf8').split('\n').filter((line) => line.trim() !== '');
  if (lines.length > 0) lastLine = lines[lines.length - 1];
};
child.stdout.on('data', relay(process.stdout));
child.stderr.on('data', relay(process.stderr));

let stalled = false;
const watch = setInterval(() => {
  if (Date.now() - lastOutputAt < limitMs) return;
  stalled = true;
  clearInterval(watch);
  console.log(`\nstall-guard: "${[command, ...args].join(' ')}" printed nothing for ${limitArg} s; its last line was:`);
  console.log(`  ${lastLine.replace(/\x1b\[[0-9;]*m/g, '')}`);
  console.log('stall-guard: its processes (STAT D = waiting on the kernel, WCHAN = where):');
  const ps = spawnSync('ps', ['-o', 'pid,ppid,etimes,stat,wchan:24,args', '--forest', '-g', String(child.pid)], { encoding: 'utf8' });
  process.stdout.write(ps.stdout || `  (ps failed: ${ps.error?.message ?? ps.stderr})\n`);
  signalGroup('SIGTERM');
  setTimeout(() => signalGroup('SIGKILL'), 5000).unref();
}, 1000);

// 'close' once the output is all relayed; a process the run left behind holding its pipes (a
// browser, a test's child) is ended 3 s after the command itself exited.
child.on('exit', () => setTimeout(() => signalGroup('SIGKILL'), 3000).unref());
child.on('close', (code, signal) => {
  clearInterval(watch);
  signalGroup('SIGKILL');
  process.exit(stalled ? 124 : (code ?? 128 + (constants.signals[signal] ?? 1)));
});

function signalGroup(signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}
