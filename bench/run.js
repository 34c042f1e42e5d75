// `npm run bench`: issue 7's benchmark. Generates seeded archives, runs `chat-replay package` end to
// end on each as a child process, measures the two baselines on the same input, prints a markdown
// table with the ratios and the targets, and writes the results JSON. See bench/README.md.
import { createReadStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCount, parseBenchArgs } from './lib/args.js';
import { ensureArchive } from './lib/archives.js';
import { videoSecondsFor } from './lib/chat-stream.js';
import { formatProfileSummary, newestProfile, summarizeCpuProfile } from './lib/cpuprofile.js';
import { describeMachine, load1 } from './lib/machine.js';
import { detectRusageMethod, measureNode } from './lib/measure.js';
import { formatSegmenterTable, formatTable, formatTargets, judgeTargets, summarize } from './lib/report.js';
import { writeSyntheticVideo } from './lib/video.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const DATA = join(ROOT, 'bench', 'data');
// Every package run writes into a folder of its own here, and all of them are deleted only when the
// bench ends. ext4 without a journal (as on our machines) skips each recently freed inode when it
// creates a file, scanning past them one by one: emptying the last run's 6 000–18 000 files just
// before a run made its file creation several times dearer (6 000 files: 0.8 → 3.0 s of system
// time). A first packaging after a broadcast writes into a folder nobody just emptied.
const RUNS = join(DATA, 'runs');
const CLI = join(ROOT, 'bin', 'chat-replay.js');
const JSON_PARSE = join(ROOT, 'bench', 'baselines', 'json-parse.js');
const NODE_WEBVTT = join(ROOT, 'bench', 'baselines', 'node-webvtt.js');
const OUR_SEGMENTER = join(ROOT, 'bench', 'baselines', 'our-segmenter.js');

const log = (text) => process.stderr.write(`${text}\n`);

/** Reads the file once so every measured run finds it in the page cache, not just the later ones. */
async function warmPageCache(path) {
  for await (const _ of createReadStream(path, { highWaterMark: 1 << 20 }));
}

/** Collapses several runs into medians and ranges; a failed run makes the measurement failed. */
function aggregate(runs) {
  const failed = runs.find((r) => !r.ok);
  if (failed) return { ok: false, error: failed.error, runs };
  return { ok: true, wall: summarize(runs.map((r) => r.wallMs)), rss: summarize(runs.map((r) => r.maxRssMb)), cpu: summarize(runs.map((r) => r.cpuMs)), runs };
}

const lastLine = (text) => text.trim().split('\n').at(-1) ?? '';
/** The line that says what went wrong: the CLI's own error line, or a crash's `Error:` line. */
const errorLine = (stderr) => stderr.split('\n').find((l) => /^chat-replay:|error/i.test(l))?.trim().slice(0, 160) ?? lastLine(stderr);
const slim = (m, extra = {}) => ({ wallMs: Math.round(m.wallMs), maxRssMb: Math.round(m.maxRssMb), cpuMs: Math.round(m.cpuMs), ...extra });

/** `package --json`'s summary must describe what was fed in; a fast wrong answer is no result. */
function checkSummary(stdout, messages, segments) {
  let summary;
  try {
    summary = JSON.parse(stdout);
  } catch {
    return 'no JSON summary on stdout';
  }
  if (summary.messages?.read !== messages) return `read ${summary.messages?.read} of ${messages} messages`;
  if (summary.segments?.total !== segments) return `${summary.segments?.total} segments, expected ${segments}`;
  if (summary.files?.written !== segments + 2) return `${summary.files?.written} files written, expected ${segments + 2}`;
  return undefined;
}

