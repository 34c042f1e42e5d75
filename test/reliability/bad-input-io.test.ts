/**
 * Issue 9 §1, I/O: a file that cannot be read or a folder that cannot be written gives exit 3 and
 * one line naming the path, and leaves the master and any earlier rendition as they were.
 *
 * Permission bits do not stop root (CAP_DAC_OVERRIDE), and these tests often run as root. So each
 * unreadable/unwritable case is made in a way that fails for root too (a folder where a file is
 * expected, a regular file where a folder is expected), and the chmod variants run only where a
 * probe shows chmod actually bites; otherwise they are skipped with the reason printed.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { runCli, SAMPLE_CHAT } from '../support/cli.js';
import { atPath, caseDir, expectRejected, makeTemplates, removeAll, STATES, type VodState } from './matrix.js';
import { copyVodTs, expectOneErrorLine, scratch, snapshot, tempFiles, uriLines } from './support.js';

let templates: Record<VodState, string>;
const made: string[] = [];
/** Paths made immutable; cleared before the scratch folders are removed (else they cannot be). */
const immutable: string[] = [];
beforeAll(async () => {
  templates = await makeTemplates();
  made.push(templates.fresh, templates.packaged);
});
afterAll(() => {
  for (const p of immutable) chattr('-i', p);
  removeAll(...made);
});

function chattr(flag: '+i' | '-i', path: string): void {
  execFileSync('chattr', [flag, path], { stdio: 'pipe' });
}

/**
 * Whether `chattr +i` makes a folder read-only here. The immutable attribute stops root too (it
 * needs CAP_LINUX_IMMUTABLE to set, and a file system that has it, like ext4), so it is how these
 * tests get a truly read-only folder when they run as root.
 */
function immutableWorks(): boolean {
  const dir = scratch('probe-immutable');
  try {
    chattr('+i', dir);
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return false;
  }
  try {
    return throws(() => writeFileSync(join(dir, 'f'), 'x'));
  } finally {
    chattr('-i', dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether `attempt` throws: how the probes below ask whether this system enforces a restriction. */
function throws(attempt: () => void): boolean {
  try {
    attempt();
    return false;
  } catch {
    return true;
  }
}

function makeImmutable(path: string): void {
  chattr('+i', path);
  immutable.push(path);
}

/** The segment file names `package` gives the sample (content-named, so the same on every copy). */
async function segmentNamesOfSampleRun(): Promise<string[]> {
  const master = copyVodTs(join(scratch('names'), 'vod'));
  const run = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', master]);
  expect(run.code, run.stderr).toBe(0);
  return uriLines(readFileSync(join(master, '..', 'subs', 'chat_kor', 'index.m3u8'), 'utf8'));
}

function newCase(state: VodState) {
  const c = caseDir(templates, state);
  made.push(c.dir);
  return c;
}

/** Whether mode 000 stops this process reading a file (false for root). */
function chmodStopsReads(): boolean {
  const dir = scratch('probe-read');
  const f = join(dir, 'f');
  writeFileSync(f, 'x');
  chmodSync(f, 0o000);
  try {
    return throws(() => readFileSync(f));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether mode 555 stops this process creating a file in a folder (false for root). */
function chmodStopsWrites(): boolean {
  const dir = scratch('probe-write');
  chmodSync(dir, 0o555);
  try {
    return throws(() => writeFileSync(join(dir, 'f'), 'x'));
  } finally {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
}

function skipUnless(ctx: TestContext, bites: boolean, what: string): void {
  if (bites) return;
  const reason = `${what}: skipped — running as uid ${process.getuid?.()}, where permission bits do not stop access; the folder-for-a-file case covers it`;
  console.warn(reason);
  ctx.skip(reason);
}

describe.each(STATES)('unreadable inputs on a %s VOD: exit 3, one line naming the path, nothing written', (state) => {
  it('the chat archive does not exist', async () => {
    const { dir, master } = newCase(state);
    const chat = join(dir, 'no such chat.json');
    await expectRejected(dir, ['--chat', chat, '--master', master], { code: 3, file: chat });
  });

  it('the master does not exist', async () => {
    const { dir } = newCase(state);
    const master = join(dir, 'missing.m3u8');
    await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master], { code: 3, file: master });
  });

  it('the chat archive is a folder (unreadable even for root)', async () => {
    const { dir, master } = newCase(state);
    const chat = join(dir, 'chat.json');
    mkdirSync(chat);
    await expectRejected(dir, ['--chat', chat, '--master', master], { code: 3, file: chat });
  });

  it('the master is a folder (unreadable even for root)', async () => {
    const { dir } = newCase(state);
    const master = join(dir, 'folder.m3u8');
    mkdirSync(master);
    await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master], { code: 3, file: master });
  });

  it('the video playlist is a folder (unreadable even for root)', async () => {
    const { dir, master } = newCase(state);
    const video = join(dir, 'v360', 'index.m3u8');
    rmSync(video);
    mkdirSync(video);
    await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master], { code: 3, file: video });
  });

  it('the chat archive has mode 000', async (ctx) => {
    skipUnless(ctx, chmodStopsReads(), 'chmod 000 chat archive');
    const { dir, master } = newCase(state);
    const chat = join(dir, 'locked.json');
    writeFileSync(chat, readFileSync(SAMPLE_CHAT));
    chmodSync(chat, 0o000);
    await expectRejected(dir, ['--chat', chat, '--master', master], { code: 3, file: chat });
  });

  it('the master has mode 000', async (ctx) => {
    skipUnless(ctx, chmodStopsReads(), 'chmod 000 master');
    const { dir, master } = newCase(state);
    chmodSync(master, 0o000);
    await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master], { code: 3, file: master });
  });
});

