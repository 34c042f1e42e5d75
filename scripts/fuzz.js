#!/usr/bin/env node
/**
 * Fuzzes `chat-replay package` (issue 9 §5): N seeded random archives and VODs through package
 * (in-process, dist/cli/main.js) and then through validate (dist/validate), expecting no crash, no
 * invalid output, no lost cue and a lossless master patch. About one case in ten is made invalid on
 * purpose and must be rejected with exit 1 and one stderr line, leaving the master untouched.
 *
 *   npm run fuzz -- [--runs N] [--seed S] [--case K] [--keep]
 *
 * --case K runs only case K of seed S (what a failure report prints); --keep leaves its folder.
 * Prints one summary line; exits 1 when any case failed, 2 on bad arguments.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { breakArchive, generateArchive } from '../test/fuzz/archive.js';
import { checkCueAccounting, checkMasterPatch, diffSnapshots, snapshot } from '../test/fuzz/check.js';
import { generateOptions } from '../test/fuzz/options.js';
import { caseSeed, makeRandom } from '../test/fuzz/random.js';
import { writeVod } from '../test/fuzz/vod.js';
import { main } from '../dist/cli/main.js';
import { validateRendition } from '../dist/validate/index.js';

function parseArgs(argv) {
  const args = { runs: 10_000, seed: Math.floor(Math.random() * 2 ** 31), only: undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0) usage(`${a} needs a non-negative integer`);
      return v;
    };
    if (a === '--runs') args.runs = value();
    else if (a === '--seed') args.seed = value();
    else if (a === '--case') args.only = value();
    else if (a === '--keep') args.keep = true;
    else usage(`unknown argument ${a}`);
  }
  return args;
}

function usage(message) {
  process.stderr.write(`fuzz: ${message}\nusage: node scripts/fuzz.js [--runs N] [--seed S] [--case K] [--keep]\n`);
  process.exit(2);
}

async function runCli(argv) {
  let stdout = '';
  let stderr = '';
  let code;
  try {
    code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: false });
  } catch (err) {
    // main() promises never to throw: an escape is a crash.
    return { code: 'threw', stdout, stderr: `${stderr}${err?.stack ?? err}` };
  }
  return { code, stdout, stderr };
}

/** Flags that must be refused as usage errors (exit 2). */
const BAD_FLAGS = [
  ['--name', 'chat "kor"'],
  ['--group', 'a\nb'],
  ['--hold', '-1'],
  ['--hold', 'NaN'],
  ['--max-visible', '0'],
  ['--language', 'not a tag'],
  ['--mpegts', '-1'],
  ['--mpegts', '1.5'],
  ['--out', '../escape'],
  ['--out', '/tmp'],
  ['--started-at', 'yesterday'],
];

/** Sets a single-value flag, replacing its value when present: a repeated flag is a usage error. */
function setFlag(argv, flag, value) {
  const at = argv.indexOf(flag);
  if (at >= 0) argv[at + 1] = value;
  else argv.push(flag, value);
}

/** The probe validate would run on the video segments (which do not exist): the MPEGTS we packaged with. */
const probeFor = (mpegts) => async () => ({ mpegts, container: 'ts', detail: 'fuzz: --mpegts' });

