// The segmenter-only comparison with node-webvtt: chat-replay's own stages from messages to segment
// texts (message layout → segments on the video timeline → cue blocks → segment files' text), in
// memory, on the same seeded messages node-webvtt gets as a .vtt. No archive parsing, no disk:
// node-webvtt's figure likewise counts only hlsSegment + hlsSegmentPlaylist.
// Usage: node our-segmenter.js MESSAGES SEED SEGMENT_SECONDS
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { chatMessages, videoSecondsFor } from '../lib/chat-stream.js';

const [n, seed, segmentSeconds] = process.argv.slice(2).map(Number);
const dist = (path) => import(pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', path)).href);
const { messageLayout } = await dist('cues/message-layout.js');
const { renderMessageLine } = await dist('cues/render-message.js');
const { segmentCuesOnTimeline } = await dist('hls/segmenter.js');
const { parseVideoTimeline } = await dist('hls/video-timeline.js');
const { formatCueBlock, renderWebvttSegment } = await dist('hls/webvtt-segment.js');
const { renderSubtitlePlaylist, subtitleSegmentName } = await dist('hls/subtitle-playlist.js');

// The same video the end-to-end runs use.
const seconds = videoSecondsFor(n);
const lines = ['#EXTM3U', `#EXT-X-TARGETDURATION:${segmentSeconds}`, '#EXT-X-PLAYLIST-TYPE:VOD'];
const count = Math.ceil(seconds / segmentSeconds);
for (let i = 0; i < count; i++) lines.push(`#EXTINF:${Math.min(segmentSeconds, seconds - i * segmentSeconds).toFixed(6)},`, `s${i}.ts`);
lines.push('#EXT-X-ENDLIST', '');
const url = pathToFileURL('/bench/v720/index.m3u8');
const timeline = parseVideoTimeline(lines.join('\n'), url, 'index.m3u8');

// Messages as the readers produce them, built before the clock starts (node-webvtt's input is a
// ready string too).
const built = [];
for (const m of chatMessages(n, seed)) {
  built.push({ id: m.id, timeMs: m.timeMs, author: { id: m.user.id, name: m.user.displayName, roles: [] }, text: m.text, kind: 'chat', deleted: false });
}
// The generator builds ids and texts by concatenation; V8 keeps those as ropes, and flattening each
// on first use (~600 ns an id) would be billed to the segmenter. Readers hand over flat strings
// (parsed from bytes), so the messages go through JSON once, as a reader's would.
const messages = JSON.parse(JSON.stringify(built));

const { Session } = await import('node:inspector/promises'); const session = new Session(); session.connect(); await session.post('Profiler.setSamplingInterval', { interval: 50 }); await session.post('Profiler.enable'); await session.post('Profiler.start');
const started = performance.now();
const cues = messageLayout(messages, { holdMs: 5000, maxVisible: 6, renderLine: (m) => renderMessageLine(m, { showLabels: false }) });
const names = [];
let bytes = 0;
let segments = 0;
for (const { segment, cues: segmentCues } of segmentCuesOnTimeline(cues, timeline, { droppedPastEnd: 0, clipped: 0 })) {
  const blocks = segmentCues.map((c) => (c.block ??= formatCueBlock(c, 0)));
  const content = renderWebvttSegment(126000, blocks);
  // Segment files are named by a hash of their content: part of the segmenter's work now.
  names[segment.index] = subtitleSegmentName(segment.index, timeline.segments.length, content);
  bytes += content.length;
  segments++;
}
bytes += renderSubtitlePlaylist(timeline, names).length;
const { profile } = await session.post('Profiler.stop'); (await import('node:fs')).writeFileSync(process.env.PROF_OUT, JSON.stringify(profile));
process.stdout.write(`${JSON.stringify({ ok: true, segments, bytes, segmenterMs: Math.round(performance.now() - started) })}\n`);
