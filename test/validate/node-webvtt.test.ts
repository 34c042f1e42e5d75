import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRendition } from '../../src/validate/validate-rendition.js';
import { ruleIds, runCli } from './helpers.js';

/** The two node-webvtt 1.9.4 functions we feed (it ships no types; a local shape avoids a shared d.ts). */
interface NodeWebvttHls {
  hlsSegment(input: string, segmentLength: number, startOffset?: string): { filename: string; content: string }[];
  hlsSegmentPlaylist(input: string, segmentLength: number): string;
}
const { hls } = createRequire(import.meta.url)('node-webvtt') as { hls: NodeWebvttHls };

/**
 * Chat over the 40 s sample video, segmented the way node-webvtt does it (packagers.md §1.2): segment
 * lengths follow the gaps between cues instead of the video's 6 s grid, the map is MPEGTS:900000, and
 * cues land in segments whose window does not contain them.
 */
const INPUT = `WEBVTT

c1
00:00:00.500 --> 00:00:02.000
alice: hi

c2
00:00:03.500 --> 00:00:04.500
bob: hello

c3
00:00:07.900 --> 00:00:12.100
carol: a long one

c4
00:00:30.000 --> 00:00:31.000
dave: after a gap

c5
00:00:35.000 --> 00:00:39.000
erin: bye
`;

let dir: string;
let master: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'validate-node-webvtt-'));
  for (const { filename, content } of hls.hlsSegment(INPUT, 6)) await writeFile(join(dir, filename), content);
  await writeFile(join(dir, 'chat.m3u8'), hls.hlsSegmentPlaylist(INPUT, 6));
  const video = pathToFileURL(resolve('samples/vod-ts/v360/index.m3u8')).href;
  master = join(dir, 'master.m3u8');
  await writeFile(master, [
    '#EXTM3U',
    '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="chat",NAME="chat",LANGUAGE="en",URI="chat.m3u8"',
    '#EXT-X-STREAM-INF:BANDWIDTH=233200,SUBTITLES="chat"',
    video,
    '',
  ].join('\n'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('node-webvtt hlsSegment / hlsSegmentPlaylist output', () => {
  it('fails alignment with the video, the fixed 900000 map and cue placement', async () => {
    const findings = await validateRendition(master);
    expect(ruleIds(findings)).toEqual(expect.arrayContaining([
      'playlist-segment-count', 'playlist-extinf-mismatch', 'segment-map-mpegts', 'cue-outside-window', 'cue-spanning-missing',
    ]));
    expect(findings).toContainEqual(expect.objectContaining({
      rule: 'segment-map-mpegts', file: join(dir, '0.vtt'), line: 2,
    }));
  });

  it('is reported in all three formats with exit 1', async () => {
    for (const format of ['text', 'json', 'github']) {
      const run = await runCli(['validate', master, '--format', format]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('playlist-extinf-mismatch');
      expect(run.stdout).toContain('segment-map-mpegts');
    }
  });
});
