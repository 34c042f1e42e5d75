import { inputError, type ChatReplayError, type ErrorPosition } from '../errors.js';

/**
 * The one range every reader's message times must be in, in ms from the video start: what the
 * native format's `offsetMs` accepts (a safe integer), on either side of zero since other formats
 * have pre-roll. A time past it is not a time: `1e308` seconds × 1000 is Infinity, which the
 * time-order merge (source-clock.ts) could never release, and ms past 2^53 are no longer exact.
 * Any time inside it past the video's end is simply dropped and counted.
 */
export const MAX_TIME_MS = Number.MAX_SAFE_INTEGER;

/** False for NaN, ±Infinity and anything past ±MAX_TIME_MS. */
export function isTimeInRange(ms: number): boolean {
  return ms >= -MAX_TIME_MS && ms <= MAX_TIME_MS;
}

export const TIME_RANGE_RULE = `a time must be a finite number within ±${MAX_TIME_MS} ms of the video start`;

/** A value as the archive wrote it, cut short: a 400-digit offset would fill the terminal. */
function shown(value: unknown): string {
  const text = String(value);
  const cut = text.length > 24 ? `${text.slice(0, 20)}…` : text;
  return `${typeof value === 'string' ? JSON.stringify(cut) : cut}${cut === text ? '' : ` (${text.length} characters)`}`;
}

/** `1e+308 is out of range (a time must be …)`, for a schema's own message. */
export function outOfRangeMessage(value: unknown): string {
  return `${shown(value)} is out of range (${TIME_RANGE_RULE})`;
}

/** `chat.json: comments[3].content_offset_seconds: 1e+308 is out of range (a time must be …)`. */
export function timeOutOfRange(file: string, position: ErrorPosition, value: unknown): ChatReplayError {
  return inputError(outOfRangeMessage(value), file, position);
}
