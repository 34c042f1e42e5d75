import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chatMessages, videoSecondsFor } from './chat-stream.js';
import { createChunkedWriter } from './stream-writer.js';

const BROADCAST_START_MS = Date.parse('2026-11-21T10:00:00.000Z');

/** .NET's System.Text.Json escapes every character outside the BMP as a surrogate pair; so do we. */
function dotnetJson(text) {
  return JSON.stringify(text).replace(/[\uD800-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** One comment as TwitchDownloader 1.4 writes it (chat-formats.md §1.2): about 530 bytes. */
function twitchComment(m, rng) {
  const u = m.user;
  const body = dotnetJson(m.text);
  const badges = u.badges.map(([id, version]) => `{"_id":"${id}","version":"${version}"}`).join(',');
  const createdAt = new Date(BROADCAST_START_MS + m.timeMs + rng).toISOString();
  return (
    `{"_id":"${m.id}","created_at":"${createdAt}","channel_id":"123456789","content_type":"video","content_id":"2401337421",` +
    `"content_offset_seconds":${m.timeMs / 1000},"commenter":{"display_name":${dotnetJson(u.displayName)},"_id":"${u.id}",` +
    `"name":"${u.login}","bio":${u.bio === null ? 'null' : dotnetJson(u.bio)},"created_at":"${u.createdAt}","updated_at":"${u.updatedAt}",` +
    `"logo":${u.logo === null ? 'null' : `"${u.logo}"`}},"message":{"body":${body},"bits_spent":${m.bits},"fragments":[{"text":${body},"emoticon":null}],` +
    `"user_badges":[${badges}],"user_color":${u.color === null ? 'null' : `"${u.color}"`},"emoticons":[]}}`
  );
}

const ROLE_OF_BADGE = { subscriber: 'subscriber', vip: 'vip', moderator: 'moderator' };

/** A channel id (`UC` + 22 characters) and photo URL per user, derived from the Twitch-shaped user. */
const ytChannel = (u) => `UC${u.id.padEnd(22, 'x').slice(0, 22)}`;
const ytPhoto = (u, size) => `https://yt4.ggpht.com/ytc/AIdro_${u.login.padEnd(40, 'q').slice(0, 40)}=s${size}-c-k-c0x00ffffff-no-rj`;

/** A badge as YouTube sends it: moderators get an icon, members a custom thumbnail, both a tooltip. */
function ytBadge(id) {
  if (id === 'moderator') {
    return '{"liveChatAuthorBadgeRenderer": {"icon": {"iconType": "MODERATOR"}, "tooltip": "Moderator", "accessibility": {"accessibilityData": {"label": "Moderator"}}}}';
  }
  const thumb = (size) => `{"url": "https://yt3.ggpht.com/j4boAFELk1ZXVu1MWVmVRHMB_3GOI-7BzoogrDx_pcyg7sk0Y_nkPwzJNoJ4=s${size}-c-k", "width": ${size}, "height": ${size}}`;
  return `{"liveChatAuthorBadgeRenderer": {"customThumbnail": {"thumbnails": [${thumb(16)}, ${thumb(32)}]}, "tooltip": "Member (6 months)", "accessibility": {"accessibilityData": {"label": "Member (6 months)"}}}}`;
}

/**
 * One line of yt-dlp's `.live_chat.json` replay (chat-formats.md §2): the InnerTube action with
 * everything YouTube sends, photos, context-menu params, badges and tracking params, written as
 * Python's json.dumps(ensure_ascii=False) writes it (", " and ": " separators, raw UTF-8). About
 * 1.4 kB a message (the reference sample's lines average 1.5 kB). Bits become Super Chats.
 */
function ytdlpLine(m, rng) {
  const u = m.user;
  const usec = (BROADCAST_START_MS + m.timeMs) * 1000 + rng;
  const badges = u.badges.filter(([id]) => id === 'moderator' || id === 'subscriber').map(([id]) => ytBadge(id));
  const id = `ChwKGkN${m.id.replace(/-/g, '').slice(0, 26)}`;
  const common =
    `"message": {"runs": [{"text": ${JSON.stringify(m.text)}}]}, "authorName": {"simpleText": ${JSON.stringify(`@${u.login}`)}}, ` +
    `"authorPhoto": {"thumbnails": [{"url": "${ytPhoto(u, 32)}", "width": 32, "height": 32}, {"url": "${ytPhoto(u, 64)}", "width": 64, "height": 64}]}, ` +
    `"contextMenuEndpoint": {"commandMetadata": {"webCommandMetadata": {"ignoreNavigation": true}}, "liveChatItemContextMenuEndpoint": {"params": "Q2g0S0hBb2FRMmhwVTA1Rk1YcDJTRXd3VmpGUk1XdE9aVmRTTUVWM0VnQWFLUW9WVlVOeE0yaExNVTA1ZGxRd1lWYzBZbG8xWlRkWmVESlI${id.slice(8, 30)}"}}, ` +
    `"id": "${id}", "timestampUsec": "${usec}", ` +
    (badges.length ? `"authorBadges": [${badges.join(', ')}], ` : '') +
    `"authorExternalChannelId": "${ytChannel(u)}", "contextMenuAccessibility": {"accessibilityData": {"label": "Chat actions"}}`;
  const renderer = m.bits
    ? `"liveChatPaidMessageRenderer": {${common}, "purchaseAmountText": {"simpleText": "₩${m.bits * 10}"}, "headerBackgroundColor": 4278239141, "headerTextColor": 3741319168, "bodyBackgroundColor": 4280150454, "bodyTextColor": 4278190080, "authorNameTextColor": 2315255808, "timestampColor": 2147483648}`
    : `"liveChatTextMessageRenderer": {${common}}`;
  return (
    `{"clickTrackingParams": "CAEQl98BIhMI${id.slice(8, 30)}", "replayChatItemAction": {"actions": [{"clickTrackingParams": "CAEQl98BIhMI${id.slice(8, 30)}", ` +
    `"addChatItemAction": {"item": {${renderer}}, "clientId": "C${id.slice(10, 35)}"}}], "videoOffsetTimeMsec": "${m.timeMs}"}}`
  );
}

/** One message of the native format (README "Archive format"). */
function nativeMessage(m) {
  const u = m.user;
  const roles = u.badges.map(([id]) => ROLE_OF_BADGE[id]).filter(Boolean);
  const color = u.color === null ? '' : `,"color":"${u.color.toLowerCase()}"`;
  return (
    `{"id":"${m.id}","offsetMs":${m.timeMs},"author":{"id":"${u.id}","name":${JSON.stringify(u.displayName)},` +
    `"roles":${JSON.stringify(roles)}${color}},"text":${JSON.stringify(m.text)},"kind":"${m.bits ? 'donation' : 'chat'}"}`
  );
}

function vttTime(ms) {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}

/**
 * Cue ids as chat-replay writes them (`m<startMs>`, `m<startMs>.<n>` for the n-th cue of one
 * millisecond), so that node-webvtt is given, and writes, as many bytes a cue as we do. Until the
 * ninth session they were the message ids (UUIDs, 36 characters), as ours were then.
 */
let lastCueMs = -1;
let sameMs = 0;
function vttCueId(timeMs) {
  if (timeMs !== lastCueMs) {
    lastCueMs = timeMs;
    sameMs = 1;
    return `m${timeMs}`;
  }
  return `m${timeMs}.${++sameMs}`;
}

/** The same chat as one WebVTT file: one cue per message, held 5 s, what node-webvtt is given. */
function vttCue(m) {
  const text = `${m.user.displayName}: ${m.text}`.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `${vttCueId(m.timeMs)}\n${vttTime(m.timeMs)} --> ${vttTime(m.timeMs + 5000)}\n${text}\n\n`;
}

const SHAPES = {
  twitch: {
    ext: 'json',
    head: (n) => {
      const seconds = videoSecondsFor(n);
      return (
        '{"FileInfo":{"Version":{"Major":1,"Minor":4,"Patch":0},"CreatedAt":"2026-11-21T21:11:45.8123456+09:00","UpdatedAt":"0001-01-01T00:00:00"},' +
        '"streamer":{"name":"한결","login":"hangyeol_tv","id":123456789},"clipper":null,' +
        `"video":{"title":"bench broadcast","description":"synthetic","id":"2401337421","created_at":"2026-11-21T10:00:00Z","start":0,"end":${seconds},"length":${seconds},` +
        '"viewCount":1843,"game":"Just Chatting","chapters":[]},"comments":['
      );
    },
    item: (m, i) => twitchComment(m, (i * 7919) % 1000),
    separator: ',',
    tail: '],"embeddedData":null}',
  },
  native: {
    ext: 'json',
    head: () => '{"version":1,"broadcast":{"id":"bench","title":"bench broadcast","startedAt":"2026-11-21T10:00:00Z"},"messages":[',
    item: (m) => nativeMessage(m),
    separator: ',',
    tail: ']}',
  },
  ytdlp: { ext: 'live_chat.json', head: () => '', item: (m, i) => ytdlpLine(m, (i * 7919) % 1000), separator: '\n', tail: '\n' },
  vtt: {
    // Files of the earlier id scheme are not reused.
    version: 2,
    ext: 'vtt',
    head: () => {
      lastCueMs = -1;
      return 'WEBVTT\n\n';
    },
    item: (m) => vttCue(m),
    separator: '',
    tail: '',
  },
};

/**
 * Generates (once; later runs reuse the file) the archive of n messages in the given shape and
 * returns its path and size. Written under a temporary name and renamed, so an interrupted
 * generation is never mistaken for a finished one.
 */
export async function ensureArchive(dataDir, shape, n, seed) {
  const spec = SHAPES[shape];
  const path = join(dataDir, `${shape}${spec.version ? `-v${spec.version}` : ''}-${n}-seed${seed}.${spec.ext}`);
  const meta = `${path}.meta.json`;
  if (existsSync(path) && existsSync(meta)) return { path, ...JSON.parse(readFileSync(meta, 'utf8')) };
  const started = performance.now();
  const writer = createChunkedWriter(`${path}.partial`);
  await writer.write(spec.head(n));
  let i = 0;
  for (const m of chatMessages(n, seed)) {
    await writer.write(i === 0 ? spec.item(m, i) : spec.separator + spec.item(m, i));
    i++;
  }
  await writer.write(spec.tail);
  const bytes = await writer.close();
  renameSync(`${path}.partial`, path);
  const info = { bytes, messages: n, seed, generatedInMs: Math.round(performance.now() - started) };
  writeFileSync(meta, JSON.stringify(info));
  return { path, ...info };
}
