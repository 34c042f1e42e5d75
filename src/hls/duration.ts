/**
 * EXTINF durations as integer microseconds, parsed from their decimal text. Summing floats over
 * 18 000 segments drifts; integers do not, and µs is finer than any EXTINF anyone writes.
 */
export function parseDecimalSecondsToUs(text: string): number | undefined {
  const m = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (!m) return undefined;
  const whole = Number(m[1]);
  const frac = (m[2] ?? '').padEnd(7, '0');
  const us = Number(frac.slice(0, 6)) + (Number(frac[6]) >= 5 ? 1 : 0);
  return whole * 1_000_000 + us;
}
