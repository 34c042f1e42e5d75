import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatVttTimestamp } from '../../src/cues/timestamp.js';

describe('formatVttTimestamp', () => {
  it('writes HH:MM:SS.mmm with exactly three fraction digits', () => {
    expect(formatVttTimestamp(0)).toBe('00:00:00.000');
    expect(formatVttTimestamp(1999)).toBe('00:00:01.999');
    expect(formatVttTimestamp(3_723_045)).toBe('01:02:03.045');
    expect(formatVttTimestamp(360_000_000)).toBe('100:00:00.000');
  });

  it('round-trips every integer millisecond (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 3_600_000 }), (ms) => {
        const m = /^(\d{2,}):(\d{2}):(\d{2})\.(\d{3})$/.exec(formatVttTimestamp(ms))!;
        expect(m).not.toBeNull();
        expect(Number(m[1]) * 3_600_000 + Number(m[2]) * 60_000 + Number(m[3]) * 1000 + Number(m[4])).toBe(ms);
      }),
    );
  });
});
