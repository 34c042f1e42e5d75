import type { FormatName } from './types.js';

/** How many decoded bytes detection looks at; enough for the first record of every format. */
export const SNIFF_BYTES = 64 * 1024;

/** The formats detection tries, in order, with the trait it looks for (shown when nothing matches). */
export const DETECTION_ORDER: ReadonlyArray<{ format: FormatName; looksFor: string }> = [
  { format: 'ytdlp', looksFor: 'JSON Lines with replayChatItemAction/addChatItemAction' },
  { format: 'chat-downloader', looksFor: 'items with message_type/time_in_seconds' },
  { format: 'native-jsonl', looksFor: 'JSON Lines of messages with offsetMs/sentAt' },
  { format: 'twitchdownloader', looksFor: 'an object with a "comments" array, or an array of comments with content_offset_seconds' },
  { format: 'native', looksFor: 'an object with "messages", or an array of messages with offsetMs/sentAt' },
];

const YTDLP_KEYS = ['replayChatItemAction', 'addChatItemAction', 'addLiveChatTickerItemAction', 'markChatItemAsDeletedAction'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Classifies one record (a JSONL line, or the start of an array's first element) by its keys. */
function classifyRecordKeys(has: (key: string) => boolean): 'ytdlp' | 'chat-downloader' | 'twitch-comment' | 'native-message' | undefined {
  if (YTDLP_KEYS.some(has) || (has('clickTrackingParams') && !has('message_type'))) return 'ytdlp';
  if (has('message_type') || has('time_in_seconds') || has('action_type')) return 'chat-downloader';
  if (has('content_offset_seconds')) return 'twitch-comment';
  if ((has('offsetMs') || has('sentAt')) && has('author')) return 'native-message';
  return undefined;
}

function keyPattern(key: string): RegExp {
  return new RegExp(`"${key}"\\s*:`);
}

/**
 * Recognises an archive from its first bytes (already gunzipped and decoded to UTF-8): JSON Lines
 * by a complete first line, otherwise by the top-level shape and the first keys. Undefined when
 * nothing matches.
 */
export function detectFormat(head: Uint8Array): FormatName | undefined {
  const text = Buffer.from(head.buffer, head.byteOffset, head.length).toString('utf8').replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  const firstLineEnd = trimmed.indexOf('\n');
  const firstLine = firstLineEnd < 0 ? trimmed : trimmed.slice(0, firstLineEnd);
  if (trimmed.startsWith('{')) {
    let first: unknown;
    try {
      first = JSON.parse(firstLine);
    } catch {
      first = undefined;
    }
    if (isRecord(first) && !('comments' in first) && !('messages' in first)) {
      const kind = classifyRecordKeys((key) => key in first);
      if (kind === 'ytdlp') return 'ytdlp';
      if (kind === 'chat-downloader') return 'chat-downloader';
      if (kind === 'native-message') return 'native-jsonl';
    }
    // TwitchDownloader's own root keys come before `comments`, should a long video block push it past the head.
    if (/"comments"\s*:\s*\[/.test(trimmed) || /^\{\s*"(FileInfo|streamer)"\s*:/.test(trimmed)) return 'twitchdownloader';
    if (/"messages"\s*:\s*\[/.test(trimmed) || /^\{\s*"version"\s*:\s*1\b/.test(trimmed)) return 'native';
    return undefined;
  }
  if (trimmed.startsWith('[')) {
    if (/^\[\s*\]\s*$/.test(trimmed)) return 'native';
    // Look only at the first element's opening: keys of later elements must not decide.
    const firstElement = trimmed.slice(0, 4096);
    const kind = classifyRecordKeys((key) => keyPattern(key).test(firstElement));
    if (kind === 'twitch-comment') return 'twitchdownloader';
    if (kind === 'chat-downloader') return 'chat-downloader';
    if (kind === 'native-message') return 'native';
  }
  return undefined;
}
