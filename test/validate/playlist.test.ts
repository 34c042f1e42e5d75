import { describe, expect, it } from 'vitest';
import { checkAlignment } from '../../src/validate/playlist/check-alignment.js';
import { checkMediaPlaylist } from '../../src/validate/playlist/check-media-playlist.js';
import { parseDurationUs, readMediaPlaylist } from '../../src/validate/playlist/read-media-playlist.js';
import { collect } from './helpers.js';

/** A media playlist from header lines and [EXTINF, extra tags before it] segments. */
function playlist(header: string[], segments: (string | [string, ...string[]])[], endlist = true): string {
  const body = segments.flatMap((s, i) => {
    const [extinf, ...tags] = Array.isArray(s) ? s : [s];
    return [...tags, `#EXTINF:${extinf},`, `s${i}.vtt`];
  });
  return ['#EXTM3U', ...header, ...body, ...(endlist ? ['#EXT-X-ENDLIST'] : []), ''].join('\n');
}
const VOD = ['#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:6', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD'];

const own = (text: string) => collect((r) => checkMediaPlaylist(readMediaPlaylist(text), 'subs.m3u8', r)).map((f) => [f.rule, f.line]);
const against = (subs: string, video: string) =>
  collect((r) => checkAlignment(readMediaPlaylist(subs), readMediaPlaylist(video), 'subs.m3u8', 'video.m3u8', r)).map((f) => [f.rule, f.line]);

describe('EXTINF durations', () => {
  it('parse to exact integer microseconds, with no float drift', () => {
    expect(parseDurationUs('6.006')).toBe(6_006_000);
    expect(parseDurationUs('6')).toBe(6_000_000);
    expect(parseDurationUs('0.0333333')).toBe(33_333);
    expect(parseDurationUs('0.0333335')).toBe(33_334);
    expect(parseDurationUs('4.000000')).toBe(4_000_000);
    for (const bad of ['', '-1', '6,0', 'abc', '1e3']) expect(parseDurationUs(bad), bad).toBeUndefined();
  });

  it('keep every segment, its line, discontinuity, PDT, byte range and init segment', () => {
    const pl = readMediaPlaylist([
      '#EXTM3U', '#EXT-X-TARGETDURATION:6', '#EXT-X-MAP:URI="init.mp4",BYTERANGE="700@0"',
      '#EXT-X-PROGRAM-DATE-TIME:2026-11-21T12:00:00.000Z', '#EXT-X-BYTERANGE:1000@700', '#EXTINF:6.0,', 'all.mp4',
      '#EXT-X-DISCONTINUITY', '#EXT-X-BYTERANGE:500', '#EXTINF:4.5,', 'all.mp4', '',
    ].join('\n'));
    expect(pl.segments).toEqual([
      { index: 0, uri: 'all.mp4', line: 6, durationText: '6.0', durationUs: 6_000_000, discontinuity: false,
        programDateTime: '2026-11-21T12:00:00.000Z', byteRange: { offset: 700, length: 1000 }, init: { uri: 'init.mp4', byteRange: { offset: 0, length: 700 } } },
      { index: 1, uri: 'all.mp4', line: 10, durationText: '4.5', durationUs: 4_500_000, discontinuity: true,
        byteRange: { offset: 1700, length: 500 }, init: { uri: 'init.mp4', byteRange: { offset: 0, length: 700 } } },
    ]);
  });
});

describe('the subtitle playlist on its own', () => {
  it('passes a VOD playlist like the video\'s', () => {
    expect(own(playlist(VOD, ['6.000000', '6.000000', '4.000000']))).toEqual([]);
  });

  it('reports a missing header, tag repeated, invalid EXTINF and EXTINF without URI', () => {
    const text = ['#EXT-X-VERSION:3', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:6', '#EXTINF:abc,', 's0.vtt', '#EXTINF:6,', ''].join('\n');
    expect(own(text)).toEqual([
      ['playlist-header-missing', 1], ['playlist-tag-duplicate', 2], ['playlist-extinf-invalid', 4], ['playlist-extinf-uri-missing', 6],
    ]);
  });

  it('reports a missing TARGETDURATION and one of 0', () => {
    expect(own(playlist(['#EXT-X-VERSION:3'], ['6']))).toEqual([['playlist-targetduration-missing', 1]]);
    expect(own(playlist(['#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:0'], ['0.4']))).toEqual([['playlist-targetduration-missing', 3]]);
  });

  it('applies "rounded to the nearest integer": 6.499 fits 6, 6.5 does not', () => {
    expect(own(playlist(VOD, ['6.499']))).toEqual([]);
    expect(own(playlist(VOD, ['6.0', '6.5']))).toEqual([['playlist-targetduration-exceeded', 8]]);
  });

  it('needs VERSION 3 for decimal EXTINF, and not for integers', () => {
    expect(own(playlist(['#EXT-X-VERSION:2', '#EXT-X-TARGETDURATION:6'], ['6.006']))).toEqual([['playlist-version-too-low', 2]]);
    expect(own(playlist(['#EXT-X-TARGETDURATION:6'], ['5.5']))).toEqual([['playlist-version-too-low', 3]]);
    expect(own(playlist(['#EXT-X-TARGETDURATION:6'], ['6', '4']))).toEqual([]);
  });

  it('needs VERSION 3 for an EXTINF written as a decimal even when its value is whole', () => {
    expect(own(playlist(['#EXT-X-VERSION:2', '#EXT-X-TARGETDURATION:6'], ['6', '6.000000']))).toEqual([['playlist-version-too-low', 2]]);
    expect(own(playlist(['#EXT-X-TARGETDURATION:6'], ['6', '4.']))).toEqual([['playlist-version-too-low', 5]]);
    expect(own(playlist(['#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:6'], ['6.000000']))).toEqual([]);
    const [finding] = collect((r) => checkMediaPlaylist(readMediaPlaylist(playlist(['#EXT-X-TARGETDURATION:6'], ['6.0'])), 'subs.m3u8', r));
    expect(finding?.message).toBe('EXTINF:6.0 is written as a decimal, which needs EXT-X-VERSION:3 or higher (found none, i.e. 1)');
  });
});

describe('the subtitle playlist against the video playlist', () => {
  const video = playlist(VOD, ['6.000000', '6.000000', '4.000000']);

  it('passes a copy of the video\'s structure, whatever the EXTINF spelling', () => {
    expect(against(playlist(VOD, ['6', '6.000', '4.0']), video)).toEqual([]);
  });

  it('reports a different segment count and each different EXTINF', () => {
    expect(against(playlist(VOD, ['4', '8', '4', '4']), video)).toEqual([
      ['playlist-segment-count', 6], ['playlist-extinf-mismatch', 6], ['playlist-extinf-mismatch', 8],
    ]);
  });

  it('reports PLAYLIST-TYPE, ENDLIST and MEDIA-SEQUENCE differences (the last as a warning)', () => {
    const subs = playlist(['#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:6', '#EXT-X-MEDIA-SEQUENCE:3'], ['6', '6', '4'], false);
    expect(against(subs, video)).toEqual([
      ['playlist-media-sequence-mismatch', 4], ['playlist-type-mismatch', 1], ['playlist-endlist-mismatch', 9],
    ]);
    const warnings = collect((r) => checkAlignment(readMediaPlaylist(subs), readMediaPlaylist(video), 's', 'v', r)).filter((f) => f.severity === 'warning');
    expect(warnings.map((f) => f.rule)).toEqual(['playlist-media-sequence-mismatch']);
  });

  it('allows its own TARGETDURATION only when VOD (bis §6.2.4)', () => {
    const live = (td: number) => playlist(['#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${td}`], ['6', '6', '4'], false);
    expect(against(live(8), live(6))).toEqual([['playlist-targetduration-mismatch', 3]]);
    expect(against(playlist(['#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:8', '#EXT-X-PLAYLIST-TYPE:VOD'], ['6', '6', '4']), video)).toEqual([]);
  });

  it('reports discontinuities at other positions and a different DISCONTINUITY-SEQUENCE', () => {
    const v = playlist([...VOD, '#EXT-X-DISCONTINUITY-SEQUENCE:2'], ['6', ['6', '#EXT-X-DISCONTINUITY'], '4']);
    expect(against(playlist(VOD, ['6', '6', ['4', '#EXT-X-DISCONTINUITY']]), v)).toEqual([
      ['playlist-discontinuity-mismatch', 1], ['playlist-discontinuity-mismatch', 8], ['playlist-discontinuity-mismatch', 11],
    ]);
  });

  it('compares PROGRAM-DATE-TIME as instants on every segment the video dates', () => {
    const pdt = (t: string) => `#EXT-X-PROGRAM-DATE-TIME:${t}`;
    const v = playlist(VOD, [['6', pdt('2026-11-21T12:00:00.000Z')], ['6', pdt('2026-11-21T12:00:06.000Z')], '4']);
    expect(against(playlist(VOD, [['6', pdt('2026-11-21T21:00:00.000+09:00')], ['6', pdt('2026-11-21T12:00:06Z')], '4']), v)).toEqual([]);
    expect(against(playlist(VOD, [['6', pdt('2026-11-21T12:01:00.000Z')], '6', '4']), v)).toEqual([
      ['playlist-program-date-time-mismatch', 7], ['playlist-program-date-time-mismatch', 9],
    ]);
  });
});
