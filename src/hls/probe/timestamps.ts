/**
 * 90 kHz clock arithmetic. PES timestamps are 33-bit counters that wrap every 2^33 ticks (~26.5 h);
 * two values more than half the circle (2^32 ticks, ~13.25 h) apart lie on opposite sides of a wrap.
 */
export const MPEG_TS_CLOCK_HZ = 90_000;
export const PTS_ROLLOVER = 2 ** 33;
const HALF_ROLLOVER = 2 ** 32;

/** The tick count reduced into [0, 2^33). */
export function wrap33(ticks: number): number {
  return ((ticks % PTS_ROLLOVER) + PTS_ROLLOVER) % PTS_ROLLOVER;
}

/** True when the two timestamps lie on opposite sides of a wrap, e.g. 2^33 − 1000 and 500. */
export function straddlesWrap33(a: number, b: number): boolean {
  return Math.abs(wrap33(a) - wrap33(b)) > HALF_ROLLOVER;
}

/**
 * `units / timescale` seconds as 90 kHz ticks, rounded to the nearest tick, reduced modulo 2^33.
 * BigInt because an fMP4 tfdt is 64-bit and `tfdt * 90000` overflows a double's exact range.
 */
export function toNinetyKhzTicks(units: bigint, timescale: number): number {
  const scale = BigInt(timescale);
  const rounded = (units * BigInt(MPEG_TS_CLOCK_HZ) * 2n + scale) / (2n * scale);
  return Number(rounded % BigInt(PTS_ROLLOVER));
}
