import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRendition } from '../../src/validate/validate-rendition.js';

/**
 * A 10-hour rendition: 18 000 segments of 2 s, a cue in each that spans into the next segment (so
 * every segment repeats one), and one defect near the end. The video's segments are not on disk, so
 * the probe is injected.
 */
const SEGMENTS = 18_000;
const MAP = 'X-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.000';
let dir: string;

const ts = (ms: number) => {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(Math.floor(ms / 3_600_000))}:${p(Math.floor(ms / 60_000) % 60)}:${p(Math.floor(ms / 1000) % 60)}.${p(ms % 1000, 3)}`;
};
const cueAt = (i: number) => `m${i}\n${ts(i * 2000 + 1500)} --> ${ts(i * 2000 + 2500)}\nuser${i % 97}: message ${i}\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'validate-scale-'));
  const header = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD'];
  const list = (ext: string) => [...header, ...Array.from({ length: SEGMENTS }, (_, i) => `#EXTINF:2.000000,\ns${i}.${ext}`), '#EXT-X-ENDLIST', ''].join('\n');
  await writeFile(join(dir, 'video.m3u8'), list('ts'));
  await writeFile(join(dir, 'chat.m3u8'), list('vtt'));
  await writeFile(join(dir, 'master.m3u8'), [
    '#EXTM3U',
    '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="chat",NAME="chat",URI="chat.m3u8"',
    '#EXT-X-STREAM-INF:BANDWIDTH=2000000,SUBTITLES="chat"',
    'video.m3u8',
    '',
  ].join('\n'));
  for (let start = 0; start < SEGMENTS; start += 500) {
    await Promise.all(Array.from({ length: Math.min(500, SEGMENTS - start) }, (_, k) => {
      const i = start + k;
      // Segment i holds the cue spilling over from i-1 and its own; 17 990 drops the repeat.
      const cues = [...(i > 0 && i !== 17_990 ? [cueAt(i - 1)] : []), cueAt(i)];
      return writeFile(join(dir, `s${i}.vtt`), `WEBVTT\n${MAP}\n\n${cues.join('\n')}`);
    }));
  }
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a 10-hour rendition', () => {
  it('is validated in seconds, finding the one missing repeat', async () => {
    const started = performance.now();
    const findings = await validateRendition(join(dir, 'master.m3u8'), { probe: async () => ({ mpegts: 126000, container: 'ts', detail: 'injected' }) });
    const seconds = (performance.now() - started) / 1000;
    expect(findings).toEqual([expect.objectContaining({ rule: 'cue-spanning-missing', file: join(dir, 's17990.vtt') })]);
    // About 4 s on the 2-core build box; the bound leaves room for a loaded CI runner.
    expect(seconds).toBeLessThan(30);
  }, 90_000);
});