describe.each(STATES)('an unwritable output folder on a %s VOD: exit 3, the master untouched', (state) => {
  it('--out below a regular file (ENOTDIR, fails for root too)', async () => {
    const { dir, master } = newCase(state);
    writeFileSync(join(dir, 'blocked'), 'a file where a folder should be');
    await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master, '--out', 'blocked/chat'], { code: 3, file: join(dir, 'blocked', 'chat') });
  });

  it('--out naming a regular file', async () => {
    const { dir, master } = newCase(state);
    writeFileSync(join(dir, 'occupied'), 'a file where the folder should be');
    await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master, '--out', 'occupied'], { code: 3, file: join(dir, 'occupied') });
  });

  it('the output folder has mode 555', async (ctx) => {
    skipUnless(ctx, chmodStopsWrites(), 'chmod 555 output folder');
    const { dir, master } = newCase(state);
    const out = join(dir, 'subs', 'chat_kor');
    mkdirSync(out, { recursive: true });
    chmodSync(out, 0o555);
    try {
      await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master], { code: 3, file: out });
    } finally {
      chmodSync(out, 0o755);
    }
  });

  it('the output folder is immutable (chattr +i: read-only even for root)', async (ctx) => {
    if (!immutableWorks()) ctx.skip('chattr +i is not available here (no chattr, no CAP_LINUX_IMMUTABLE, or a file system without it)');
    const { dir, master } = newCase(state);
    const out = join(dir, 'subs', 'chat_kor');
    mkdirSync(out, { recursive: true });
    makeImmutable(out);
    await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master], { code: 3, file: out });
  });

  it('the master file is immutable: the swap fails last, the master stays, no temporary is left', async (ctx) => {
    if (!immutableWorks()) ctx.skip('chattr +i is not available here');
    const { dir, master } = newCase(state);
    // A different rendition name, so the master would change on every state.
    const before = snapshot(dir);
    makeImmutable(master);
    const run = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', master, '--name', 'chat_two']);
    expect(run.code, run.stderr).toBe(3);
    expectOneErrorLine(run.stderr, master);
    const after = snapshot(dir);
    expect(after['master.m3u8']).toBe(before['master.m3u8']);
    expect(tempFiles(dir)).toEqual([]);
    // Only the new rendition's own files may have landed (unreferenced, as the master kept its bytes).
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    expect(changed.every((k) => k === 'subs' || k.startsWith('subs/chat_two')), changed.join(', ')).toBe(true);
  });

  it('a segment path taken by a folder: the write fails midway, the master and playlist stay as they were', async () => {
    const { dir, master } = newCase(state);
    const out = join(dir, 'subs', 'chat_kor');
    // Segments are named by their content: learn segment 3's name from the same run on a copy.
    const segment3 = (await segmentNamesOfSampleRun())[3]!;
    mkdirSync(out, { recursive: true });
    rmSync(join(out, segment3), { force: true });
    mkdirSync(join(out, segment3));
    const before = snapshot(dir);
    const run = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', master]);
    expect(run.code, run.stderr).toBe(3);
    expectOneErrorLine(run.stderr, join(out, segment3));
    const after = snapshot(dir);
    expect(after['master.m3u8']).toBe(before['master.m3u8']);
    expect(after['subs/chat_kor/index.m3u8']).toBe(before['subs/chat_kor/index.m3u8']);
    expect(tempFiles(dir)).toEqual([]);
    // Segments written before the failure are the only change: unreferenced on a fresh VOD, and
    // byte-identical rewrites (same archive) on a packaged one.
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    expect(changed.every((k) => /^subs\/chat_kor\/seg_\d+_[0-9a-f]+\.vtt$/.test(k) && !before[k]), changed.join(', ')).toBe(true);
    if (state === 'packaged') expect(changed).toEqual([]);
    expect(readdirSync(out).every((n) => !n.startsWith('.'))).toBe(true);
  });
});

