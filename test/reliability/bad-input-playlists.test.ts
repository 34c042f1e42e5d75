/**
 * Issue 9 §1, playlists: a master or video playlist that is not usable is rejected with exit 1 (or 3
 * when a file it names is missing) and one line naming the playlist and, where there is one, the line;
 * nothing is written. Byte-level oddities real playlists have — a BOM, CRLF mixed with LF — package
 * normally, and every byte of the master we did not mean to change survives.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRendition } from '../../src/validate/index.js';
import { runCli, SAMPLE_CHAT } from '../support/cli.js';
import { atLine, escapeRegExp, expectRejected, STATES, useCaseTemplates } from './matrix.js';
import { uriLines } from './support.js';

const newCase = useCaseTemplates();

/** Rewrites a file of the case folder. */
function edit(dir: string, rel: string, change: (text: string) => string): string {
  const path = join(dir, rel);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
  return path;
}

/** 1-based number of the first line that starts with `prefix`. */
function lineOf(path: string, prefix: string): number {
  return readFileSync(path, 'utf8').split('\n').findIndex((l) => l.startsWith(prefix)) + 1;
}

/** The master as it was before our patch: our EXT-X-MEDIA line (with its terminator) and our SUBTITLES attribute removed. */
function unpatch(master: string): string {
  return master.replace(/^\uFEFF?#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="chat",NAME="chat_kor"[^\r\n]*\r?\n/m, (m) => (m.startsWith('\uFEFF') ? '\uFEFF' : ''))
    .replace(/,SUBTITLES="chat"(?=\r?\n|$)/g, '');
}

interface BadPlaylist {
  name: string;
  /** Breaks the case folder; returns the file the error must name and its position, if any. */
  apply: (dir: string, master: string) => { file: string; position?: RegExp; master?: string };
  code: 1 | 3;
}

const BAD_PLAYLISTS: BadPlaylist[] = [
  {
    name: 'lowercase tag in the master',
    code: 1,
    apply: (dir) => {
      const file = edit(dir, 'master.m3u8', (t) => t.replace('#EXT-X-STREAM-INF:BANDWIDTH=123200', '#ext-x-stream-inf:BANDWIDTH=123200'));
      return { file, position: atLine(file, lineOf(file, '#ext-x-stream-inf')) };
    },
  },
  {
    name: 'lowercase #extinf in the video playlist',
    code: 1,
    apply: (dir) => {
      const file = edit(dir, 'v360/index.m3u8', (t) => t.replace('#EXTINF:6.000000,\nseg_002.ts', '#extinf:6.000000,\nseg_002.ts'));
      return { file, position: atLine(file, lineOf(file, '#extinf')) };
    },
  },
  {
    name: 'a master with no variants',
    code: 1,
    apply: (dir) => ({ file: edit(dir, 'master.m3u8', () => '#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n') }),
  },
  {
    name: 'a master with renditions but no variants',
    code: 1,
    apply: (dir) => ({
      file: edit(dir, 'master.m3u8', () => '#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="main",URI="v360/index.m3u8"\n'),
    }),
  },
  {
    name: 'a master that is a media playlist',
    code: 1,
    apply: (dir) => {
      const file = join(dir, 'v360', 'index.m3u8');
      return { file, master: file };
    },
  },
  { name: 'an empty master', code: 1, apply: (dir) => ({ file: edit(dir, 'master.m3u8', () => '') }) },
  {
    name: 'a master that is not a playlist at all',
    code: 1,
    apply: (dir) => {
      const file = edit(dir, 'master.m3u8', () => '{"not":"a playlist"}\n');
      return { file, position: atLine(file, 1) };
    },
  },
  {
    name: 'EXT-X-STREAM-INF with no URI after it',
    code: 1,
    apply: (dir) => {
      const file = edit(dir, 'master.m3u8', (t) => `${t}#EXT-X-STREAM-INF:BANDWIDTH=1\n`);
      return { file, position: atLine(file) };
    },
  },
  {
    name: 'a variant URI that does not exist',
    code: 3,
    apply: (dir) => {
      edit(dir, 'master.m3u8', (t) => t.replace('v360/index.m3u8', 'v720/index.m3u8'));
      return { file: join(dir, 'v720', 'index.m3u8') };
    },
  },
  {
    name: 'a variant URI that names a master playlist',
    code: 1,
    apply: (dir) => {
      edit(dir, 'master.m3u8', (t) => t.replace('v360/index.m3u8', 'master.m3u8'));
      return { file: join(dir, 'master.m3u8') };
    },
  },
  {
    // Patched leniently, `,SUBTITLES="chat"` landed inside CODECS (exit 0).
    name: 'an EXT-X-STREAM-INF whose quoted CODECS is not closed',
    code: 1,
    apply: (dir) => {
      const file = edit(dir, 'master.m3u8', (t) => t.replace('CODECS="avc1.4d4015,mp4a.40.2"', 'CODECS="avc1.4d4015,mp4a.40.2'));
      return { file, position: atLine(file, lineOf(file, '#EXT-X-STREAM-INF:BANDWIDTH=233200')) };
    },
  },
  {
    name: 'an EXT-X-STREAM-INF with single-quoted CODECS',
    code: 1,
    apply: (dir) => {
      const file = edit(dir, 'master.m3u8', (t) => t.replace('CODECS="avc1.4d400c,mp4a.40.2"', "CODECS='avc1.4d400c,mp4a.40.2'"));
      return { file, position: atLine(file, lineOf(file, '#EXT-X-STREAM-INF:BANDWIDTH=123200')) };
    },
  },
  {
    name: 'a video playlist with no segments',
    code: 1,
    apply: (dir) => ({
      file: edit(dir, 'v360/index.m3u8', () => '#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-ENDLIST\n'),
    }),
  },
  {
    name: 'a video EXT-X-TARGETDURATION that is not a number (was "has no EXT-X-TARGETDURATION", no line)',
    code: 1,
    apply: (dir) => {
      const file = edit(dir, 'v360/index.m3u8', (t) => t.replace(/#EXT-X-TARGETDURATION:\d+/, '#EXT-X-TARGETDURATION:abc'));
      return { file, position: atLine(file, lineOf(file, '#EXT-X-TARGETDURATION:abc')) };
    },
  },
  {
    name: 'a video EXTINF that is not a number',
    code: 1,
    apply: (dir) => {
      const file = edit(dir, 'v360/index.m3u8', (t) => t.replace('#EXTINF:6.000000,\nseg_003.ts', '#EXTINF:six,\nseg_003.ts'));
      return { file, position: atLine(file, lineOf(file, '#EXTINF:six')) };
    },
  },
];

describe.each(STATES)('an unusable playlist on a %s VOD: one line naming it, nothing written', (state) => {
  it.each(BAD_PLAYLISTS)('$name (exit $code)', async ({ apply, code }) => {
    const { dir, master } = newCase(state);
    const want = apply(dir, master);
    await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', want.master ?? master], { code, file: want.file, position: want.position });
  });

  it('--video naming no variant of the master (exit 1, names the master)', async () => {
    const { dir, master } = newCase(state);
    await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master, '--video', 'v720/index.m3u8'], { code: 1, file: master });
  });
});

/** Packages the sample into a fresh case after `prepare` and returns the master before and after. */
async function packageAfter(prepare: (dir: string) => void) {
  const { dir, master } = newCase('fresh');
  prepare(dir);
  const before = readFileSync(master, 'utf8');
  const run = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', master]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const findings = await validateRendition(master, { rendition: 'chat_kor' });
  return { dir, master, before, after: readFileSync(master, 'utf8'), findings };
}

describe('byte-level oddities in playlists package normally', () => {
  it('keeps a master\'s BOM and changes no byte but the patch', async () => {
    const r = await packageAfter((dir) => edit(dir, 'master.m3u8', (t) => `\uFEFF${t}`));
    expect(r.after.startsWith('\uFEFF#EXTM3U')).toBe(true);
    expect(unpatch(r.after)).toBe(r.before);
    // The validator rightly reports the BOM (file-bom); nothing else may be wrong.
    expect(r.findings.filter((f) => f.severity === 'error' && f.rule !== 'file-bom')).toEqual([]);
  });

  it('keeps each line\'s own terminator in a master that mixes CRLF and LF', async () => {
    const r = await packageAfter((dir) =>
      edit(dir, 'master.m3u8', (t) => t.split('\n').map((l, i) => (i % 2 === 0 ? `${l}\r` : l)).join('\n').replace(/\r$/, '')),
    );
    expect(r.before).toMatch(/\r\n/);
    expect(r.before).toMatch(/[^\r]\n/);
    expect(unpatch(r.after)).toBe(r.before);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it.each([
    ['CRLF', (t: string) => t.replace(/\n/g, '\r\n')],
    ['a BOM', (t: string) => `\uFEFF${t}`],
    ['mixed CRLF and LF', (t: string) => t.replace(/(#EXTINF:[^\n]*)\n/g, '$1\r\n')],
  ])('mirrors a video playlist with %s segment for segment', async (_name, change) => {
    const r = await packageAfter((dir) => edit(dir, 'v360/index.m3u8', change));
    const subs = readFileSync(join(r.dir, 'subs', 'chat_kor', 'index.m3u8'), 'utf8');
    const video = readFileSync(join(r.dir, 'v360', 'index.m3u8'), 'utf8');
    const extinfs = (t: string) => [...t.matchAll(/^#EXTINF:([^,\r\n]*)/gm)].map((m) => m[1]);
    expect(extinfs(subs)).toEqual(extinfs(video));
    expect(uriLines(subs)).toHaveLength(7);
    expect(subs.startsWith('#EXTM3U\n'), 'our playlist has no BOM and LF endings').toBe(true);
    // A BOM in the video's own playlist is the input's fault (file-bom on that file); ours must be clean.
    const ours = r.findings.filter((f) => f.severity === 'error' && !(f.rule === 'file-bom' && f.file.endsWith(join('v360', 'index.m3u8'))));
    expect(ours).toEqual([]);
  });

  it('a master with spaces after its attribute commas, which players accept, gets a well-formed patch', async () => {
    const r = await packageAfter((dir) => edit(dir, 'master.m3u8', (t) => t.replaceAll(',RESOLUTION', ', RESOLUTION')));
    expect(r.after).toContain('#EXT-X-STREAM-INF:BANDWIDTH=233200, RESOLUTION=426x240,CODECS="avc1.4d4015,mp4a.40.2",SUBTITLES="chat"');
  });

  it('a master without a final newline gets a well-formed patch', async () => {
    const r = await packageAfter((dir) => edit(dir, 'master.m3u8', (t) => t.replace(/\n+$/, '')));
    expect(unpatch(r.after)).toBe(r.before);
    expect(r.after).toMatch(new RegExp(`${escapeRegExp('v144/index.m3u8')}$`));
  });
});
