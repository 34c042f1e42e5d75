import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBandwidthRoom, peakSegmentRate } from '../../src/validate/master/check-bandwidth.js';
import { attr, readMaster } from '../../src/validate/master/read-master.js';
import { validateRendition } from '../../src/validate/validate-rendition.js';
import { collect, fixture } from './helpers.js';

const master = readMaster([
  '#EXTM3U',
  '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="lo",NAME="Chat",URI="chat/index.m3u8"',
  '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="hi",NAME="Chat",URI="chat/index.m3u8"',
  '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="other",NAME="CC",URI="cc/index.m3u8"',
  '#EXT-X-STREAM-INF:BANDWIDTH=64000,SUBTITLES="lo"', 'audio.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=5000000,SUBTITLES="hi"', 'video.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=1000,SUBTITLES="other"', 'tiny.m3u8',
  '#EXT-X-STREAM-INF:SUBTITLES="lo"', 'no-bandwidth.m3u8',
  '',
].join('\n'));

const findings = (bitsPerSecond: number) =>
  collect((r) => checkBandwidthRoom(master, (m) => attr(m, 'URI') === 'chat/index.m3u8', { bitsPerSecond, file: 'chat/seg_00007.vtt' }, 'master.m3u8', r));

describe('checkBandwidthRoom', () => {
  it('warns on each variant playing the subtitles whose BANDWIDTH they take over 10 % of, by how much to raise it', () => {
    const found = findings(40_500);
    expect(found.map((f) => [f.rule, f.severity, f.line])).toEqual([['master-stream-inf-bandwidth-subtitles', 'warning', 5]]);
    expect(found[0]!.message).toBe(
      'the subtitles in group "lo" peak at 41 kbit/s (from chat/seg_00007.vtt), over 10 % of BANDWIDTH=64000: BANDWIDTH counts every rendition played with the variant; raise it by 41000 if its video already peaks near it',
    );
  });

  it('says nothing at 10 % or under, for variants of other groups, or without a BANDWIDTH', () => {
    expect(findings(6_400)).toEqual([]);
  });
});

describe('peakSegmentRate (RFC 8216 §4.1)', () => {
  const name = (k: number) => `seg_${k}.vtt`;
  const s = 1_000_000;

  it('takes the fastest run of segments lasting 0.5 to 1.5 target durations', () => {
    // 6 s target: each 6 s segment alone qualifies; 2 and 3 together (12 s) do not.
    expect(peakSegmentRate([6 * s, 6 * s, 6 * s], [6000, 9000, 3000], 6, name)).toEqual({ bitsPerSecond: 12_000, file: 'seg_1.vtt' });
    // 2 s segments under a 6 s target: only runs of 2 to 4 segments (4–8 s) count.
    expect(peakSegmentRate([2 * s, 2 * s, 2 * s, 2 * s], [8000, 1000, 1000, 1000], 6, name)).toEqual({ bitsPerSecond: 18_000, file: 'seg_0.vtt' });
  });

  it('does not count a short segment alone: the last one, with every cue on screen repeated in it', () => {
    const peak = peakSegmentRate([6 * s, 6 * s, 0.12 * s], [6000, 6000, 500], 6, name);
    expect(peak).toEqual({ bitsPerSecond: (6500 * 8) / 6.12, file: 'seg_1.vtt' });
  });

  it('leaves out runs through a segment it could not read or time, and gives nothing when no run qualifies', () => {
    expect(peakSegmentRate([6 * s, 6 * s], [undefined, 3000], 6, name)).toEqual({ bitsPerSecond: 4000, file: 'seg_1.vtt' });
    expect(peakSegmentRate([6 * s, undefined], [6000, 90_000], 6, name)).toEqual({ bitsPerSecond: 8000, file: 'seg_0.vtt' });
    expect(peakSegmentRate([1 * s], [90_000], 6, name)).toBeUndefined();
  });
});

describe('validate measures the subtitles\' peak segment bit rate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chat-replay-bandwidth-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('from the segments it reads, against every variant of the group', async () => {
    // The good fixture, with absolute URIs so that it can live elsewhere, and one variant whose
    // BANDWIDTH is far too low for even this small chat.
    const good = resolve(fixture('good'));
    const base = pathToFileURL(good);
    const text = readFileSync(good, 'utf8')
      .replace(/URI="([^"]+)"/g, (_m, uri: string) => `URI="${new URL(uri, base).href}"`)
      .replace(/^(\.\.\/[^\n]+)$/gm, (uri) => new URL(uri, base).href)
      .replace('BANDWIDTH=123200', 'BANDWIDTH=500');
    const path = join(dir, 'master.m3u8');
    writeFileSync(path, text);
    const found = (await validateRendition(path)).filter((f) => f.rule === 'master-stream-inf-bandwidth-subtitles');
    // Line 8: the second variant's EXT-X-STREAM-INF.
    expect(found.map((f) => f.line)).toEqual([8]);
    expect(found[0]!.file).toMatch(/master\.m3u8$/);
    expect(found[0]!.message).toMatch(/^the subtitles in group "chat" peak at \d+ kbit\/s \(.*seg_\d+\.vtt\), over 10 % of BANDWIDTH=500/);
  });
});
