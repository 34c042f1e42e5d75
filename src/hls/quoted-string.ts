import { usageError } from '../errors.js';

/**
 * NAME and GROUP-ID go into the master as quoted-strings, which must be non-empty and hold no `"`,
 * CR or LF (RFC 8216bis §4.2); playlists hold no other control characters either (§4.1). A value
 * that breaks that would corrupt the master, so it is refused up front.
 */
export function assertQuotedStringValue(flag: string, value: string): string {
  if (value === '') throw usageError(`${flag} must not be empty`);
  const bad = /["\u0000-\u001F\u007F-\u009F]/.exec(value);
  if (bad) {
    const shown = bad[0] === '"' ? 'a double quote (")' : `the control character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw usageError(`${flag} must not contain ${shown}: it would break the master playlist's syntax`);
  }
  return value;
}
