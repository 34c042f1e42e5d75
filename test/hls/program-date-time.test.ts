import { describe, expect, it } from 'vitest';
import { mapperFromAnchors } from '../../src/hls/program-date-time.js';

const T0 = Date.UTC(2026, 10, 21, 19, 0, 0);
/** Two recording sessions: 0–12 s of video from 19:00:00, then 12–24 s of video from 19:00:42. */
const anchors = [
  { programDateTimeMs: T0, startUs: 0, durationUs: 6e6 },
  { programDateTimeMs: T0 + 6000, startUs: 6e6, durationUs: 6e6 },
  { programDateTimeMs: T0 + 42_000, startUs: 12e6, durationUs: 6e6 },
  { programDateTimeMs: T0 + 48_000, startUs: 18e6, durationUs: 6e6 },
];

describe('mapperFromAnchors', () => {
  it('is undefined without dated segments', () => {
    expect(mapperFromAnchors([])).toBeUndefined();
  });

  it('places an instant inside a dated segment by its offset in that segment, in either session', () => {
    const map = mapperFromAnchors(anchors)!;
    expect(map(T0 + 7500)).toBe(7500);
    expect(map(T0 + 43_000)).toBe(13_000);
    expect(map(T0 + 53_999)).toBe(23_999);
  });

  it('shows chat sent while nothing was recorded when the video resumes, not inside the next session', () => {
    const map = mapperFromAnchors(anchors)!;
    expect(map(T0 + 12_000)).toBe(12_000);
    expect(map(T0 + 20_000)).toBe(12_000);
    expect(map(T0 + 41_999)).toBe(12_000);
  });

  it('extrapolates before the first and after the last segment (pre-roll and past the end, dropped later)', () => {
    const map = mapperFromAnchors(anchors)!;
    expect(map(T0 - 3000)).toBe(-3000);
    expect(map(T0 + 60_000)).toBe(30_000);
  });

  it('does not depend on the order the segments are given in', () => {
    const map = mapperFromAnchors([...anchors].reverse())!;
    expect(map(T0 + 20_000)).toBe(12_000);
    expect(map(T0 + 43_000)).toBe(13_000);
  });
});
