/**
 * Issue 9 §4: `--out` cannot leave the master's folder unless `--allow-outside` is given — neither by
 * `..`, an absolute path, nor a symlink inside the folder that points out of it; the URIs written in
 * the master are relative and percent-encoded; and what the master gains from the command line
 * (NAME, GROUP-ID) can never break its syntax. Every case runs in its own scratch root holding
 * the VOD folder and an `outside` folder, and snapshots the whole root.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateRendition } from '../../src/validate/index.js';
import { runCli, SAMPLE_CHAT } from '../support/cli.js';
import { expectRejected, removeAll } from './matrix.js';
import { copyVodTs, mediaUris, scratch, snapshot, uriLines } from './support.js';

const made: string[] = [];
afterAll(() => removeAll(...made));

/** root/vod (a copy of the TS sample) and root/outside (with one file an escape would clobber). */
function layout(vodName = 'vod') {
  const root = scratch('paths');
  made.push(root);
  const master = copyVodTs(join(root, vodName));
  mkdirSync(join(root, 'outside'));
  writeFileSync(join(root, 'outside', 'victim.txt'), 'must stay as it is');
  return { root, vod: dirname(master), master, outside: join(root, 'outside') };
}

const pkg = (master: string, ...extra: string[]) => runCli(['package', '--chat', SAMPLE_CHAT, '--master', master, ...extra]);

describe('--out stays inside the master\'s folder', () => {
  it.each([
    ['a parent folder', '../x'],
    ['a sibling through ..', 'subs/../../outside'],
    ['an absolute path', '/tmp/chat-replay-escape-test'],
  ])('refuses %s (exit 2, one line naming --out), writes nothing anywhere', async (_name, out) => {
    const { root, master } = layout();
    await expectRejected(root, ['--chat', SAMPLE_CHAT, '--master', master, '--out', out], { code: 2, file: `--out ${out}` });
    expect(existsSync('/tmp/chat-replay-escape-test')).toBe(false);
  });

  it('a master whose folder is missing is reported as such (exit 3), not as --out leaving it', async () => {
    const { root } = layout();
    const master = join(root, 'missing', 'master.m3u8');
    const run = await pkg(master);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(`chat-replay: ${master}: cannot read master playlist: no such file or directory\n`);
    expect(existsSync(join(root, 'missing'))).toBe(false);
  });

  it('refuses the master\'s folder itself', async () => {
    const { root, master } = layout();
    await expectRejected(root, ['--chat', SAMPLE_CHAT, '--master', master, '--out', '.'], { code: 2, file: '--out' });
  });

  it('writes outside with --allow-outside, and the master holds a relative URI to it', async () => {
    const { master, outside } = layout();
    const run = await pkg(master, '--out', '../outside/chat', '--allow-outside');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(mediaUris(readFileSync(master, 'utf8'))).toEqual(['../outside/chat/index.m3u8']);
    expect(existsSync(join(outside, 'chat', 'index.m3u8'))).toBe(true);
  });
});

describe('symlinks are not followed out of the master\'s folder', () => {
  // Found by these tests and fixed in 1f4873a (src/io/real-path.ts): the lexical --out check alone
  // let a symlinked folder inside the VOD carry the writes outside.
  it('refuses a default --out whose `subs` folder is a symlink to outside', async () => {
    const { root, vod, master, outside } = layout();
    symlinkSync(outside, join(vod, 'subs'), 'dir');
    await expectRejected(root, ['--chat', SAMPLE_CHAT, '--master', master], { code: 2, file: '--out' });
  });

  it('refuses --out naming a symlink that points outside', async () => {
    const { root, vod, master, outside } = layout();
    symlinkSync(outside, join(vod, 'elsewhere'), 'dir');
    await expectRejected(root, ['--chat', SAMPLE_CHAT, '--master', master, '--out', 'elsewhere'], { code: 2, file: '--out' });
  });

  it('still accepts a symlink that stays inside the folder', async () => {
    const { vod, master } = layout();
    mkdirSync(join(vod, 'real'));
    symlinkSync(join(vod, 'real'), join(vod, 'alias'), 'dir');
    const run = await pkg(master, '--out', 'alias/chat');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(existsSync(join(vod, 'real', 'chat', 'index.m3u8'))).toBe(true);
  });

  it('replaces a segment file that is a symlink to outside instead of writing through it', async () => {
    // Segments are named by their content: learn segment 0's name from the same run on a copy.
    const probe = layout();
    expect((await pkg(probe.master)).code).toBe(0);
    const segment0 = uriLines(readFileSync(join(probe.vod, 'subs', 'chat_kor', 'index.m3u8'), 'utf8'))[0]!;
    const { vod, master, outside } = layout();
    const out = join(vod, 'subs', 'chat_kor');
    mkdirSync(out, { recursive: true });
    symlinkSync(join(outside, 'victim.txt'), join(out, segment0));
    symlinkSync(join(outside, 'victim.txt'), join(out, 'index.m3u8'));
    const run = await pkg(master);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('must stay as it is');
    expect(lstatSync(join(out, segment0)).isSymbolicLink()).toBe(false);
    expect(lstatSync(join(out, 'index.m3u8')).isSymbolicLink()).toBe(false);
  });
});

