import type { PackageSummary } from '../pipeline.js';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The human summary of a package run: what was read, what each rule did, what was written. */
export function formatPackageSummary(s: PackageSummary): string {
  const lines: string[] = [];
  const verb = s.dryRun ? 'would write' : 'wrote';
  for (const src of s.sources) {
    const skipped = Object.entries(src.skipped).map(([why, n]) => `${n} ${why}`).join(', ');
    lines.push(`read ${src.file} (${src.format}${src.label ? `, label ${src.label}` : ''}): ${src.messages} messages${skipped ? `, skipped ${skipped}` : ''}`);
  }
  const pre = s.messages.preroll;
  if (pre.dropped || pre.clamped) lines.push(`before the video start: ${pre.dropped} dropped, ${pre.clamped} shown at 0 s`);
  if (s.rules.length > 0) {
    const width = Math.max(4, ...s.rules.map((r) => r.rule.length));
    lines.push(`${'rule'.padEnd(width)}     kept  dropped  edited`);
    for (const r of s.rules) {
      lines.push(`${r.rule.padEnd(width)}  ${String(r.kept).padStart(7)}  ${String(r.dropped).padStart(7)}  ${String(r.edited).padStart(6)}`);
    }
  }
  lines.push(`kept ${s.messages.kept} of ${count(s.messages.read, 'message')} → ${count(s.cues.total, 'cue')} (peak ${s.cues.peakPerMinute}/min)`);
  if (s.cues.hiddenInWindow) {
    lines.push(`${count(s.cues.hiddenInWindow, 'message')} scrolled out of the chat box before an update showed them (add a rate-limit rule)`);
  }
  if (s.cues.droppedPastEnd || s.cues.clipped) {
    lines.push(`past the end of the video: ${count(s.cues.droppedPastEnd, 'cue')} dropped; ${s.cues.clipped} cut at the end or a discontinuity`);
  }
  for (const m of s.timestampMaps) lines.push(`X-TIMESTAMP-MAP domain ${m.domain}: MPEGTS:${m.mpegts} (${m.source})`);
  const seg = s.segments;
  const kinds = `${seg.withCues} with cues, ${seg.empty} empty`;
  lines.push(
    seg.unchanged === 0
      ? `${verb} ${count(seg.total, 'segment')} (${kinds}) and ${s.playlist}`
      : `${verb} ${seg.total - seg.unchanged} of ${count(seg.total, 'segment')} (${kinds}; ${seg.unchanged} already there, unchanged) and ${s.playlist}`,
  );
  const m = s.master_patch;
  lines.push(
    m.changed
      ? `${verb} ${s.master}: ${m.inserted ? 'added' : 'updated'} NAME="${s.rendition.name}" in group ${s.rendition.groups.map((g) => `"${g}"`).join(', ')}${m.variantsLinked ? `, linked ${m.variantsLinked} variants` : ''}`
      : `${s.master} already up to date`,
  );
  return `${lines.join('\n')}\n`;
}
