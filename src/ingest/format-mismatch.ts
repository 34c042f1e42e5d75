import { ChatReplayError, type ErrorPosition } from '../errors.js';
import type { FormatName } from './types.js';

/**
 * A source that holds records but none of its format's: a file of another format read as this one
 * (`--format ytdlp` on a TwitchDownloader archive, `native` on an object without "messages"). A
 * lenient reader would skip every record as unknown and package an empty track over a good one; a
 * genuinely empty chat (`[]`, no lines, `"messages": []`) is not this. When the format was forced,
 * read-sources adds which format detection sees in the file.
 */
export class FormatMismatch extends ChatReplayError {
  constructor(
    readonly triedFormat: FormatName,
    message: string,
    file: string,
    position: ErrorPosition,
  ) {
    super('input', message, file, position);
  }

  /** The same error, saying what the file looks like instead. */
  withDetected(detected: FormatName | undefined): ChatReplayError {
    const hint =
      detected !== undefined && detected !== this.triedFormat
        ? `; it looks like ${detected}: name that format, or give none to have it detected`
        : '; give the right format, or none to have it detected';
    return new ChatReplayError('input', this.message + hint, this.file, this.position);
  }
}

/** `an object with keys FileInfo, streamer, clipper, video, comments, …`: what a record is, shortly. */
export function describeRecord(raw: unknown): string {
  if (Array.isArray(raw)) return 'an array';
  if (raw === null || typeof raw !== 'object') return raw === null ? 'null' : `a ${typeof raw}`;
  const keys = Object.keys(raw);
  if (keys.length === 0) return 'an empty object';
  const shown = keys.slice(0, 6).join(', ');
  return `an object with keys ${shown}${keys.length > 6 ? ', …' : ''}`;
}
