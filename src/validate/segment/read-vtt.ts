import { splitLines } from '../lines.js';
import type { Report } from '../reporter.js';
import { parseTimestampMap, type TimestampMap } from './timestamp-map.js';
import { parseVttTimestamp } from './timestamp.js';

export interface VttCue {
  id?: string;
  startMs: number;
  endMs: number;
  /** 1-based line of the cue block's first line (the identifier, or the timing line). */
  line: number;
  /** Payload lines and the 1-based line number of each. */
  payload: { text: string; line: number }[];
  /** The whole block as written: repeats across segments must match it byte for byte. */
  raw: string;
}

export interface VttSegment {
  /** The map players will use: only one in the header block counts. */
  map?: TimestampMap;
  cues: VttCue[];
}

const SIGNATURE = /^WEBVTT([ \t].*)?$/;
const MAP_PREFIX = 'X-TIMESTAMP-MAP';

/**
 * Parses an HLS WebVTT segment the way players read it (§3.1, §4): signature, header block (where the
 * X-TIMESTAMP-MAP must be, on line 2), then blank-line-separated blocks. Reports what makes a block
 * unreadable (header, map, timing syntax, text cut off from its cue); the cue-level rules run on the
 * result.
 */
export function readVttSegment(text: string, file: string, report: Report): VttSegment {
  const lines = splitLines(text);
  const segment: VttSegment = { cues: [] };
  if (!SIGNATURE.test(lines[0] ?? '')) {
    report('segment-header-missing', file, `first line is ${JSON.stringify((lines[0] ?? '').slice(0, 40))}, not WEBVTT`, 1);
  }
  let mapLines = 0;
  let i = 1;
  for (; i < lines.length && lines[i] !== ''; i++) {
    const line = lines[i] ?? '';
    if (line.includes('-->')) {
      report('segment-header-unterminated', file, 'a cue timing line inside the header block: the header needs a blank line after it', i + 1);
      break;
    }
    if (!line.startsWith(MAP_PREFIX)) continue;
    mapLines++;
    if (mapLines > 1) {
      report('segment-map-duplicate', file, 'a second X-TIMESTAMP-MAP in the header', i + 1);
      continue;
    }
    if (i !== 1) report('segment-map-misplaced', file, `X-TIMESTAMP-MAP is on line ${i + 1}; put it directly after WEBVTT`, i + 1);
    const map = parseTimestampMap(line, file, i + 1, report);
    if (map) segment.map = map;
  }

  for (const block of blocks(lines, i)) {
    const first = block.lines[0] ?? '';
    if (/^(NOTE|STYLE|REGION)([ \t]|$)/.test(first)) continue;
    if (first.startsWith(MAP_PREFIX)) {
      mapLines++;
      report('segment-map-misplaced', file, 'X-TIMESTAMP-MAP after a blank line is ignored by hls.js, video.js and Shaka; put it on line 2', block.line);
      continue;
    }
    const cue = readCue(block, file, report);
    if (cue) segment.cues.push(cue);
  }
  if (mapLines === 0) {
    report('segment-map-missing', file, 'no X-TIMESTAMP-MAP: players map cue time 0 to media time 0 (1.4 s early on ffmpeg TS)', 2);
  }
  return segment;
}

interface Block {
  line: number;
  lines: string[];
}

/** Blocks of non-empty lines from `from` on; only a truly empty line separates blocks in WebVTT. */
function* blocks(lines: string[], from: number): Generator<Block> {
  let current: Block | undefined;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') {
      if (current) yield current;
      current = undefined;
    } else if (current) current.lines.push(line);
    else current = { line: i + 1, lines: [line] };
  }
  if (current) yield current;
}

const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+.*)?$/;

function readCue(block: Block, file: string, report: Report): VttCue | undefined {
  const timingAt = (block.lines[0] ?? '').includes('-->') ? 0 : (block.lines[1] ?? '').includes('-->') ? 1 : -1;
  if (timingAt < 0) {
    report('segment-block-invalid', file,
      `text without a cue timing line ("${(block.lines[0] ?? '').slice(0, 40)}"): a blank line inside a payload cuts a cue here`, block.line);
    return undefined;
  }
  const timing = block.lines[timingAt] ?? '';
  const m = TIMING.exec(timing);
  const startMs = m ? parseVttTimestamp(m[1] ?? '') : undefined;
  const endMs = m ? parseVttTimestamp(m[2] ?? '') : undefined;
  if (startMs === undefined || endMs === undefined) {
    report('cue-timing-malformed', file, `"${timing.slice(0, 60)}" is not "[hh:]mm:ss.mmm --> [hh:]mm:ss.mmm [settings]"`, block.line + timingAt);
    return undefined;
  }
  const payload: VttCue['payload'] = [];
  for (let k = timingAt + 1; k < block.lines.length; k++) payload.push({ text: block.lines[k]!, line: block.line + k });
  // One literal with every field (the id undefined when there is none): one hidden class for every
  // cue, where a spread made each object anew (2 µs a cue at a million).
  return { id: timingAt === 1 ? (block.lines[0] ?? '') : undefined, startMs, endMs, line: block.line, payload, raw: block.lines.join('\n') };
}
