/**
 * What every fuzz case must satisfy after `package`. Each check returns a list of problems (strings);
 * an empty list is a pass. Kept separate from the generators so a failing case says which promise
 * broke: validity (validate's errors), losslessness of the master patch, no lost or invented cues,
 * and byte-identical re-runs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Splits text into [line, terminator] pairs, keeping each line's own terminator. */
function linesWithEndings(text) {
  const out = [];
  const re = /([^\r\n]*)(\r\n|\n|$)/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (m[0] === '') break;
    out.push([m[1], m[2]]);
  }
  return out;
}

/**
 * The master after the patch must be the master before it with only (a) whole EXT-X-MEDIA
 * SUBTITLES lines naming our rendition inserted, and (b) `,SUBTITLES="..."` appended to
 * EXT-X-STREAM-INF lines that had none. Every other line keeps its bytes and its terminator.
 */
export function checkMasterPatch(before, after, name) {
  const problems = [];
  const a = linesWithEndings(before.replace(/^\ufeff/, ''));
  const b = linesWithEndings(after.replace(/^\ufeff/, ''));
  if (before.startsWith('\ufeff') !== after.startsWith('\ufeff')) problems.push('BOM added or removed');
  const ours = (line) => line.startsWith('#EXT-X-MEDIA:TYPE=SUBTITLES,') && line.includes(`NAME="${name}"`);
  let i = 0;
  for (const [line, end] of b) {
    if (i < a.length) {
      const [orig, origEnd] = a[i];
      const linked = orig.startsWith('#EXT-X-STREAM-INF:') && !/[:,]SUBTITLES=/.test(orig) && /^,SUBTITLES="[^"]*"$/.test(line.slice(orig.length));
      if ((line === orig || (linked && line.startsWith(orig))) && (end === origEnd || (origEnd === '' && i === a.length - 1))) {
        i++;
        continue;
      }
    }
    if (ours(line)) continue;
    problems.push(`master line ${JSON.stringify(line)} is neither an original line nor our rendition`);
    break;
  }
  if (i < a.length) problems.push(`master lost original line ${i + 1}: ${JSON.stringify(a[i][0])}`);
  if ((after.match(/^#EXT-X-MEDIA:TYPE=SUBTITLES,[^\r\n]*$/gm) ?? []).filter(ours).length === 0) problems.push('our rendition is not in the master');
  return problems;
}

/** The cue identifiers of a segment's text, one per cue (the line before each timing line). */
function cueIds(segment) {
  const lines = segment.split('\n');
  const ids = [];
  lines.forEach((l, i) => {
    if (l.includes(' --> ') && i > 0 && lines[i - 1] !== '') ids.push(lines[i - 1]);
  });
  return ids;
}

/**
 * No cue lost or invented: with one cue per message, the distinct cue ids across all segments are
 * exactly the cues the summary counts, less those dropped past the end.
 */
export function checkCueAccounting(summary, playlistPath, layout) {
  const problems = [];
  if (layout === 'message' && summary.cues.total !== summary.messages.kept) {
    problems.push(`message layout made ${summary.cues.total} cues from ${summary.messages.kept} kept messages`);
  }
  const dir = join(playlistPath, '..');
  const names = readFileSync(playlistPath, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const ids = new Set();
  for (const n of names) for (const id of cueIds(readFileSync(join(dir, n), 'utf8'))) ids.add(id);
  const expected = summary.cues.total - summary.cues.droppedPastEnd;
  if (ids.size !== expected) problems.push(`segments hold ${ids.size} distinct cues; the summary says ${summary.cues.total} - ${summary.cues.droppedPastEnd} dropped = ${expected}`);
  return problems;
}

/** Every file under `dir` with its bytes (temporary files and locks would show up here too). */
export function snapshot(dir) {
  const out = {};
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

export function diffSnapshots(a, b) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => a[k] !== b[k]).map((k) => (a[k] === undefined ? `added ${k}` : b[k] === undefined ? `removed ${k}` : `changed ${k}`));
}
