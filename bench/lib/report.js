import { formatCount } from './args.js';

/** Median and range of a list of numbers; NaN entries (a failed measurement) are left out. */
export function summarize(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v.at(-1), n: v.length };
}

const sec = (ms) => (ms / 1000).toFixed(2);
const mb = (x) => x.toFixed(0);

function timeCell(m) {
  if (!m) return '—';
  if (!m.ok) return /string longer than/.test(m.error ?? '') ? 'fails: file over V8\'s 512 MiB string limit' : `fails (${(m.error ?? 'error').slice(0, 60)})`;
  const w = m.wall;
  return w.n > 1 ? `${sec(w.median)} s (${sec(w.min)}–${sec(w.max)})` : `${sec(w.median)} s`;
}

/** CPU (user + system) of the child: less disturbed than wall time when other work shares the cores. */
function cpuCell(m) {
  return m?.ok ? `${sec(m.cpu.median)} s` : '—';
}

function rssCell(m) {
  if (!m || !m.ok) return '—';
  const r = m.rss;
  return r.n > 1 ? `${mb(r.median)} MB (${mb(r.min)}–${mb(r.max)})` : `${mb(r.median)} MB`;
}

/** How many times faster `package` is than a baseline, and its RSS as a fraction of the baseline's. */
export function ratios(pkg, base) {
  if (!pkg?.ok || !base?.ok) return undefined;
  return { speedup: base.wall.median / pkg.wall.median, rss: pkg.rss.median / base.rss.median };
}

function ratioCell(r) {
  if (!r) return '—';
  const speed = r.speedup >= 1 ? `${r.speedup.toFixed(1)}× faster` : `${(1 / r.speedup).toFixed(1)}× slower`;
  return `${speed}, ${(100 * r.rss).toFixed(0)} % of its RSS`;
}

/** The markdown table printed at the end and pasted into README. */
export function formatTable(scenarios) {
  const head = ['archive', 'messages', 'file', 'segments', '`package` wall', '`package` CPU', '`package` peak RSS', 'read + JSON.parse', 'vs JSON.parse', 'node-webvtt (same cues)', 'vs node-webvtt'];
  const rows = scenarios.map((s) => [
    { twitch: 'TwitchDownloader', native: 'native', ytdlp: 'yt-dlp' }[s.shape] ?? s.shape,
    formatCount(s.messages),
    `${(s.bytes / 1e6).toFixed(0)} MB`,
    `${s.segments} × ${s.segmentSeconds} s`,
    timeCell(s.package),
    cpuCell(s.package),
    rssCell(s.package),
    s.jsonParse ? (s.jsonParse.ok ? `${timeCell(s.jsonParse)}, ${rssCell(s.jsonParse)}` : timeCell(s.jsonParse)) : '—',
    ratioCell(ratios(s.package, s.jsonParse)),
    s.nodeWebvtt ? `${timeCell(s.nodeWebvtt)}, ${rssCell(s.nodeWebvtt)}` : '—',
    ratioCell(ratios(s.package, s.nodeWebvtt)),
  ]);
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Segmenter against segmenter: in-memory time of the stages alone, no archive parsing, no disk. */
export function formatSegmenterTable(rows) {
  if (rows.length === 0) return '';
  const ms = (s) => (s.n > 1 ? `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})` : `${s.median.toFixed(0)} ms`);
  const out = ['| cues | chat-replay layout + segmenter + cue text | node-webvtt hlsSegment + hlsSegmentPlaylist | ratio |', '| --- | --- | --- | --- |'];
  const ratio = (x) => (x >= 1 ? `${x.toFixed(1)}× faster` : `${(1 / x).toFixed(1)}× slower`);
  for (const r of rows) out.push(`| ${formatCount(r.messages)} | ${r.ok ? ms(r.oursMs) : 'failed'} | ${ms(r.nodeWebvttMs)} | ${r.ok ? ratio(r.speedup) : '—'} |`);
  return out.join('\n');
}

/**
 * Issue 7's targets, judged on what this run measured. A target whose scenario was not run is
 * reported as not measured rather than passed.
 */
export function judgeTargets(scenarios, segmenterOnly = []) {
  const find = (shape, n, seg) => scenarios.find((s) => s.shape === shape && s.messages === n && (seg === undefined || s.segmentSeconds === seg) && s.package?.ok);
  const out = [];
  const big = find('twitch', 1e6, 6) ?? find('twitch', 1e6);
  out.push(target('1 M TwitchDownloader messages: wall ≤ 5 s (median)', big && big.package.wall.median / 1000, (v) => v <= 5, (v) => `${v.toFixed(2)} s`));
  out.push(target('1 M TwitchDownloader messages: peak RSS ≤ 256 MB (worst run)', big && big.package.rss.max, (v) => v <= 256, (v) => `${v.toFixed(0)} MB`));
  for (const shape of ['twitch', 'native']) {
    const at200 = find(shape, 2e5);
    const r = at200 && ratios(at200.package, at200.nodeWebvtt);
    out.push(target(`${shape}, 200 k messages end to end (parse included) vs node-webvtt on a ready .vtt: ≥ 10× faster`, r?.speedup, (v) => v >= 10, (v) => `${v.toFixed(1)}×`));
    const a = find(shape, 1e5, 6);
    const b = find(shape, 1e6, 6);
    out.push(target(`${shape}: 10× the messages (100 k → 1 M) costs ≤ 11× the time`, a && b && b.package.wall.median / a.package.wall.median, (v) => v <= 11, (v) => `${v.toFixed(1)}×`));
    // "Flat": within 25 % — a fixed heap floor plus noise, not growth proportional to the input.
    out.push(target(`${shape}: peak RSS flat from 100 k to 1 M (≤ 1.25×)`, a && b && b.package.rss.median / a.package.rss.median, (v) => v <= 1.25, (v) => `${v.toFixed(2)}×`));
  }
  const seg200 = segmenterOnly.find((r) => r.messages === 2e5 && r.ok);
  out.splice(2, 0, target('200 k cues, segmenter alone (in memory): ≥ 10× faster than node-webvtt', seg200?.speedup, (v) => v >= 10, (v) => `${v.toFixed(1)}×`));
  // The 1 M case on 2 s segments; a 5 M run on 6 s segments has as many files but five times the chat.
  const many = scenarios.find((s) => s.messages === 1e6 && s.segments >= 18_000 && s.package?.ok);
  out.push(target('18 000 segments: wall ≤ 5 s with 1 M messages', many ? many.package.wall.median / 1000 : undefined, (v) => v <= 5, (v) => `${v.toFixed(2)} s`));
  return out;
}

function target(name, value, pass, show) {
  if (value === undefined || !Number.isFinite(value)) return { name, measured: null, status: 'not measured' };
  return { name, measured: show(value), status: pass(value) ? 'met' : 'MISSED' };
}

export function formatTargets(targets) {
  return targets.map((t) => `  ${t.status === 'met' ? '✔' : t.status === 'MISSED' ? '✘' : '·'} ${t.name}: ${t.measured ?? 'not measured'}${t.status === 'MISSED' ? '  (missed)' : ''}`).join('\n');
}
