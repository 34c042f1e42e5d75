import type { Report } from '../reporter.js';
import { parseVttTimestamp } from './timestamp.js';

export interface TimestampMap {
  mpegts: number;
  localMs: number;
  line: number;
}

/** PES timestamps are 33-bit (§1.1). */
const PTS_LIMIT = 2 ** 33;

/**
 * Parses `X-TIMESTAMP-MAP=MPEGTS:<n>,LOCAL:<ts>` (either order) as strictly as the strictest player:
 * vtt.js reads NaN with a space after the comma, Shaka fails without LOCAL, hls.js needs three
 * fraction digits (§4, §7.3). Returns undefined and reports when it is not well formed.
 */
export function parseTimestampMap(text: string, file: string, line: number, report: Report): TimestampMap | undefined {
  const bad = (why: string) => {
    report('segment-map-malformed', file, `${text.slice(0, 80)}: ${why}`, line);
    return undefined;
  };
  const value = text.slice('X-TIMESTAMP-MAP='.length);
  if (!text.startsWith('X-TIMESTAMP-MAP=')) return bad('expected "X-TIMESTAMP-MAP=" with no space before "="');
  if (/\s/.test(value)) return bad('contains whitespace (vtt.js reads NaN, hls.js drops LOCAL)');
  let mpegts: number | undefined;
  let localMs: number | undefined;
  for (const part of value.split(',')) {
    if (part.startsWith('MPEGTS:') && mpegts === undefined) {
      const digits = part.slice('MPEGTS:'.length);
      if (!/^\d+$/.test(digits)) return bad(`MPEGTS "${digits}" is not an unsigned integer`);
      mpegts = Number(digits);
      if (mpegts >= PTS_LIMIT) return bad(`MPEGTS ${digits} does not fit in 33 bits`);
    } else if (part.startsWith('LOCAL:') && localMs === undefined) {
      const ts = part.slice('LOCAL:'.length);
      localMs = parseVttTimestamp(ts);
      if (localMs === undefined) return bad(`LOCAL "${ts}" is not hh:mm:ss.mmm`);
    } else {
      return bad(`unexpected "${part}"; expected exactly MPEGTS:<int> and LOCAL:<hh:mm:ss.mmm>`);
    }
  }
  if (mpegts === undefined) return bad('no MPEGTS');
  if (localMs === undefined) return bad('no LOCAL');
  return { mpegts, localMs, line };
}
