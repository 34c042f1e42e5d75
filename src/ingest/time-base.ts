import { inputError, type ErrorPosition } from '../errors.js';
import type { TimeBase } from './types.js';

/** Parses an ISO-8601 date-time with a zone; undefined when it is not one. */
export function parseIsoInstant(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Maps a wall-clock instant to ms from the video start, by `--started-at`, the archive's own start,
 * or the video's PROGRAM-DATE-TIME, in that order. An instant with no way to map it is an input error.
 */
export function wallClockToVideoMs(
  epochMs: number,
  timeBase: TimeBase,
  archiveStartedAtMs: number | undefined,
  file: string,
  position: ErrorPosition,
): number {
  const start = timeBase.startedAtMs ?? archiveStartedAtMs;
  if (start !== undefined) return Math.round(epochMs - start);
  const viaPdt = timeBase.programDateTimeToVideoMs?.(epochMs);
  if (viaPdt !== undefined) return Math.round(viaPdt);
  throw inputError(
    'message has an absolute time but no start is known: give --started-at, broadcast.startedAt, or a video with EXT-X-PROGRAM-DATE-TIME',
    file,
    position,
  );
}
