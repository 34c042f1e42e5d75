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

  it.each(['und', 'ko', 'zh-Hant-TW', 'eng', 'x-chat', 'en-x-twitch'])('accept LANGUAGE="%s"', (tag) => {
    expect(check(media(`NAME="Chat",LANGUAGE="${tag}",URI="c.m3u8"`), ...variant)).toEqual([]);
  });

  it.each(['ko_KR', 'k', '', 'en-', '1x', 'en US', 'x-', 'x-toolongtag', 'i-klingon'])('reject LANGUAGE="%s"', (tag) => {
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

  it('warn on two AUTOSELECT=YES members of a group that only LANGUAGE could tell apart, and share it', () => {
    expect(check(
      media('NAME="Korean captions",LANGUAGE="ko",AUTOSELECT=YES,URI="cc.m3u8"'),
      media('NAME="Chat",LANGUAGE="KO",DEFAULT=YES,AUTOSELECT=YES,URI="chat.m3u8"'),
      ...variant,
    )).toEqual([['master-media-autoselect-ambiguous', 3]]);
  });

  it('compare the members of groups as written: "en" and "EN" differ there (identical attributes)', () => {
    const audio = (group: string, attrs: string) => `#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="${group}",${attrs}`;
    expect(check(
      audio('aac-lo', 'NAME="Main",LANGUAGE="en",URI="lo/a.m3u8"'),
      audio('aac-hi', 'NAME="Main",LANGUAGE="EN",URI="hi/a.m3u8"'),
      media('NAME="Chat",URI="c.m3u8"'),
      ...variant,
    )).toEqual([['master-group-members-differ', 3]]);
  });

  it('take CHARACTERISTICS as a set when telling AUTOSELECT=YES members apart', () => {
    expect(check(
      media('NAME="A",LANGUAGE="ko",AUTOSELECT=YES,CHARACTERISTICS="public.easy-to-read,public.accessibility.transcribes-spoken-dialog",URI="a.m3u8"'),
      media('NAME="B",LANGUAGE="ko",AUTOSELECT=YES,CHARACTERISTICS="public.accessibility.transcribes-spoken-dialog,public.easy-to-read",URI="b.m3u8"'),
      ...variant,
    )).toEqual([['master-media-autoselect-ambiguous', 3]]);
  });

  it('accept AUTOSELECT=YES members told apart by LANGUAGE or CHARACTERISTICS, and any AUTOSELECT=NO one', () => {
    expect(check(
      media('NAME="A",LANGUAGE="ko",AUTOSELECT=YES,URI="a.m3u8"'),
      media('NAME="B",LANGUAGE="en",AUTOSELECT=YES,URI="b.m3u8"'),
      media('NAME="C",LANGUAGE="ko",AUTOSELECT=YES,CHARACTERISTICS="public.accessibility.describes-spoken-dialog",URI="c.m3u8"'),
      media('NAME="E",LANGUAGE="ko",AUTOSELECT=NO,URI="e.m3u8"'),
      ...variant,
    )).toEqual([]);
  });

  it('take FORCED=NO for no FORCED when comparing AUTOSELECT=YES members', () => {
    expect(check(
      media('NAME="A",LANGUAGE="ko",AUTOSELECT=YES,URI="a.m3u8"'),
      media('NAME="B",LANGUAGE="ko",AUTOSELECT=YES,FORCED=NO,URI="b.m3u8"'),
      ...variant,
    )).toEqual([['master-media-autoselect-ambiguous', 3]]);
  });

  it('report groups of one TYPE whose members differ: one missing, one with another LANGUAGE', () => {
    const subs = (group: string, attrs: string) => `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="${group}",${attrs}`;
    expect(check(
      subs('lo', 'NAME="CC",LANGUAGE="en",URI="lo/cc.m3u8"'),
      subs('lo', 'NAME="Chat",LANGUAGE="ko",URI="lo/chat.m3u8"'),
      subs('hi', 'NAME="CC",LANGUAGE="fr",URI="hi/cc.m3u8"'),
      '#EXT-X-STREAM-INF:BANDWIDTH=1,SUBTITLES="lo"', 'lo.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=2,SUBTITLES="hi"', 'hi.m3u8',
    )).toEqual([['master-group-members-differ', 4], ['master-group-members-differ', 4]]);
  });

  it('accept groups of one TYPE that differ only in URI, CHANNELS and how NO is spelled', () => {
    const audio = (group: string, attrs: string) => `#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="${group}",${attrs}`;
    expect(check(
      audio('aac-lo', 'NAME="Main",LANGUAGE="en",CHANNELS="2",DEFAULT=NO,URI="lo/a.m3u8"'),
      audio('aac-hi', 'NAME="Main",LANGUAGE="en",CHANNELS="6",URI="hi/a.m3u8"'),
      media('NAME="Chat",URI="c.m3u8"'),
      ...variant,
    )).toEqual([]);
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
