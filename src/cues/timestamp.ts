// Every cue prints two timestamps, and a segment's cues share a handful of seconds: the fixed-width
// fields come from tables and the `HH:MM:SS` part of recent seconds is remembered, so a timestamp
// usually costs one short concatenation instead of a dozen number-to-string conversions.
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));
const MILLIS = Array.from({ length: 1000 }, (_, i) => `.${i < 10 ? '00' : i < 100 ? '0' : ''}${i}`);

// Direct-mapped by whole second: the starts and ends in flight span a few seconds at most.
const PREFIX_SLOTS = 32;
const prefixSecond = new Float64Array(PREFIX_SLOTS).fill(-1);
const prefixText: string[] = new Array<string>(PREFIX_SLOTS).fill('');

function secondsPrefix(second: number): string {
  const slot = second & (PREFIX_SLOTS - 1);
  if (prefixSecond[slot] === second) return prefixText[slot]!;
  const h = Math.floor(second / 3600);
  const text = `${h < 10 ? '0' : ''}${h}:${TWO_DIGITS[Math.floor(second / 60) % 60]!}:${TWO_DIGITS[second % 60]!}`;
  prefixSecond[slot] = second;
  prefixText[slot] = text;
  return text;
}

/** Integer ms → `HH:MM:SS.mmm` (hours grow past 99 as WebVTT allows). Integer input only: no `.1000`. */
export function formatVttTimestamp(ms: number): string {
  // The tables cover non-negative integers that bitwise math keeps exact; anything else (never
  // produced by the layouts) takes the general formula, so the output is the same for every input.
  if (ms >= 0 && (ms | 0) === ms) {
    const second = Math.floor(ms / 1000);
    return secondsPrefix(second) + MILLIS[ms - second * 1000]!;
  }
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const f = ms % 1000;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${s < 10 ? '0' : ''}${s}.${f < 10 ? '00' : f < 100 ? '0' : ''}${f}`;
}
