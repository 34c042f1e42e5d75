/**
 * Issue 9 "Why": a full disk must not leave a half-written or inconsistent master. The VOD lives on a
 * small tmpfs mounted for the test, so writes really fail with ENOSPC: the run exits 3 with one line,
 * the master keeps its bytes, the rendition it names still validates, no temporary file is left,
 * and once space is back the next run completes and removes what the failed one left.
 *
 * Mounting needs root (CAP_SYS_ADMIN); elsewhere the suite is skipped with the reason printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRendition } from '../../src/validate/index.js';
import { runCli } from '../support/cli.js';
import { expectOneErrorLine, generatedMessages, scratch, syntheticVod, tempFiles, uriLines, writeArchive } from './support.js';

const SEGMENTS = 240;
const probe = async () => ({ mpegts: 126_000, container: 'ts' as const, detail: 'synthetic VOD: --mpegts' });

let root: string;
let mountPoint: string;
let mounted = false;
let why = '';

beforeAll(() => {
  root = scratch('disk-full');
  mountPoint = join(root, 'fs');
  mkdirSync(mountPoint);
  try {
    // Room for the VOD and one rendition (each segment file takes at least a 4 KiB page).
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    mounted = true;
  } catch (err) {
    why = `cannot mount a tmpfs here (${(err as Error).message.split('\n')[0]}): disk-full cases skipped`;
    console.warn(why);
  }
});

afterAll(() => {
  if (mounted) execFileSync('umount', [mountPoint], { stdio: 'pipe' });
  rmSync(root, { recursive: true, force: true });
});

const pkg = (chat: string, master: string) => runCli(['package', '--chat', chat, '--master', master, '--mpegts', '126000']);

describe('a disk that fills up mid-run', () => {
  it('fails with exit 3 and one line, keeps the master and the rendition it names, leaves no temporary', async (ctx) => {
    if (!mounted) ctx.skip(why);
    const dir = join(mountPoint, 'vod');
    const master = syntheticVod(dir, SEGMENTS);
    // A first rendition that fits: few messages, so most segments are header-only and small.
    const small = writeArchive(join(root, 'small.json'), generatedMessages(20, SEGMENTS * 2000));
    const big = writeArchive(join(root, 'big.json'), generatedMessages(6_000, SEGMENTS * 2000));
    const first = await pkg(small, master);
    if (first.code !== 0) ctx.skip(`the first rendition does not fit the test file system: ${first.stderr}`);
    const masterBefore = readFileSync(master, 'utf8');

    // Fill what is left, then re-package with different content (new segment names) on a full disk.
    const filler = join(mountPoint, 'filler');
    try {
      writeFileSync(filler, Buffer.alloc(4 * 1024 * 1024));
    } catch {
      // ENOSPC is the point: the filler takes whatever space there was.
    }
    const full = await pkg(big, master);
    expect(full.code, full.stderr).toBe(3);
    const line = expectOneErrorLine(full.stderr, dir);
    expect(line).toMatch(/no space left on device/);
    expect(readFileSync(master, 'utf8')).toBe(masterBefore);
    expect(tempFiles(dir)).toEqual([]);
    const findings = await validateRendition(master, { rendition: 'chat_kor', probe });
    expect(findings.filter((f) => f.severity === 'error'), 'the old rendition is intact').toEqual([]);

    // Space again: the next run completes and keeps only what its playlist names.
    rmSync(filler, { force: true });
    const again = await pkg(small, master);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(master, 'utf8')).toBe(masterBefore);
    const out = join(dir, 'subs', 'chat_kor');
    const named = uriLines(readFileSync(join(out, 'index.m3u8'), 'utf8'));
    expect(readdirSync(out).sort()).toEqual([...named, 'index.m3u8'].sort());
  }, 60_000);
});
