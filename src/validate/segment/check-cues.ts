import type { Report } from '../reporter.js';
import type { VttSegment } from './read-vtt.js';
import { formatVttTimestamp } from './timestamp.js';

/** Cue rules inside one segment (§3.2, §6): positive length, sorted by start, payload lines that survive parsing. */
export function checkCues(segment: VttSegment, file: string, report: Report): void {
  let previousStart = -Infinity;
  for (const cue of segment.cues) {
    if (cue.endMs <= cue.startMs) {
      report('cue-end-not-after-start', file,
        `cue ends at ${formatVttTimestamp(cue.endMs)}, not after its start ${formatVttTimestamp(cue.startMs)}`, cue.line);
    }
    if (cue.startMs < previousStart) {
      report('cue-unsorted', file,
        `cue starts at ${formatVttTimestamp(cue.startMs)}, before the previous cue (${formatVttTimestamp(previousStart)})`, cue.line);
    }
    previousStart = Math.max(previousStart, cue.startMs);
    if (cue.payload.length === 0) report('cue-payload-empty', file, 'cue has no payload text', cue.line);
    for (const { text, line } of cue.payload) {
      if (text.trim() === '') report('cue-payload-blank-line', file, 'whitespace-only payload line; players may end the cue here', line);
      if (text.includes('-->')) report('cue-payload-arrow', file, '"-->" in the payload ends the cue here; escape ">" as &gt;', line);
    }
  }
}
