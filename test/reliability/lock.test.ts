/**
 * Issue 9 §3, concurrent runs on one master: `<master>.lock` makes a second run wait (or, with
 * `--lock-timeout 0`, fail with exit 3 and a line naming the lock), so there are never two writers.
 * The proof of "never two writers" is the lost update it prevents: two runs adding different
 * renditions must both end up in the master. A lock left by a SIGKILLed run is taken over once it
 * is stale (proper-lockfile's 10 s, waited for real here).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRendition } from '../../src/validate/index.js';
import { runCli } from '../support/cli.js';
import { ensureBuilt, runPackage, startPackage, waitForPath } from './child.js';
import { expectOneErrorLine, generatedMessages, scratch, syntheticVod, tempFiles, writeArchive } from './support.js';

const SEGMENTS = 240;
const MPEGTS = '126000';
const probe = async () => ({ mpegts: 126_000, container: 'ts' as const, detail: 'synthetic VOD: --mpegts' });

let root: string;
let chat: string;
beforeAll(async () => {
  ensureBuilt();
  // runCli imports the pipeline on a package run's first use (src/cli loads commands lazily). Load it
  // now, so the in-process second run below is not still importing when the first one lets go of the lock.
  await import('../../src/pipeline.js');
  root = scratch('lock');
  chat = writeArchive(join(root, 'chat.json'), generatedMessages(6_000, SEGMENTS * 2000));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let cases = 0;
function vod(): { dir: string; master: string } {
  const dir = join(root, `vod${cases++}`);
  return { dir, master: syntheticVod(dir, SEGMENTS) };
}

const args = (master: string, name: string, ...extra: string[]) =>
  ['--chat', chat, '--master', master, '--mpegts', MPEGTS, '--name', name, '--out', `subs/${name}`, ...extra];

/** Both renditions registered and valid: neither run's read-patch-write was lost to the other's. */
async function expectBoth(master: string, names: string[]): Promise<void> {
  const text = readFileSync(master, 'utf8');
  for (const name of names) {
    expect(text, `rendition ${name} registered`).toContain(`NAME="${name}"`);
    const findings = await validateRendition(master, { rendition: name, probe });
    expect(findings.filter((f) => f.severity === 'error'), name).toEqual([]);
  }
  expect(existsSync(`${master}.lock`)).toBe(false);
}

describe('two runs on the same master', () => {
  it('with --lock-timeout 0, the second fails at once: exit 3, one line naming the lock, nothing of its own written', async () => {
    const { dir, master } = vod();
    const first = startPackage(args(master, 'chat_a'));
    await waitForPath(`${master}.lock`, 30_000);
    const second = await runCli(['package', ...args(master, 'chat_b', '--lock-timeout', '0')]);
    expect(second.code, second.stderr).toBe(3);
    const line = expectOneErrorLine(second.stderr, master);
    expect(line).toContain(`${master}.lock`);
    const r = await first.done;
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(master, 'utf8')).not.toContain('chat_b');
    expect(existsSync(join(dir, 'subs', 'chat_b'))).toBe(false);
    await expectBoth(master, ['chat_a']);
  }, 60_000);

  it('started together, one waits for the other and neither update is lost', async () => {
    const { master } = vod();
    const [a, b] = await Promise.all([runPackage(args(master, 'chat_a')), runPackage(args(master, 'chat_b'))]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    await expectBoth(master, ['chat_a', 'chat_b']);
  }, 60_000);

  it('the second started mid-write waits, then adds its rendition to the first one\'s master', async () => {
    const { master } = vod();
    const first = startPackage(args(master, 'chat_a'));
    await waitForPath(`${master}.lock`, 30_000);
    const second = await runPackage(args(master, 'chat_b'));
    const r = await first.done;
    expect(r.code, r.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    await expectBoth(master, ['chat_a', 'chat_b']);
  }, 60_000);

  it('in one process too (two main() calls at once)', async () => {
    const { master } = vod();
    const [a, b] = await Promise.all([runCli(['package', ...args(master, 'chat_a')]), runCli(['package', ...args(master, 'chat_b')])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    await expectBoth(master, ['chat_a', 'chat_b']);
  }, 60_000);
});

describe('a lock left by a SIGKILLed run', () => {
  it('is respected while fresh, then taken over once stale; the next run cleans up after the killed one', async () => {
    const { dir, master } = vod();
    const killed = startPackage(args(master, 'chat_a'));
    await waitForPath(`${master}.lock`, 30_000);
    killed.child.kill('SIGKILL');
    expect((await killed.done).signal).toBe('SIGKILL');
    expect(existsSync(`${master}.lock`), 'the killed run left its lock').toBe(true);

    // Fresh: it may belong to a live run, so it must not be broken.
    const refused = await runCli(['package', ...args(master, 'chat_a', '--lock-timeout', '0')]);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stderr).toContain(`${master}.lock`);

    // Stale after proper-lockfile's 10 s: a waiting run takes it over and completes.
    const t0 = Date.now();
    const next = await runPackage(args(master, 'chat_a', '--lock-timeout', '40'));
    expect(next.code, next.stderr).toBe(0);
    expect(Date.now() - t0, 'it waited for the lock to go stale').toBeGreaterThan(3_000);
    expect(tempFiles(dir)).toEqual([]);
    await expectBoth(master, ['chat_a']);
  }, 60_000);
});

describe('a run stopped by SIGTERM or SIGINT (a CI timeout, Ctrl-C)', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s releases the lock on the way out: the next run need not wait', async (signal) => {
    const { dir, master } = vod();
    const stopped = startPackage(args(master, 'chat_a'));
    // Signal once the run is writing. In the first moment after proper-lockfile's mkdir (before its
    // stat returns and it records the lock for its exit hook) a signal leaves the lock behind; that
    // window only costs the next run a wait until the lock is stale, like a SIGKILL (tested above).
    await waitForPath(join(dir, 'subs', 'chat_a'), 30_000);
    stopped.child.kill(signal);
    const r = await stopped.done;
    expect(r.code === 0 || r.signal === signal || r.code === 128 + (signal === 'SIGTERM' ? 15 : 2), `ended by ${signal}`).toBe(true);
    expect(existsSync(`${master}.lock`), 'no lock left behind').toBe(false);
    const next = await runCli(['package', ...args(master, 'chat_a', '--lock-timeout', '0')]);
    expect(next.code, next.stderr).toBe(0);
    expect(tempFiles(dir)).toEqual([]);
    await expectBoth(master, ['chat_a']);
  }, 60_000);
});
