import { formatVttTimestamp } from '../cues/timestamp.js';
import type { Cue } from '../cues/cue.js';

/**
 * The header every segment starts with (RFC 8216bis §3.1.4): `WEBVTT`, the timestamp map on the
 * very next line with no spaces inside it (hls.js, vtt.js and Shaka only look in the header block
 * and break on spaces), then a blank line. `LOCAL:00:00:00.000` maps cue time 0 to `mpegts`.
 */
export function webvttSegmentHeader(mpegts: number): string {
  return `WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:${mpegts},LOCAL:00:00:00.000\n\n`;
}

/**
 * One cue block. `originMs` is where cue time 0 sits on the video timeline: the start of the cue's
 * discontinuity domain, whose first frame the map's MPEGTS names.
 */
export function formatCueBlock(cue: Cue, originMs: number): string {
  const timing = `${formatVttTimestamp(cue.startMs - originMs)} --> ${formatVttTimestamp(cue.endMs - originMs)}`;
  return `${cue.id}\n${cue.settings ? `${timing} ${cue.settings}` : timing}\n${cue.payload}\n`;
}

/** A whole segment: header, then cue blocks separated by blank lines. Never zero bytes. */
export function renderWebvttSegment(mpegts: number, cueBlocks: readonly string[]): string {
  const header = webvttSegmentHeader(mpegts);
  if (cueBlocks.length === 0) return header;
  // One join builds the whole text as one flat string. `header + blocks.join()` would be a cons
  // string that the writer and the sha1 of the name must flatten: a second copy of every segment.
  // The header's final newline becomes the first separator.
  const parts = new Array<string>(cueBlocks.length + 1);
  parts[0] = header.slice(0, -1);
  for (let i = 0; i < cueBlocks.length; i++) parts[i + 1] = cueBlocks[i]!;
  return parts.join('\n');
}
