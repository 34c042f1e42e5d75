/**
 * A WebVTT timestamp (`[hh:]mm:ss.ttt`, hours two or more digits, exactly three fraction digits,
 * minutes and seconds 0–59) in integer milliseconds; undefined when it is not one (§3.2).
 */
export function parseVttTimestamp(text: string): number | undefined {
  const m = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/.exec(text);
  if (!m) return undefined;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
}

/** Milliseconds as `hh:mm:ss.mmm`, for messages. */
export function formatVttTimestamp(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(Math.round(ms));
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${sign}${pad(Math.floor(abs / 3_600_000), 2)}:${pad(Math.floor(abs / 60_000) % 60, 2)}:${pad(Math.floor(abs / 1000) % 60, 2)}.${pad(abs % 1000, 3)}`;
}
