// The main thread's share of a `package` run, alone: ready-encoded batches (as the reading worker
// posts them) go through batch decode → rules → layout → segmenter → cue text → segment text →
// names → atomic writes, with no worker and no parsing. Prints CPU time (process.cpuUsage) of that
// part (the whole process, and the main thread alone from /proc on Linux): on a shared machine wall
// time mostly measures the neighbours.
// Usage: node bench/main-thread.js ARCHIVE OUT_DIR [--dry-run] [--profile]
// The archive is read once (in-process, by the real reader) into batches cached beside OUT_DIR.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { videoSecondsFor } from './lib/chat-stream.js';
import { writeSyntheticVideo } from './lib/video.js';

const [archive, outDir, ...flags] = process.argv.slice(2);
const dryRun = flags.includes('--dry-run');
const dist = (path) => import(pathToFileURL(join(import.meta.dirname, '..', 'dist', path)).href);

const cacheFile = join(outDir, '..', `${basename(archive)}.batches2.v8`);
if (!existsSync(cacheFile)) {
  const { streamChatSources } = await dist('ingest/read-sources.js');
  const { BatchEncoder } = await dist('ingest/worker/batch-codec.js');
  const stream = streamChatSources([{ file: archive }], { order: 'stream', keepPreroll: false, timeBase: { programDateTimeToVideoMs: undefined } });
  const encoder = new BatchEncoder();
  const batches = [];
  for await (const batch of stream.batches) batches.push(encoder.encode(batch));
  writeFileSync(cacheFile, serialize({ batches, sources: stream.result.sources, preroll: stream.result.preroll }));
}
const cached = deserialize(readFileSync(cacheFile));
const messageCount = cached.batches.reduce((n, b) => n + b.count, 0);

const { writeChatRendition } = await dist('pipeline.js');
const { BatchDecoder } = await dist('ingest/worker/batch-codec.js');
const { parseVideoTimeline } = await dist('hls/video-timeline.js');
const { resolveTimestampMaps } = await dist('hls/timestamp-maps.js');

const video = writeSyntheticVideo(outDir, videoSecondsFor(messageCount), 6);
const videoUrl = pathToFileURL(join(outDir, 'v720', 'index.m3u8'));
const timeline = parseVideoTimeline(readFileSync(videoUrl, 'utf8'), videoUrl, 'v720/index.m3u8');
const maps = await resolveTimestampMaps(timeline, 126000);

/** The chat feed's interface over batches already in memory: decode stays on the clock, as on the main thread. */
function feedOf(batches) {
  let final;
  function* messages() {
    const decoder = new BatchDecoder();
    for (const batch of batches) yield* decoder.decode(batch);
    final = { sources: cached.sources, preroll: cached.preroll, kept: messageCount };
  }
  // The reader's estimate of the message count is within a fraction of a percent at this size.
  return { messages: messages(), ready: async () => {}, result: () => final, expectedMessages: () => messageCount, close: async () => {} };
}

const options = { holdMs: 5000, maxVisible: 6, layout: 'message', lines: 6, updateRateMs: 500, position: 'right', showLabels: false, dryRun };
const target = { timeline, maps, outDir: join(outDir, 'subs', 'chat_kor'), masterPath: video.master, master: () => undefined };
rmSync(target.outDir, { recursive: true, force: true });

/** This thread's own CPU time in ms (Linux): process.cpuUsage also counts the libuv pool doing the writes. */
function mainThreadCpuMs() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

const main0 = mainThreadCpuMs();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = await writeChatRendition(feedOf(cached.batches), { rules: [] }, options, target);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const mainMs = mainThreadCpuMs() - main0;
process.stdout.write(
  `${JSON.stringify({ messages: messageCount, dryRun, mainThreadCpuMs: mainMs, cpuMs: Math.round((cpu.user + cpu.system) / 1000), userMs: Math.round(cpu.user / 1000), systemMs: Math.round(cpu.system / 1000), wallMs: Math.round(wallMs), files: result.written.filesWritten, bytes: result.written.bytes, kept: result.kept, cues: { ...result.cueStats, ...result.segmenterStats } })}\n`,
);