/** One case: returns a list of problems (empty = pass) and what kind of case it was. */
async function runCase(seed, k, root) {
  const r = makeRandom(caseSeed(seed, k));
  const dir = join(root, `case-${k}`);
  mkdirSync(dir, { recursive: true });
  const vod = writeVod(r, dir);
  const archive = generateArchive(r, vod.video);
  const invalid = r.chance(0.1) ? breakArchive(r, archive) : undefined;
  const chatPath = join(dir, r.pick(['chat.json', '채팅 로그.json', 'chat log (1).jsonl']));
  writeFileSync(chatPath, invalid ? invalid.text : archive.text);
  const mpegts = r.weighted([[5, 126_000], [2, r.int(0, 2 ** 33 - 1)], [1, 0], [1, 2 ** 33 - 1]]);
  const opts = generateOptions(r, { dir, master: vod.master, chatPath, archive, vod, mpegts });
  const problems = [];
  // One case in 25 has one bad flag: exit 2, nothing written.
  const badFlag = !invalid && r.chance(0.04) ? r.pick(BAD_FLAGS) : undefined;
  if (badFlag) setFlag(opts.argv, ...badFlag);
  // One valid case in ten first packages with other settings, so the run replaces its own rendition.
  if (!invalid && !badFlag && r.chance(0.1)) {
    const earlierArgv = [...opts.argv];
    setFlag(earlierArgv, '--language', 'und');
    setFlag(earlierArgv, '--hold', '1');
    const earlier = await runCli(earlierArgv);
    if (earlier.code !== 0) problems.push(`earlier run: exit ${earlier.code}: ${earlier.stderr.slice(0, 300)}`);
  }
  const run = await runCli(opts.argv);

  if (badFlag) {
    const lines = run.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('Run "chat-replay'));
    if (run.code !== 2) problems.push(`bad flag ${JSON.stringify(badFlag)}: exit ${run.code}, expected 2; stderr: ${run.stderr.slice(0, 300)}`);
    if (lines.length !== 1 || !lines[0].startsWith('chat-replay: ')) problems.push(`bad flag ${JSON.stringify(badFlag)}: stderr is not one line: ${JSON.stringify(run.stderr.slice(0, 300))}`);
    if (readFileSync(vod.master, 'utf8') !== vod.masterText) problems.push(`bad flag ${JSON.stringify(badFlag)}: the master changed`);
    return { kind: 'usage', problems, argv: opts.argv };
  }

  if (invalid) {
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    if (run.code !== 1) problems.push(`invalid archive (${invalid.kind}): exit ${run.code}, expected 1; stderr: ${run.stderr.slice(0, 300)}`);
    if (lines.length !== 1 || !lines[0].startsWith('chat-replay: ') || !lines[0].includes(chatPath)) {
      problems.push(`invalid archive (${invalid.kind}): stderr is not one line naming the archive: ${JSON.stringify(run.stderr.slice(0, 300))}`);
    }
    if (readFileSync(vod.master, 'utf8') !== vod.masterText) problems.push('invalid archive: the master changed');
    return { kind: 'invalid', problems, argv: opts.argv };
  }

  if (run.code !== 0) {
    problems.push(`exit ${run.code} on valid input; stderr: ${run.stderr.slice(0, 500)}`);
    return { kind: 'valid', problems, argv: opts.argv };
  }
  if (run.stderr !== '') problems.push(`stderr on success: ${run.stderr.slice(0, 300)}`);
  let summary;
  try {
    summary = JSON.parse(run.stdout);
  } catch {
    problems.push(`--json printed no JSON: ${run.stdout.slice(0, 200)}`);
    return { kind: 'valid', problems, argv: opts.argv };
  }

  const findings = await validateRendition(vod.master, { rendition: opts.name, probe: probeFor(mpegts) });
  for (const f of findings.filter((x) => x.severity === 'error')) problems.push(`validate: ${f.rule} ${f.file}${f.line ? `:${f.line}` : ''}: ${f.message}`);
  problems.push(...checkMasterPatch(vod.masterText, readFileSync(vod.master, 'utf8'), opts.name));
  // With rules or a merged second source, kept counts are the rules' business; cue bookkeeping still holds.
  problems.push(...checkCueAccounting(summary, summary.playlist, opts.layout));

  // One case in eight: the same command again must change no byte anywhere.
  if (r.chance(0.125)) {
    const before = snapshot(dir);
    const again = await runCli(opts.argv);
    if (again.code !== 0) problems.push(`re-run: exit ${again.code}: ${again.stderr.slice(0, 300)}`);
    const diff = diffSnapshots(before, snapshot(dir));
    if (diff.length > 0) problems.push(`re-run is not byte-identical: ${diff.slice(0, 5).join(', ')}`);
  }
  return { kind: 'valid', problems, argv: opts.argv };
}

const CASE_TIMEOUT_MS = 60_000;

function signature(problem) {
  return problem.split('\n')[0].replace(/\/[^\s:]*/g, '<path>').replace(/\d+/g, 'N').slice(0, 160);
}

async function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout', problems: [`no result after ${ms} ms (hang?)`] }), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function fuzz() {
  const args = parseArgs(process.argv.slice(2));
  const root = mkdtempSync(join(tmpdir(), 'chat-replay-fuzz-'));
  const cases = args.only !== undefined ? [args.only] : Array.from({ length: args.runs }, (_, i) => i);
  const counts = { valid: 0, invalid: 0, usage: 0, timeout: 0 };
  const failures = [];
  const strays = [];
  process.on('unhandledRejection', (err) => strays.push(String(err?.stack ?? err)));
  const started = performance.now();

  for (const k of cases) {
    let result;
    try {
      result = await withTimeout(runCase(args.seed, k, root), CASE_TIMEOUT_MS);
    } catch (err) {
      // A generator or check bug is a fuzzer failure too; report it like any other.
      result = { kind: 'valid', problems: [`fuzzer error: ${err?.stack ?? err}`] };
    }
    counts[result.kind]++;
    if (result.problems.length > 0) {
      failures.push({ k, ...result });
      if (failures.length <= 20) {
        process.stderr.write(`FAIL case ${k} (seed ${args.seed}): ${result.problems.slice(0, 5).join('\n    ')}\n`);
        if (result.argv) process.stderr.write(`    argv: ${JSON.stringify(result.argv)}\n`);
        process.stderr.write(`    reproduce: node scripts/fuzz.js --seed ${args.seed} --case ${k} --keep\n`);
      }
    }
    if (!args.keep) rmSync(join(root, `case-${k}`), { recursive: true, force: true });
    if (process.stderr.isTTY && (k + 1) % 100 === 0) process.stderr.write(`\rfuzz: ${k + 1}/${cases.length}`);
  }
  if (process.stderr.isTTY) process.stderr.write('\r');
  for (const s of strays) failures.push({ k: -1, problems: [`unhandled rejection: ${s}`] });
  if (!args.keep) rmSync(root, { recursive: true, force: true });
  else process.stderr.write(`fuzz: case folders kept under ${root}\n`);

  // Failures grouped by their first problem with numbers and paths blanked: one line per distinct bug.
  const groups = new Map();
  for (const f of failures) {
    const key = signature(f.problems[0]);
    const g = groups.get(key) ?? { count: 0, first: f.k };
    g.count++;
    groups.set(key, g);
  }
  for (const [key, g] of [...groups].sort((a, b) => b[1].count - a[1].count)) {
    process.stderr.write(`${String(g.count).padStart(6)} × ${key}  (first: --case ${g.first})\n`);
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const failed = new Set(failures.map((f) => f.k)).size;
  process.stdout.write(
    `fuzz: ${cases.length} runs (${counts.valid} valid, ${counts.invalid} invalid archives, ${counts.usage} bad flags), ${failed} failed, ${seconds} s, seed ${args.seed}\n`,
  );
  return failed === 0 ? 0 : 1;
}

process.exitCode = await fuzz();
