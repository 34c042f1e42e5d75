/**
 * The fuzz oracle must catch what it claims to: a fuzz run that passes because its checks are blind
 * proves nothing. Real patches pass; each kind of damage a patch could do is reported.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMaster } from '../../src/hls/master.js';
import { patchMaster } from '../../src/hls/master-patch.js';
import { checkCueAccounting, checkMasterPatch, diffSnapshots, snapshot } from './check.js';

const MASTER = [
  '#EXTM3U\r\n',
  '#EXT-X-VERSION:3\n',
  '# vendor comment\r\n',
  '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",URI="en.m3u8"\n',
  '#EXT-X-STREAM-INF:BANDWIDTH=1,SUBTITLES="subs"\r\n',
  'a/index.m3u8\n',
  '#EXT-X-STREAM-INF:BANDWIDTH=2,CODECS="avc1,mp4a"\n',
  'b/index.m3u8',
].join('');

const patched = patchMaster(parseMaster(MASTER, 'master.m3u8'), { group: 'chat', name: 'chat_kor', language: 'ko', default: false, uri: 'subs/chat_kor/index.m3u8' }).text;

describe('checkMasterPatch', () => {
  it('passes the real patch of a master with mixed endings, a comment and an existing group', () => {
    expect(patched).not.toBe(MASTER);
    expect(checkMasterPatch(MASTER, patched, 'chat_kor')).toEqual([]);
  });

  it.each([
    ['a changed line terminator', (t: string) => t.replace('# vendor comment\r\n', '# vendor comment\n')],
    ['a dropped comment', (t: string) => t.replace('# vendor comment\r\n', '')],
    ['a re-serialised attribute', (t: string) => t.replace('CODECS="avc1,mp4a"', 'CODECS="avc1, mp4a"')],
    ['a removed BOM or an added one', (t: string) => `\uFEFF${t}`],
    ['a rendition line that is not ours', (t: string) => t.replace('#EXTM3U\r\n', '#EXTM3U\r\n#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="x",NAME="other",URI="o.m3u8"\n')],
    ['our rendition missing', () => MASTER],
  ])('reports %s', (_name, damage) => {
    expect(checkMasterPatch(MASTER, damage(patched), 'chat_kor')).not.toEqual([]);
  });
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function rendition(segments: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'chat-replay-oracle-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'subs'));
  const names = segments.map((_, i) => `seg_${i}.vtt`);
  segments.forEach((s, i) => writeFileSync(join(dir, 'subs', names[i]!), s));
  writeFileSync(join(dir, 'subs', 'index.m3u8'), `#EXTM3U\n${names.map((n) => `#EXTINF:6,\n${n}`).join('\n')}\n#EXT-X-ENDLIST\n`);
  return join(dir, 'subs', 'index.m3u8');
}

const HEAD = 'WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.000\n\n';
const cue = (id: string, start: string, end: string) => `${id}\n00:00:${start} --> 00:00:${end}\nviewer: hi\n\n`;

describe('checkCueAccounting', () => {
  it('counts a cue repeated across segments once', () => {
    const playlist = rendition([HEAD + cue('ma', '05.000', '07.000'), HEAD + cue('ma', '05.000', '07.000') + cue('mb', '08.000', '09.000')]);
    expect(checkCueAccounting({ messages: { kept: 3 }, cues: { total: 3, droppedPastEnd: 1 } }, playlist, 'message')).toEqual([]);
  });

  it('reports a cue the summary counts but no segment holds', () => {
    const playlist = rendition([HEAD + cue('ma', '01.000', '02.000'), HEAD]);
    expect(checkCueAccounting({ messages: { kept: 2 }, cues: { total: 2, droppedPastEnd: 0 } }, playlist, 'message')).toHaveLength(1);
  });

  it('reports kept messages that became no cue in the message layout', () => {
    const playlist = rendition([HEAD + cue('ma', '01.000', '02.000')]);
    expect(checkCueAccounting({ messages: { kept: 2 }, cues: { total: 1, droppedPastEnd: 0 } }, playlist, 'message')).toHaveLength(1);
  });
});

describe('snapshots for the re-run check', () => {
  it('name every added, removed and changed file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-replay-oracle-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'a'), '1');
    writeFileSync(join(dir, 'b'), '2');
    const before = snapshot(dir);
    writeFileSync(join(dir, 'a'), '1!');
    rmSync(join(dir, 'b'));
    writeFileSync(join(dir, '.x.chat-replay-1.tmp'), '');
    expect(diffSnapshots(before, snapshot(dir)).sort()).toEqual(['added .x.chat-replay-1.tmp', 'changed a', 'removed b']);
  });
});
