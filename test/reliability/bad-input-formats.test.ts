/**
 * The bad-input promise for the other archive formats (TwitchDownloader, yt-dlp, chat-downloader)
 * and for bytes that are not the text they claim: exit 1, one stderr line naming the file and the
 * position, nothing written — on a fresh VOD and over an earlier rendition.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { SAMPLE_CHAT } from '../support/cli.js';
import { FIXTURES } from '../ingest/helpers.js';
import { atPath, escapeRegExp, expectRejected, STATES, useCaseTemplates } from './matrix.js';

const twitch = JSON.parse(readFileSync(join(FIXTURES, 'twitchdownloader.json'), 'utf8')) as { video: { start: number }; comments: Record<string, unknown>[] };
const chatDownloader = JSON.parse(readFileSync(join(FIXTURES, 'chat-downloader.json'), 'utf8')) as Record<string, unknown>[];
const ytdlpLines = readFileSync(join(FIXTURES, 'ytdlp.live_chat.json'), 'utf8').split('\n');

function twitchWith(edit: (doc: typeof twitch) => void): string {
  const doc = structuredClone(twitch);
  edit(doc);
  return JSON.stringify(doc);
}

/** The first text message of the chat-downloader sample, with `time_in_seconds` replaced. */
function chatDownloaderWithTime(time: number): { text: string; index: number } {
  const items = structuredClone(chatDownloader);
  const index = items.findIndex((item) => item.message_type === 'text_message' && item.time_in_seconds !== undefined);
  items[index]!.time_in_seconds = time;
  return { text: JSON.stringify(items), index };
}

/** The yt-dlp sample with the first replay line's `videoOffsetTimeMsec` replaced by `offset` (raw JSON). */
function ytdlpWithOffset(offset: string): { text: string; line: number } {
  const lines = [...ytdlpLines];
  const k = lines.findIndex((l) => /"videoOffsetTimeMsec": "\d+"/.test(l) && l.includes('addChatItemAction'));
  lines[k] = lines[k]!.replace(/"videoOffsetTimeMsec": "\d+"/, `"videoOffsetTimeMsec": ${offset}`);
  return { text: lines.join('\n'), line: k + 1 };
}

/** `file:LINE: path: ` — a JSON Lines record's line and the field's path inside it. */
const atLinePath = (file: string, line: number, path: string) => new RegExp(`${escapeRegExp(file)}:${line}: ${escapeRegExp(path)}(?=: )`);

interface BadArchive {
  name: string;
  fileName: string;
  text: string | Buffer;
  position: (file: string) => RegExp;
}

const cd = chatDownloaderWithTime(1e308);
const ytNines = ytdlpWithOffset(`"${'9'.repeat(400)}"`);
const ytHuge = ytdlpWithOffset(`"${'9'.repeat(17)}"`);

const BAD_ARCHIVES: BadArchive[] = [
  // Found by an audit: each of these computed an Infinity (or a time past 2^53 ms), which the
  // time-order merge never released; the run hung for 120 s and failed with the watchdog's exit 3.
  { name: 'TwitchDownloader content_offset_seconds 1e308 (× 1000 = Infinity)', fileName: 'td.json', text: twitchWith((d) => void (d.comments[3]!.content_offset_seconds = 1e308)), position: (f) => atPath(f, 'comments[3].content_offset_seconds') },
  { name: 'TwitchDownloader content_offset_seconds past 2^53 ms', fileName: 'td.json', text: twitchWith((d) => void (d.comments[5]!.content_offset_seconds = 1e13)), position: (f) => atPath(f, 'comments[5].content_offset_seconds') },
  { name: 'TwitchDownloader video.start 1e308', fileName: 'td.json', text: twitchWith((d) => void (d.video.start = 1e308)), position: (f) => atPath(f, 'video.start') },
  { name: 'chat-downloader time_in_seconds 1e308', fileName: 'cd.json', text: cd.text, position: (f) => atPath(f, `[${cd.index}].time_in_seconds`) },
  { name: 'yt-dlp videoOffsetTimeMsec of 400 nines', fileName: 'yt.live_chat.json', text: ytNines.text, position: (f) => atLinePath(f, ytNines.line, 'replayChatItemAction.videoOffsetTimeMsec') },
  { name: 'yt-dlp videoOffsetTimeMsec past 2^53', fileName: 'yt.live_chat.json', text: ytHuge.text, position: (f) => atLinePath(f, ytHuge.line, 'replayChatItemAction.videoOffsetTimeMsec') },
];

const newCase = useCaseTemplates();

describe.each(STATES)('a malformed archive of another format on a %s VOD: exit 1, one line with the position, nothing written', (state) => {
  it.each(BAD_ARCHIVES)('$name', async ({ fileName, text, position }) => {
    const { dir, master } = newCase(state);
    const chat = join(dir, fileName);
    writeFileSync(chat, text);
    await expectRejected(dir, ['--chat', chat, '--master', master], { code: 1, file: chat, position: position(chat) });
  });
});

/** A sample of one format read as another: `--chat FILE:format=NAME`, or `--format NAME`. */
interface ForcedFormat {
  name: string;
  fileName: string;
  text: string;
  args: (chat: string) => string[];
  /** What the error must say the file looks like. */
  looksLike: string;
  position: (file: string) => RegExp;
}