async function runPackage(scenario, archive, opts, method, profileDir) {
  const runs = [];
  for (let r = 0; r < (profileDir ? 1 : opts.runs); r++) {
    const folder = join(RUNS, `${scenario.shape}-${scenario.messages}-${scenario.segmentSeconds}s-${r + 1}`);
    const video = writeSyntheticVideo(folder, videoSecondsFor(scenario.messages), scenario.segmentSeconds);
    const nodeArgs = profileDir ? [...opts.nodeArgs, '--cpu-prof', '--cpu-prof-dir', profileDir] : opts.nodeArgs;
    const m = await measureNode(CLI, ['package', '--chat', archive.path, '--master', video.master, '--mpegts', '126000', '--json'], { method, nodeArgs });
    scenario.segments = video.segments;
    const error = m.code === 0 ? checkSummary(m.stdout, scenario.messages, video.segments) : `exit ${m.code}: ${errorLine(m.stderr)}`;
    runs.push(slim(m, { ok: !error, error }));
    log(`    package run ${r + 1}: ${(m.wallMs / 1000).toFixed(2)} s, ${m.maxRssMb.toFixed(0)} MB${error ? `  FAILED: ${error}` : ''}`);
  }
  return aggregate(runs);
}

async function runJsonParse(archive, opts, method) {
  const runs = [];
  for (let r = 0; r < opts.runs; r++) {
    const m = await measureNode(JSON_PARSE, [archive.path], { method });
    const result = JSON.parse(lastLine(m.stdout) || '{"ok":false,"error":"crashed"}');
    if (!result.ok && !result.error) result.error = lastLine(m.stderr);
    runs.push(slim(m, { ok: result.ok, error: result.error }));
    log(`    JSON.parse run ${r + 1}: ${(m.wallMs / 1000).toFixed(2)} s, ${m.maxRssMb.toFixed(0)} MB${result.ok ? '' : `  FAILED: ${result.error}`}`);
    if (!result.ok) break; // it fails the same way every time
  }
  return aggregate(runs);
}

async function runNodeWebvtt(n, opts, method) {
  const vtt = await ensureArchive(DATA, 'vtt', n, opts.seed);
  await warmPageCache(vtt.path);
  const runs = [];
  for (let r = 0; r < opts.runs; r++) {
    const m = await measureNode(NODE_WEBVTT, [vtt.path, join(DATA, `node-webvtt-out-${n}`), String(opts.segment)], { method });
    const result = JSON.parse(lastLine(m.stdout) || '{"ok":false}');
    runs.push(slim(m, { ok: m.code === 0 && result.ok, error: m.code === 0 ? undefined : lastLine(m.stderr), segmenterMs: result.segmenterMs, writeMs: result.writeMs, segments: result.segments }));
    log(`    node-webvtt run ${r + 1}: ${(m.wallMs / 1000).toFixed(2)} s (segmenter ${result.segmenterMs} ms, writes ${result.writeMs} ms), ${m.maxRssMb.toFixed(0)} MB`);
  }
  return aggregate(runs);
}

/** Segmenter against segmenter, in memory: node-webvtt's hlsSegment + hlsSegmentPlaylist vs our stages. */
async function runSegmenterOnly(n, opts, method, webvtt) {
  const runs = [];
  for (let r = 0; r < opts.runs; r++) {
    const m = await measureNode(OUR_SEGMENTER, [String(n), String(opts.seed), String(opts.segment)], { method });
    const result = JSON.parse(lastLine(m.stdout) || '{"ok":false}');
    runs.push(slim(m, { ok: m.code === 0 && result.ok, error: m.code === 0 ? undefined : errorLine(m.stderr), segmenterMs: result.segmenterMs, segments: result.segments }));
    log(`    our segmenter run ${r + 1}: ${result.segmenterMs} ms in memory${m.code === 0 ? '' : `  FAILED: ${errorLine(m.stderr)}`}`);
  }
  const ours = summarize(runs.map((r) => (r.ok ? r.segmenterMs : NaN)));
  const theirs = summarize(webvtt.runs.map((r) => (r.ok ? r.segmenterMs : NaN)));
  return { ok: runs.every((r) => r.ok), oursMs: ours, nodeWebvttMs: theirs, speedup: theirs.median / ours.median, runs };
}

