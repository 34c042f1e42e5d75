import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Self time per function and per source file from a V8 .cpuprofile (what `node --cpu-prof`
 * writes): enough to see which stage dominates without opening DevTools.
 */
export function summarizeCpuProfile(file, root) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const fns = new Map();
  const files = new Map();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url ? relative(root, url.replace(/^file:\/\//, '')) : '';
    const fn = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
    fns.set(fn, (fns.get(fn) ?? 0) + us);
    const group = where.startsWith('dist/') || where.startsWith('node_modules/') ? where.split('/').slice(0, where.startsWith('dist/') ? 3 : 2).join('/') : where || functionName;
    files.set(group, (files.get(group) ?? 0) + us);
    totalUs += us;
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: us / totalUs }));
  return { totalMs: Math.round(totalUs / 1000), functions: top(fns, 25), files: top(files, 15) };
}

export function newestProfile(dir) {
  const names = readdirSync(dir).filter((n) => n.endsWith('.cpuprofile')).sort();
  return names.length ? join(dir, names.at(-1)) : undefined;
}

export function formatProfileSummary(summary) {
  const pct = (s) => `${(100 * s).toFixed(1).padStart(5)} %`;
  const lines = [`  total sampled: ${summary.totalMs} ms`, '  by file / module:'];
  for (const f of summary.files) lines.push(`    ${pct(f.share)}  ${String(f.ms).padStart(6)} ms  ${f.name}`);
  lines.push('  heaviest functions (self time):');
  for (const f of summary.functions) lines.push(`    ${pct(f.share)}  ${String(f.ms).padStart(6)} ms  ${f.name}`);
  return lines.join('\n');
}
