import { describe, expect, it } from 'vitest';
import { checkGroups } from '../../src/validate/master/check-groups.js';
import { checkMediaTags } from '../../src/validate/master/check-media.js';
import { checkVariants } from '../../src/validate/master/check-variants.js';
import { readMaster } from '../../src/validate/master/read-master.js';
import { validateRendition } from '../../src/validate/validate-rendition.js';
import { collect, fixture } from './helpers.js';

function check(...lines: string[]): [string, number | undefined][] {
  const master = readMaster(['#EXTM3U', ...lines, ''].join('\n'));
  return collect((r) => {
    checkMediaTags(master, 'm', r);
    checkGroups(master, 'm', r);
    checkVariants(master, 'm', r);
  }).map((f) => [f.rule, f.line]);
}
const media = (attrs: string) => `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="chat",${attrs}`;
const variant = ['#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="avc1.4d4015,mp4a.40.2",SUBTITLES="chat"', 'v/index.m3u8'];

describe('master rules', () => {
  it('pass a well-formed chat rendition, with CODECS commas inside quotes', () => {
    expect(check(media('NAME="Chat",LANGUAGE="pt-BR",DEFAULT=YES,AUTOSELECT=YES,URI="chat/index.m3u8?v=2"'), ...variant)).toEqual([]);
  });

  it.each(['und', 'ko', 'zh-Hant-TW', 'eng', 'x-chat'])('accept LANGUAGE="%s"', (tag) => {
    expect(check(media(`NAME="Chat",LANGUAGE="${tag}",URI="c.m3u8"`), ...variant)).toEqual([]);
  });

  it.each(['ko_KR', 'k', '', 'en-', '1x', 'en US'])('reject LANGUAGE="%s"', (tag) => {
    expect(check(media(`NAME="Chat",LANGUAGE="${tag}",URI="c.m3u8"`), ...variant)).toEqual([['master-media-language-invalid', 2]]);
  });

  it('check ASSOC-LANGUAGE too', () => {
    expect(check(media('NAME="Chat",ASSOC-LANGUAGE="en_US",URI="c.m3u8"'), ...variant)).toEqual([['master-media-language-invalid', 2]]);
  });

  it('report DEFAULT=YES with AUTOSELECT=NO and with no AUTOSELECT', () => {
    expect(check(media('NAME="A",DEFAULT=YES,AUTOSELECT=NO,URI="a.m3u8"'), ...variant)).toEqual([['master-media-default-without-autoselect', 2]]);
    expect(check(media('NAME="A",DEFAULT=YES,URI="a.m3u8"'), ...variant)).toEqual([['master-media-default-without-autoselect', 2]]);
  });

  it('report a URI that is a .vtt file, not a playlist', () => {
    expect(check(media('NAME="A",URI="chat.vtt"'), ...variant)).toEqual([['master-media-uri-not-playlist', 2]]);
  });

  it('keep groups apart by TYPE: an AUDIO group may share GROUP-ID and NAME', () => {
    expect(check('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="chat",NAME="A",DEFAULT=YES,AUTOSELECT=YES,URI="a.m3u8"',
      media('NAME="A",DEFAULT=YES,AUTOSELECT=YES,URI="c.m3u8"'), ...variant)).toEqual([]);
  });

  it('report a variant pointing at a missing group, and warn on one with no SUBTITLES', () => {
    expect(check(media('NAME="A",URI="a.m3u8"'), '#EXT-X-STREAM-INF:BANDWIDTH=1,SUBTITLES="subs"', 'v.m3u8', '#EXT-X-STREAM-INF:BANDWIDTH=1', 'w.m3u8'))
      .toEqual([['master-stream-inf-group-unknown', 3], ['master-stream-inf-subtitles-absent', 5]]);
  });

  it('report a STREAM-INF with no URI line after it', () => {
    expect(check(media('NAME="A",URI="a.m3u8"'), '#EXT-X-STREAM-INF:BANDWIDTH=1,SUBTITLES="chat"')).toEqual([['master-stream-inf-uri-missing', 3]]);
  });

  it('report every broken rule of the bad-master fixture, on its line', async () => {
    const findings = await validateRendition(fixture('bad-master'));
    expect(findings.map((f) => [f.severity, f.rule, f.line])).toEqual([
      ['error', 'master-attribute-duplicate', 7],
      ['error', 'master-media-language-invalid', 3],
      ['warning', 'master-media-forced', 4],
      ['error', 'master-media-uri-not-playlist', 4],
      ['error', 'master-media-name-missing', 5],
      ['error', 'master-media-uri-missing', 6],
      ['error', 'master-media-default-multiple', 4],
      ['error', 'master-stream-inf-group-unknown', 9],
      ['warning', 'master-stream-inf-subtitles-absent', 11],
    ]);
  });
});
