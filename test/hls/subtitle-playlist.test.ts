import { describe, expect, it } from 'vitest';
import { renderSubtitlePlaylist, subtitleSegmentName } from '../../src/hls/subtitle-playlist.js';
import { parseVideoTimeline } from '../../src/hls/video-timeline.js';
import { formatCueBlock, renderWebvttSegment } from '../../src/hls/webvtt-segment.js';

describe('renderSubtitlePlaylist', () => {
  it('mirrors the video playlist structure segment for segment', () => {
    const video = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-TARGETDURATION:6
#EXT-X-MEDIA-SEQUENCE:12
#EXT-X-DISCONTINUITY-SEQUENCE:1
#EXT-X-PLAYLIST-TYPE:VOD
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-PROGRAM-DATE-TIME:2026-11-21T19:00:00.000+09:00
#EXTINF:6.000000,
seg_000.ts
#EXT-X-DISCONTINUITY
#EXTINF:4.004,
seg_001.ts
#EXT-X-ENDLIST
`;
    const t = parseVideoTimeline(video, new URL('file:///v/index.m3u8'), 'index.m3u8');
    expect(renderSubtitlePlaylist(t, ['seg_00000.vtt', 'seg_00001.vtt'])).toBe(`#EXTM3U
#EXT-X-VERSION:3
#EXT-X-TARGETDURATION:6
#EXT-X-MEDIA-SEQUENCE:12
#EXT-X-DISCONTINUITY-SEQUENCE:1
#EXT-X-PLAYLIST-TYPE:VOD
#EXT-X-PROGRAM-DATE-TIME:2026-11-21T19:00:00.000+09:00
#EXTINF:6.000000,
seg_00000.vtt
#EXT-X-DISCONTINUITY
#EXTINF:4.004,
seg_00001.vtt
#EXT-X-ENDLIST
`);
  });

  it('names segments by index and content, so they sort and a changed segment gets a new file', () => {
    expect(subtitleSegmentName(7, 10, 'WEBVTT\n')).toMatch(/^seg_00007_[0-9a-f]{10}\.vtt$/);
    expect(subtitleSegmentName(7, 200_000, 'WEBVTT\n')).toMatch(/^seg_000007_[0-9a-f]{10}\.vtt$/);
    expect(subtitleSegmentName(7, 10, 'WEBVTT\n')).toBe(subtitleSegmentName(7, 10, 'WEBVTT\n'));
    expect(subtitleSegmentName(7, 10, 'WEBVTT\n')).not.toBe(subtitleSegmentName(7, 10, 'WEBVTT\n\nx'));
  });

  it('names text and its UTF-8 bytes alike (the writer hashes the bytes it writes)', () => {
    const text = 'WEBVTT\n\nm1\n00:00:01.000 --> 00:00:02.000\n민지: 안녕하세요 👋\n';
    expect(subtitleSegmentName(3, 10, Buffer.from(text))).toBe(subtitleSegmentName(3, 10, text));
  });
});

describe('WebVTT segments', () => {
  it('puts the map on the line right after WEBVTT and a blank line before the cues', () => {
    const block = formatCueBlock({ id: 'm1', startMs: 5500, endMs: 10_500, settings: '', payload: 'A: hi' }, 0);
    expect(renderWebvttSegment(126000, [block, block])).toBe(
      'WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.000\n\nm1\n00:00:05.500 --> 00:00:10.500\nA: hi\n\nm1\n00:00:05.500 --> 00:00:10.500\nA: hi\n',
    );
  });

  it('is header-only, never zero bytes, without cues', () => {
    expect(renderWebvttSegment(0, [])).toBe('WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n');
  });

  it('writes cue times relative to the discontinuity domain start, with settings', () => {
    const block = formatCueBlock({ id: 'w1', startMs: 61_000, endMs: 62_000, settings: 'line:0 align:end', payload: 'x' }, 60_000);
    expect(block).toBe('w1\n00:00:01.000 --> 00:00:02.000 line:0 align:end\nx\n');
  });
});
