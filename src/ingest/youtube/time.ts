import type { TimeBase } from '../types.js';

/** `"1:02:03"`, `"0:05"`, `"-0:12"` → ms; undefined for anything else. */
export function clockTextToMs(text: string): number | undefined {
  const match = /^(-)?(\d+)(?::(\d{1,2}))?(?::(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const parts = [match[2], match[3], match[4]].filter((p): p is string => p !== undefined).map(Number);
  let seconds = 0;
  for (const part of parts) seconds = seconds * 60 + part;
  return (match[1] ? -seconds : seconds) * 1000;
}

/**
 * Video time of a wall-clock `timestampUsec`, when the start of the video is known (`--started-at`,
 * or the video's PROGRAM-DATE-TIME); undefined otherwise, so the caller falls back to the offset.
 */
export function liveWallClockMs(timestampUsec: string | undefined, timeBase: TimeBase): number | undefined {
  if (timestampUsec === undefined) return undefined;
  const epochMs = Number(timestampUsec) / 1000;
  if (timeBase.startedAtMs !== undefined) return Math.round(epochMs - timeBase.startedAtMs);
  const viaPdt = timeBase.programDateTimeToVideoMs?.(epochMs);
  return viaPdt === undefined ? undefined : Math.round(viaPdt);
}
