import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { probeMpegtsOrigin } from '../../../src/hls/probe/index.js';

/**
 * The committed samples, probed. Every expected value was cross-checked with ffprobe 5.1
 * (`ffprobe -show_packets`, first packet per stream; for fMP4 on init+segment with
 * `-ignore_editlist 1`, because hls.js reads tfdt and ignores edit lists).
 */
const samples = new URL('../../../samples/', import.meta.url);
const at = (path: string) => new URL(path, samples);

describe('probeMpegtsOrigin on the committed samples', () => {
  it.each([
    // ffprobe: video pts 133200 dts 126000, audio pts 131280 (ffmpeg's 1.4 s mux delay, 2 B-frames)
    ['vod-ts/v360/seg_000.ts', 126000, 'min(audio PTS 131280, video DTS 126000)'],
    ['vod-ts/v144/seg_000.ts', 126000, 'min(audio PTS 131280, video DTS 126000)'],
    // ffprobe: video pts 1753200 dts 1746000, audio pts 1746000
    ['vod-ts/v360/seg_003.ts', 1746000, 'min(audio PTS 1746000, video DTS 1746000)'],
    // part A of the discontinuity sample: encoded like vod-ts
    ['vod-discontinuity/v240/a_000.ts', 126000, 'min(audio PTS 131280, video DTS 126000)'],
    // part B, -output_ts_offset 100: ffprobe video pts 9126000 dts 9118800, audio pts 9124080
    ['vod-discontinuity/v240/b_000.ts', 9118800, 'min(audio PTS 9124080, video DTS 9118800)'],
  ])('MPEG-TS %s → %i', async (segment, mpegts, detail) => {
    expect(await probeMpegtsOrigin({ segmentUrl: at(segment) })).toEqual({ mpegts, container: 'ts', detail });
  });

  it.each([
    // ffprobe -ignore_editlist 1: video dts 0 (pts 1024, in 1/12800), audio dts 0 (1/48000)
    ['vod-fmp4/v360/seg_000.m4s', 'vod-fmp4/v360/init_0.mp4', 0, 'min(audio tfdt 0/48000, video tfdt 0/12800)'],
    ['vod-fmp4/v144/seg_000.m4s', 'vod-fmp4/v144/init_1.mp4', 0, 'min(audio tfdt 0/48000, video tfdt 0/12800)'],
    // ffprobe -ignore_editlist 1: video dts 76800 (6 s), audio dts 285696 (5.952 s) → audio, 535680 ticks
    ['vod-fmp4/v360/seg_001.m4s', 'vod-fmp4/v360/init_0.mp4', 535680, 'min(audio tfdt 285696/48000, video tfdt 76800/12800)'],
  ])('fMP4 %s (init %s) → %i', async (segment, init, mpegts, detail) => {
    expect(await probeMpegtsOrigin({ segmentUrl: at(segment), initUrl: at(init) })).toEqual({ mpegts, container: 'fmp4', detail });
  });

  it('gives a different origin to each side of the discontinuity, which is why it is probed per domain', async () => {
    const [before, after] = await Promise.all(
      ['a_000.ts', 'b_000.ts'].map((name) => probeMpegtsOrigin({ segmentUrl: at(`vod-discontinuity/v240/${name}`) })),
    );
    expect(after!.mpegts - before!.mpegts).toBe(8_992_800); // 99.92 s
  });

  it('keeps the first video PTS 80 ms after the origin on the B-frame samples (the error a PTS-based map makes)', async () => {
    const ts = await probeMpegtsOrigin({ segmentUrl: at('vod-ts/v360/seg_000.ts') });
    expect(133200 - ts.mpegts).toBe(7200);
  });
});

describe('the discontinuity sample playlist', () => {
  it('marks the discontinuity and dates every segment consistently with its EXTINF', async () => {
    const text = await readFile(fileURLToPath(at('vod-discontinuity/v240/index.m3u8')), 'utf8');
    const lines = text.split('\n');
    const segments: { uri: string; date: number; duration: number; discontinuity: boolean }[] = [];
    let pending: { date?: number; duration?: number; discontinuity: boolean } = { discontinuity: false };
    for (const line of lines) {
      if (line === '#EXT-X-DISCONTINUITY') pending.discontinuity = true;
      else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) pending.date = Date.parse(line.slice(25));
      else if (line.startsWith('#EXTINF:')) pending.duration = Math.round(Number.parseFloat(line.slice(8)) * 1000);
      else if (line && !line.startsWith('#')) {
        segments.push({ uri: line, date: pending.date ?? NaN, duration: pending.duration ?? NaN, discontinuity: pending.discontinuity });
        pending = { discontinuity: false };
      }
    }
    expect(segments.map((s) => s.uri)).toEqual(['a_000.ts', 'a_001.ts', 'b_000.ts', 'b_001.ts']);
    expect(segments.map((s) => s.discontinuity)).toEqual([false, false, true, false]);
    for (let i = 1; i < segments.length; i++) {
      const previous = segments[i - 1]!;
      const current = segments[i]!;
      if (!current.discontinuity) expect(current.date - previous.date).toBe(previous.duration);
      else expect(current.date).toBeGreaterThan(previous.date + previous.duration);
    }
    // Every segment the playlist names exists and is a probe-able TS segment.
    for (const { uri } of segments) {
      const result = await probeMpegtsOrigin({ segmentUrl: at(`vod-discontinuity/v240/${uri}`) });
      expect(result.container).toBe('ts');
    }
  });
});