function scenariosFor(opts) {
  const list = [];
  for (const n of opts.sizes) for (const shape of opts.shapes) list.push({ shape, messages: n, segmentSeconds: opts.segment });
  // A 10-hour video at 2 s segments: 18 000 files, to show the segment count does not dominate.
  if (!opts.smoke && opts.sizes.includes(1e6) && opts.shapes.includes('twitch') && opts.segment !== 2) {
    list.push({ shape: 'twitch', messages: 1e6, segmentSeconds: 2, manySegments: true });
  }
  return list;
}

async function main() {
  const opts = parseBenchArgs(process.argv.slice(2));
  if (opts.help) return void process.stdout.write(`${opts.help}\n`);
  if (!existsSync(join(ROOT, 'dist', 'bundle', 'main.js'))) throw new Error('dist/bundle/ is missing: run `npm run build` first (npm run bench does)');
  mkdirSync(DATA, { recursive: true });
  if (existsSync(RUNS)) {
    log(`Removing ${RUNS}, left by a bench that did not finish: the first runs may pay for the deleted files (see RUNS)`);
    rmSync(RUNS, { recursive: true, force: true });
  }
  const method = detectRusageMethod();
  const machine = describeMachine();
  const startedAt = new Date().toISOString();
  const loadBefore = load1();
  log(`chat-replay bench on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}; peak RSS via ${method}; load ${loadBefore}`);

  const scenarios = [];
  const webvttByCount = new Map();
  const segmenterOnly = [];
  for (const s of scenariosFor(opts)) {
    const archive = await ensureArchive(DATA, s.shape, s.messages, opts.seed);
    log(`\n${s.shape} ${formatCount(s.messages)} messages, ${(archive.bytes / 1e6).toFixed(0)} MB, ${s.segmentSeconds} s segments (load ${load1()})`);
    await warmPageCache(archive.path);
    const scenario = { ...s, bytes: archive.bytes, bytesPerMessage: Math.round(archive.bytes / s.messages) };
    if (opts.profile) {
      const dir = join(DATA, 'profiles', `${s.shape}-${s.messages}-${s.segmentSeconds}s-${Date.now()}`);
      scenario.package = await runPackage(scenario, archive, opts, method, dir);
      const file = newestProfile(dir);
      if (file) {
        scenario.profile = { file, ...summarizeCpuProfile(file, ROOT) };
        log(formatProfileSummary(scenario.profile));
      }
    } else {
      scenario.package = await runPackage(scenario, archive, opts, method);
      if (opts.baselines && !s.manySegments) {
        scenario.jsonParse = await runJsonParse(archive, opts, method);
        if (s.messages <= opts.webvttMax) {
          if (!webvttByCount.has(s.messages)) {
            const webvtt = await runNodeWebvtt(s.messages, opts, method);
            webvttByCount.set(s.messages, webvtt);
            if (webvtt.ok) segmenterOnly.push({ messages: s.messages, ...(await runSegmenterOnly(s.messages, opts, method, webvtt)) });
          }
          scenario.nodeWebvtt = webvttByCount.get(s.messages);
        }
      }
    }
    scenarios.push(scenario);
  }

  const table = `${formatTable(scenarios)}\n\n${formatSegmenterTable(segmenterOnly)}`;
  const targets = opts.smoke ? [] : judgeTargets(scenarios, segmenterOnly);
  const results = { startedAt, machine, load: { before: loadBefore, after: load1() }, rusage: method, options: { ...opts, out: undefined }, scenarios, segmenterOnly, targets, table };
  const out = opts.out ?? join(ROOT, 'bench', opts.smoke ? 'data/results-smoke.json' : 'results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);

  process.stdout.write(`\n${table}\n\n`);
  process.stdout.write(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB RAM, Node ${machine.node}, ${machine.platform}; 1-min load ${loadBefore} → ${results.load.after}\n`);
  if (targets.length) process.stdout.write(`\nTargets (issue 7):\n${formatTargets(targets)}\n`);
  process.stdout.write(`\nWrote ${out}\n`);
  if (scenarios.some((s) => !s.package.ok)) process.exitCode = 1;
  rmSync(RUNS, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`bench: ${err?.stack ?? err}\n`);
  process.exitCode = 2;
});
