import { describe, expect, it } from 'vitest';
import { domainFirstSegments, parseVideoTimeline, programDateTimeMapper } from '../../src/hls/video-timeline.js';

const url = new URL('file:///vod/v360/index.m3u8');
const parse = (text: string) => parseVideoTimeline(text, url, 'index.m3u8');

/** The one line the CLI would print for the playlist's error. */
function errorLine(text: string): string {
  try {
    parse(text);
  } catch (err) {
    return (err as { format(): string }).format();
  }
  throw new Error('the playlist parsed');
}

describe('parseVideoTimeline', () => {
  it('keeps each EXTINF as written and sums durations in integer microseconds', () => {
    const t = parse('#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:3.966667,\na.ts\n#EXTINF:4.004,\nb.ts\n#EXTINF:2,\nc.ts\n');
    expect(t.segments.map((s) => [s.extinf, s.startUs, s.durationUs])).toEqual([
      ['3.966667', 0, 3_966_667],
      ['4.004', 3_966_667, 4_004_000],
      ['2', 7_970_667, 2_000_000],
    ]);
    expect(t).toMatchObject({ targetDuration: 4, mediaSequence: 7, endList: false, durationUs: 9_970_667 });
    expect(t.segments[1]!.url.href).toBe('file:///vod/v360/b.ts');
  });

  it('numbers discontinuity domains and keeps PROGRAM-DATE-TIME only where written', () => {
    const t = parse(`#EXTM3U
#EXT-X-TARGETDURATION:6
#EXT-X-DISCONTINUITY-SEQUENCE:2
#EXT-X-PLAYLIST-TYPE:VOD
#EXT-X-PROGRAM-DATE-TIME:2026-11-21T19:00:00.000Z
#EXTINF:6.0,
a.ts
#EXTINF:6.0,
b.ts
#EXT-X-DISCONTINUITY
#EXT-X-PROGRAM-DATE-TIME:2026-11-21T19:05:00.000Z
#EXTINF:6.0,
c.ts
#EXT-X-ENDLIST
`);
    expect(t.segments.map((s) => s.domain)).toEqual([0, 0, 1]);
    expect(t.segments.map((s) => s.programDateTime)).toEqual(['2026-11-21T19:00:00.000Z', undefined, '2026-11-21T19:05:00.000Z']);
    expect(t).toMatchObject({ discontinuitySequence: 2, playlistType: 'VOD', endList: true });
    expect(domainFirstSegments(t).map((s) => s.index)).toEqual([0, 2]);
    const toVideo = programDateTimeMapper(t)!;
    expect(toVideo(Date.parse('2026-11-21T19:00:07.250Z'))).toBe(7250);
    expect(toVideo(Date.parse('2026-11-21T19:05:01.000Z'))).toBe(13_000);
  });

  it('reads byte ranges and EXT-X-MAP', () => {
    const t = parse('#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:6\n#EXT-X-MAP:URI="init.mp4",BYTERANGE="700@0"\n#EXTINF:6,\n#EXT-X-BYTERANGE:1000@700\nall.mp4\n');
    expect(t.segments[0]!.byteRange).toEqual({ offset: 700, length: 1000 });
    expect(t.segments[0]!.map).toEqual({ url: new URL('file:///vod/v360/init.mp4'), byteRange: { offset: 0, length: 700 } });
  });

  it('names the file and line of a bad EXTINF', () => {
    expect(errorLine('#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:abc,\na.ts\n')).toMatch(/^index\.m3u8:3: EXTINF duration "abc"/);
  });

  it('pairs each URI with the last EXTINF before it, and names the line of a URI without one', () => {
    const t = parse('#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:3,\n#EXTINF: 2.5 ,title\n\n  a.ts  \n#EXTINF:6,\nb.ts\n#EXTINF:1,\n');
    expect(t.segments.map((s) => [s.extinf, s.url.href])).toEqual([
      ['2.5', 'file:///vod/v360/a.ts'],
      ['6', 'file:///vod/v360/b.ts'],
    ]);
    expect(errorLine('#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6,\na.ts\nb.ts\n')).toMatch(/^index\.m3u8:5: segment "b\.ts" has no EXTINF before it/);
  });

  it('names the line of a segment URI that is not a valid URL, though URLs are resolved only when used', () => {
    expect(errorLine('#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6,\na.ts\n#EXTINF:6,\nhttp://a:99999/b.ts\n')).toBe(
      'index.m3u8:6: segment URI "http://a:99999/b.ts" is not a valid URL',
    );
    expect(errorLine('#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-MAP:URI="http://a:99999/i.mp4"\n#EXTINF:6,\na.m4s\n')).toBe(
      'index.m3u8:3: EXT-X-MAP URI "http://a:99999/i.mp4" is not a valid URL',
    );
  });

  it('segments under one EXT-X-MAP share it; each resolves its own URL', () => {
    const t = parse('#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-MAP:URI="i.mp4"\n#EXTINF:6,\na.m4s\n#EXTINF:6,\nb.m4s\n#EXT-X-MAP:URI="j.mp4"\n#EXTINF:6,\nc.m4s\n');
    const [a, b, c] = t.segments;
    expect(a!.map).toBe(b!.map);
    expect(c!.map!.url.href).toBe('file:///vod/v360/j.mp4');
    expect([a!.url.href, b!.url.href, c!.url.href]).toEqual(['file:///vod/v360/a.m4s', 'file:///vod/v360/b.m4s', 'file:///vod/v360/c.m4s']);
    expect(a!.url).toBe(a!.url);
  });

  it('rejects lowercase tags, a missing header, a master and a playlist without TARGETDURATION', () => {
    expect(() => parse('#EXTM3U\n#ext-x-targetduration:6\n#EXTINF:6,\na.ts\n')).toThrow(/case-sensitive/);
    expect(() => parse('#EXT-X-TARGETDURATION:6\n')).toThrow(/first line must be #EXTM3U/);
    expect(() => parse('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n')).toThrow(/found a master playlist/);
    expect(() => parse('#EXTM3U\n#EXTINF:6,\na.ts\n')).toThrow(/no EXT-X-TARGETDURATION/);
  });
});