const twitchText = readFileSync(join(FIXTURES, 'twitchdownloader.json'), 'utf8');
const oneNativeLine = `${JSON.stringify({ id: 'm1', offsetMs: 500, author: { name: '한결' }, text: '안녕하세요' })}\n`;
const chatDownloaderLines = chatDownloader.map((item) => JSON.stringify(item)).join('\n');

const FORCED: ForcedFormat[] = [
  // Found by an audit: each packaged "0 messages" with exit 0, rewriting every segment of a good
  // rendition header-only.
  { name: 'a TwitchDownloader archive as ytdlp (:format=)', fileName: 'td.json', text: twitchText, args: (c) => ['--chat', `${c}:format=ytdlp`], looksLike: 'twitchdownloader', position: (f) => new RegExp(`${escapeRegExp(f)}:1: not a yt-dlp live chat`) },
  { name: 'a one-line native JSONL file with --format ytdlp', fileName: 'one.jsonl', text: oneNativeLine, args: (c) => ['--chat', c, '--format', 'ytdlp'], looksLike: 'native-jsonl', position: (f) => new RegExp(`${escapeRegExp(f)}:1: not a yt-dlp live chat`) },
  { name: 'chat-downloader JSON Lines as ytdlp', fileName: 'cd.jsonl', text: chatDownloaderLines, args: (c) => ['--chat', `${c}:format=ytdlp`], looksLike: 'chat-downloader', position: (f) => new RegExp(`${escapeRegExp(f)}:1: not a yt-dlp live chat`) },
  { name: 'a TwitchDownloader archive as native', fileName: 'td.json', text: twitchText, args: (c) => ['--chat', `${c}:format=native`], looksLike: 'twitchdownloader', position: (f) => atPath(f, 'messages') },
];

describe.each(STATES)('a forced format that does not fit, on a %s VOD: exit 1 saying what the file looks like, nothing written', (state) => {
  it.each(FORCED)('$name', async ({ fileName, text, args, looksLike, position }) => {
    const { dir, master } = newCase(state);
    const chat = join(dir, fileName);
    writeFileSync(chat, text);
    const line = await expectRejected(dir, [...args(chat), '--master', master], { code: 1, file: chat, position: position(chat) });
    expect(line).toContain(`it looks like ${looksLike}: name that format, or give none to have it detected`);
  });
});

// Found by an audit: decoded with U+FFFD for every byte that is not UTF-8, a Korean Windows
// (CP949) save of the sample packaged as mojibake with exit 0.
describe.each(STATES)('an archive that is not UTF-8 on a %s VOD: exit 1 at the first bad byte, nothing written', (state) => {
  const cp949 = Buffer.from(new TextEncoder().encode(readFileSync(SAMPLE_CHAT, 'utf8')).map((b) => (b >= 0x80 ? 0xc7 : b)));
  it.each([
    ['a CP949-like save', cp949],
    ['gzip of it', gzipSync(cp949)],
  ])('%s', async (_name, bytes) => {
    const { dir, master } = newCase(state);
    const chat = join(dir, 'cp949.json');
    writeFileSync(chat, bytes);
    const line = await expectRejected(dir, ['--chat', chat, '--master', master], { code: 1, file: chat, position: new RegExp(`${escapeRegExp(chat)}:5:13: `) });
    expect(line).toContain('not UTF-8 text: invalid byte 0xc7 at byte 67; re-save the file as UTF-8');
  });
});

// Found by an audit. A small file that is not JSON was said to end too soon ("the file ends at
// byte 9 before its JSON is complete (truncated?)"), while the error is at 1:2; an odd-length
// UTF-16 file's error had no position at all.
describe.each(STATES)('where a small broken file goes wrong, on a %s VOD', (state) => {
  it.each([
    ['not JSON after its bracket', 'g.json', '[garbage\n', ':1:2: invalid JSON at byte 1: '],
    ['a Python repr dump', 'repr.json', "[{'id': 1, 'text': 'hi'}]", ":1:3: invalid JSON at byte 2: expected a property name but found '''"],
    ['JSON Lines broken on line 2', 'lines.jsonl', '{"a":1}\n{"b" 2}\n{"c":3}\n', ":2:6: invalid JSON at byte 13: expected ':' but found '2'"],
    ['data after a complete value', 'after.json', '{"x": 1} garbage', ':1:10: invalid JSON at byte 9: unexpected data after the JSON value'],
    ['truncated, as before', 'cut.json', '[{"a":1},\n{"b":', ': the file ends at byte 15 before its JSON is complete (truncated?)'],
    ['truncated JSON Lines, as before', 'cut.jsonl', '{"a":1}\n{"b":2\n', ': the file ends at byte 15 before its JSON is complete (truncated?)'],
    ['odd-length UTF-16', 'odd16.json', Buffer.concat([Buffer.from('\ufeff[\n{"a":1}', 'utf16le'), Buffer.from([0x7d])]), ':2:8: UTF-16 text ends in the middle of a character: byte 20 of the file'],
  ])('%s', async (_name, fileName, text, where) => {
    const { dir, master } = newCase(state);
    const chat = join(dir, fileName);
    writeFileSync(chat, text);
    const line = await expectRejected(dir, ['--chat', chat, '--master', master], { code: 1, file: chat });
    expect(line).toContain(`${chat}${where}`);
  });
});
