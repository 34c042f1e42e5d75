/**
 * The master is the user's file: patching it keeps what it is besides its text. Its permissions
 * (a private master stays private), its owner (a CI job running as root hands it back to its
 * owner), and a symbolic link (the link stays; the file it leads to is patched).
 */
import { chmodSync, chownSync, lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, SAMPLE_CHAT } from '../support/cli.js';
import { copyVodTs, scratch } from './support.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function vod(): string {
  const root = scratch('master-file');
  made.push(root);
  return copyVodTs(join(root, 'vod'));
}

async function pkg(master: string): Promise<void> {
  const run = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', master]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
}

describe('patching the master keeps the file what it was', () => {
  it.each([
    ['600', 0o600],
    ['640', 0o640],
    ['444', 0o444],
  ])('keeps mode %s (it came back 644)', async (_shown, mode) => {
    const master = vod();
    chmodSync(master, mode);
    await pkg(master);
    expect(readFileSync(master, 'utf8')).toContain('#EXT-X-MEDIA:TYPE=SUBTITLES');
    expect(statSync(master).mode & 0o777).toBe(mode);
  });

  it.runIf(process.getuid?.() === 0)('keeps its owner when run as root', async () => {
    const master = vod();
    chownSync(master, 4321, 4321);
    await pkg(master);
    expect(statSync(master)).toMatchObject({ uid: 4321, gid: 4321 });
  });

  it('one lock whether the master is named by its link or its target: two runs at once both land', async () => {
    const master = vod();
    const real = join(dirname(master), 'real.m3u8');
    renameSync(master, real);
    symlinkSync('real.m3u8', master);
    const runs = await Promise.all(
      [
        [master, 'a'],
        [real, 'b'],
      ].map(([path, name]) => runCli(['package', '--chat', SAMPLE_CHAT, '--master', path!, '--name', name!])),
    );
    for (const run of runs) expect(run.stderr).toBe('');
    expect(readFileSync(real, 'utf8').match(/^#EXT-X-MEDIA:/gm)).toHaveLength(2);
  });

  it('patches the file a symbolic link leads to, and the link stays a link', async () => {
    const master = vod();
    const real = join(dirname(master), 'real', 'master.m3u8');
    mkdirSync(dirname(real));
    renameSync(master, real);
    // Its URIs are relative to the link's folder, as a player resolves them.
    symlinkSync('real/master.m3u8', master);
    await pkg(master);
    expect(lstatSync(master).isSymbolicLink()).toBe(true);
    expect(readlinkSync(master)).toBe('real/master.m3u8');
    expect(readFileSync(real, 'utf8')).toContain('#EXT-X-MEDIA:TYPE=SUBTITLES');
  });
});
