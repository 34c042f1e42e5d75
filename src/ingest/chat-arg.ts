import { usageError } from '../errors.js';
import { isTimeInRange, TIME_RANGE_RULE } from './time-range.js';
import { FORMAT_NAMES, type ChatSource, type FormatName } from './types.js';

const KEYS = ['offset', 'label', 'format'] as const;
type Key = (typeof KEYS)[number];
// A value with a path separator is part of a path (`dir:offset=1/chat.json`), not an option.
const OPTION = /^(offset|label|format)=([^/\\]*)$/s;
const SECONDS = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** The syntax, for help texts and error messages. */
export const CHAT_ARG_SYNTAX = 'FILE[:offset=SECONDS][:label=TEXT][:format=NAME]';

/**
 * Parses one `--chat` value: `file[:offset=-2.5][:label=YT][:format=ytdlp]`, options in any order.
 * Only trailing `:key=value` parts with a known key are options, so a path that itself contains
 * ':' (`C:\chat.json`, `stream:1.json`) stays intact. A label therefore cannot contain ':', '/' or '\'.
 */
export function parseChatArg(arg: string): ChatSource {
  const options: Partial<Record<Key, string>> = {};
  let file = arg;
  for (;;) {
    const colon = file.lastIndexOf(':');
    if (colon < 0) break;
    const match = OPTION.exec(file.slice(colon + 1));
    if (!match) break;
    const key = match[1] as Key;
    if (options[key] !== undefined) throw usageError(`--chat ${arg}: ${key} is given twice`);
    options[key] = match[2]!;
    file = file.slice(0, colon);
  }
  if (file === '') throw usageError(`--chat ${arg}: no file given (expected ${CHAT_ARG_SYNTAX})`);
  const source: ChatSource = { file, offsetMs: 0 };
  if (options.offset !== undefined) {
    if (!SECONDS.test(options.offset)) throw usageError(`--chat ${arg}: offset must be a number of seconds, like offset=-2.5 (got "${options.offset}")`);
    source.offsetMs = Math.round(Number(options.offset) * 1000) + 0; // + 0: no -0 for "offset=-0"
    // 400 digits are Infinity: every message of the source would be out of time's range.
    if (!isTimeInRange(source.offsetMs)) throw usageError(`--chat ${arg}: offset is out of range (${TIME_RANGE_RULE})`);
  }
  if (options.label !== undefined) {
    if (options.label.trim() === '') throw usageError(`--chat ${arg}: label must not be empty`);
    source.label = options.label;
  }
  if (options.format !== undefined) {
    if (!(FORMAT_NAMES as readonly string[]).includes(options.format)) {
      throw usageError(`--chat ${arg}: unknown format "${options.format}" (formats: ${FORMAT_NAMES.join(', ')})`);
    }
    source.format = options.format as FormatName;
  }
  return source;
}