// Found by this test, fixed in ed8db95 (src/io/lock.ts): proper-lockfile retried every error, not
// only ELOCKED, so a folder where no lock can ever be made was retried for the whole --lock-timeout.
// Only "someone else holds it" is worth waiting for.
describe('the master\'s folder is immutable (read-only even for root)', () => {
  it('fails at once with exit 3 naming the master: not even the lock can be made, nothing is written', async (ctx) => {
    if (!immutableWorks()) ctx.skip('chattr +i is not available here');
    const { dir, master } = newCase('packaged');
    makeImmutable(dir);
    const t0 = Date.now();
    // A 10 s timeout: long enough that waiting it out would fail the time check below.
    await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master, '--lock-timeout', '10'], { code: 3, file: master });
    expect(Date.now() - t0, 'no waiting on a lock that can never be made').toBeLessThan(5_000);
  }, 30_000);
});

describe('unusable rules files: exit 1 naming the file and rule, or 3 when unreadable', () => {
  it.each([
    ['not JSON', '{"rules": [', undefined],
    ['an unknown rule', '{"rules":[{"rule":"drop-deleted"},{"rule":"make-it-nice"}]}', 'rules[1]'],
    ['a bad option', '{"rules":[{"rule":"max-length","chars":-3}]}', 'rules[0]'],
  ])('%s', async (_name, text, path) => {
    const { dir, master } = newCase('packaged');
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, text);
    const line = await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master, '--rules', rules], { code: 1, file: rules });
    if (path) expect(line).toContain(path);
  });

  it('a JSON syntax error: one line with the line and column, not the source V8 quotes', async () => {
    const { dir, master } = newCase('packaged');
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, '{"rules":[}');
    const line = await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master, '--rules', rules], { code: 1, file: rules });
    expect(line).toBe(`chat-replay: ${rules}:1:11: not valid JSON: unexpected '}'`);
  });

  it('a rules file that does not exist', async () => {
    const { dir, master } = newCase('packaged');
    const rules = join(dir, 'nope.json');
    await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master, '--rules', rules], { code: 3, file: rules });
  });

  it('is checked before a long read: a bad rules file wins over a bad archive', async () => {
    const { dir, master } = newCase('fresh');
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, '{"rules":[{"rule":"nope"}]}');
    const chat = join(dir, 'chat.json');
    writeFileSync(chat, '{"version":1,"messages":[{}]}');
    await expectRejected(dir, ['--chat', chat, '--master', master, '--rules', rules], { code: 1, file: rules, position: atPath(rules, 'rules[0].rule') });
  });
});
