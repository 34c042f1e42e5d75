// Baseline (b): node-webvtt 1.9.4's HLS segmenter, driven the way its own CLI
// (bin/webvtt-segment.js) drives it: read the .vtt, build the playlist, segment, write every file
// synchronously. Prints the time spent inside the two segmenter calls and in the writes.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { hls } = require('node-webvtt');

const [vttFile, outDir, segmentSeconds] = process.argv.slice(2);
const target = Number(segmentSeconds);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const t0 = performance.now();
const content = readFileSync(vttFile, 'utf8');
const t1 = performance.now();
const playlist = hls.hlsSegmentPlaylist(content, target);
const segments = hls.hlsSegment(content, target, '126000');
const t2 = performance.now();
writeFileSync(join(outDir, 'playlist.m3u8'), playlist, 'utf-8');
for (const segment of segments) writeFileSync(join(outDir, segment.filename), segment.content, 'utf-8');
const t3 = performance.now();
process.stdout.write(
  `${JSON.stringify({ ok: true, segments: segments.length, readMs: Math.round(t1 - t0), segmenterMs: Math.round(t2 - t1), writeMs: Math.round(t3 - t2) })}\n`,
);