describe('spaces and non-ASCII characters in every path', () => {
  it('packages from and into such paths, with a percent-encoded URI in the master', async () => {
    const { vod, master } = layout('my vod 채팅 🎬 (final)');
    const chat = join(vod, '채팅 로그 #1 (final).json');
    writeFileSync(chat, readFileSync(SAMPLE_CHAT));
    const run = await runCli(['package', '--chat', chat, '--master', master, '--out', 'subs/채팅 kor é']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const uri = mediaUris(readFileSync(master, 'utf8'))[0]!;
    expect(uri).toBe('subs/%EC%B1%84%ED%8C%85%20kor%20%C3%A9/index.m3u8');
    expect(uri).toMatch(/^[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+$/);
    expect(existsSync(resolve(vod, decodeURIComponent(uri)))).toBe(true);
    const findings = await validateRendition(master, { rendition: 'chat_kor' });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('re-running in such a folder is byte-identical', async () => {
    const { root, master } = layout('다시 실행 ☃');
    expect((await pkg(master, '--out', 'ü b/c d')).code).toBe(0);
    const first = snapshot(root);
    expect((await pkg(master, '--out', 'ü b/c d')).code).toBe(0);
    expect(snapshot(root)).toEqual(first);
  });
});

describe('what the command line puts in the master cannot break its syntax', () => {
  // Found by these tests and fixed in 1f4873a (src/hls/quoted-string.ts): --name and --group went into
  // quoted-strings unchecked, and RFC 8216 forbids `"`, CR and LF there.
  it.each([
    ['--name with a double quote', ['--name', 'chat "kor"']],
    ['--name with a line feed', ['--name', 'chat\n#EXT-X-ENDLIST']],
    ['--group with a carriage return', ['--group', 'chat\rx']],
  ])('%s is refused (exit 2) and the master is untouched', async (_name, extra) => {
    const { root, master } = layout();
    await expectRejected(root, ['--chat', SAMPLE_CHAT, '--master', master, ...extra], { code: 2, file: `--${extra[0]!.slice(2)}` });
  });

  it('a master that is a symlink to a file outside: refused (it would be patched there), patched with --allow-outside', async () => {
    const { root, vod, outside } = layout();
    const real = join(outside, 'master.m3u8');
    writeFileSync(real, readFileSync(join(vod, 'master.m3u8')));
    rmSync(join(vod, 'master.m3u8'));
    symlinkSync(real, join(vod, 'master.m3u8'));
    const line = await expectRejected(root, ['--chat', SAMPLE_CHAT, '--master', join(vod, 'master.m3u8')], { code: 2, file: '--master' });
    expect(line).toContain(`is a symbolic link to ${real}, outside its folder`);
    const run = await pkg(join(vod, 'master.m3u8'), '--allow-outside');
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(join(vod, 'master.m3u8')).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain('URI="subs/chat_kor/index.m3u8"');
    expect(existsSync(join(outside, 'subs'))).toBe(false);
    expect(existsSync(join(vod, 'subs', 'chat_kor', 'index.m3u8'))).toBe(true);
  });
});

describe('--out never overwrites a playlist that is not chat-replay\'s', () => {
  it.each([
    ['a video variant\'s playlist', (_vod: string) => 'v360', /the playlist of a video variant of the master \(line 4\)/],
    ['the same, written another way', (_vod: string) => './v144/', /the playlist of a video variant of the master \(line 7\)/],
    [
      'an audio rendition\'s playlist',
      (vod: string) => {
        const master = join(vod, 'master.m3u8');
        writeFileSync(master, readFileSync(master, 'utf8').replace('#EXT-X-VERSION:6\n', '#EXT-X-VERSION:6\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="main",URI="audio/index.m3u8"\n'));
        return 'audio';
      },
      /the playlist of the AUDIO rendition NAME="main" \(line 3\)/,
    ],
    [
      'captions another tool made, which the master names',
      (vod: string) => {
        const master = join(vod, 'master.m3u8');
        writeFileSync(master, readFileSync(master, 'utf8').replace('#EXT-X-VERSION:6\n', '#EXT-X-VERSION:6\n#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",URI="cc/index.m3u8"\n').replaceAll('CODECS=', 'SUBTITLES="subs",CODECS='));
        mkdirSync(join(vod, 'cc'));
        writeFileSync(join(vod, 'cc', 'index.m3u8'), '#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.0,\nenglish_0.vtt\n#EXT-X-ENDLIST\n');
        writeFileSync(join(vod, 'cc', 'english_0.vtt'), 'WEBVTT\n');
        return 'cc';
      },
      /the playlist of the subtitles rendition NAME="English" \(line 3\), which chat-replay did not write/,
    ],
    [
      'a playlist no master names',
      (vod: string) => {
        mkdirSync(join(vod, 'old'));
        writeFileSync(join(vod, 'old', 'index.m3u8'), '#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.0,\nclip.ts\n#EXT-X-ENDLIST\n');
        return 'old';
      },
      /a playlist chat-replay did not write/,
    ],
  ])('refuses %s (exit 2, one line naming --out), and changes nothing', async (_name, prepare, why) => {
    const { root, vod, master } = layout();
    const out = prepare(vod);
    const line = await expectRejected(root, ['--chat', SAMPLE_CHAT, '--master', master, '--out', out], { code: 2, file: `--out ${out}` });
    expect(line).toMatch(why);
  });

  it('writes again over its own playlist, under a new --name too: the master line is renamed', async () => {
    const { master } = layout();
    expect((await pkg(master, '--out', 'subs/chat')).code).toBe(0);
    const renamed = await pkg(master, '--out', 'subs/chat', '--name', 'chat_ko');
    expect(renamed.stderr).toBe('');
    expect(renamed.code).toBe(0);
    const media = readFileSync(master, 'utf8').split('\n').filter((l) => l.startsWith('#EXT-X-MEDIA:'));
    expect(media).toHaveLength(1);
    expect(media[0]).toContain('NAME="chat_ko"');
  });
});
