import { AuthorInterner, normalizeColor, pushRole } from './author-intern.js';
import { decodeChatInput } from './decode.js';
import { FormatMismatch } from './format-mismatch.js';
import { itemPath, streamJsonDocument } from './json/document-stream.js';
import { compileSafeParse } from './json/fast-check.js';
import { projectionFromSchema } from './json/projection.js';
import type { ChatMessage, MessageKind } from './message.js';
import { schemaError } from './schema-error.js';
import { isTimeInRange, timeOutOfRange } from './time-range.js';
import { TwitchCommentSchema, TwitchVideoSchema, type TwitchComment } from './twitchdownloader-schema.js';
import type { ArchiveReader, IngestStats, ReaderContext } from './types.js';
import { readArrayInParallel } from './parallel/parallel-array.js';

const COMMENT_PROJECTION = projectionFromSchema(TwitchCommentSchema);
const VIDEO_PROJECTION = projectionFromSchema(TwitchVideoSchema);
const parseComment = compileSafeParse(TwitchCommentSchema);

/** Twitch badge set ids → our roles (TwitchDownloader ChatBadge.cs); other badge ids are kept as-is. */
export const TWITCH_BADGE_ROLES: Readonly<Record<string, string>> = {
  broadcaster: 'broadcaster',
  moderator: 'moderator',
  vip: 'vip',
  subscriber: 'subscriber',
  founder: 'subscriber',
  partner: 'verified',
  staff: 'staff',
  admin: 'staff',
  global_mod: 'staff',
};

/** user_notice_params ids that announce a subscription (older files only). */
const SUB_NOTICES = new Set(['sub', 'resub', 'subgift', 'anonsubgift', 'submysterygift', 'giftpaidupgrade', 'anongiftpaidupgrade', 'primepaidupgrade', 'extendsub']);

/**
 * Modern files carry subscription notices as plain body text, starting with the subscriber's name
 * (TwitchDownloaderCore/Tools/HighlightIcons.cs classifies them the same way).
 */
const SUB_TEXT = /^(subscribed (at Tier \d|with Prime)|is gifting \d+ Tier \d|gifted a Tier \d|is continuing the Gift Sub|converted from a Prime sub|is paying forward)/;

function classify(comment: TwitchComment, name: string, login: string): { kind: MessageKind; amount?: string } {
  const bits = comment.message.bits_spent ?? 0;
  if (bits > 0) return { kind: 'donation', amount: `${bits} bits` };
  const notice = comment.message.user_notice_params;
  const noticeId = notice?.msg_id ?? notice?.['msg-id'];
  if (noticeId && SUB_NOTICES.has(noticeId)) return SUBSCRIPTION;
  const body = comment.message.body;
  if (isSubscriptionText(body, name) || isSubscriptionText(body, login)) return SUBSCRIPTION;
  return CHAT;
}

const CHAT = { kind: 'chat' } as const;
const SUBSCRIPTION = { kind: 'subscription' } as const;

/** `body` is `<who> subscribed at Tier 1…`: tested without building `who + ' '` for every comment. */
function isSubscriptionText(body: string, who: string): boolean {
  return body.charCodeAt(who.length) === 0x20 && body.startsWith(who) && SUB_TEXT.test(body.slice(who.length + 1));
}

function rolesOf(comment: TwitchComment): string[] {
  const roles: string[] = [];
  for (const badge of comment.message.user_badges ?? []) pushRole(roles, TWITCH_BADGE_ROLES[badge._id] ?? badge._id);
  return roles;
}

/**
 * Turns TwitchDownloader comments into messages: validates each (the error names `key[index]`),
 * counts it, and skips (and counts) those without a commenter. Time is relative to `startSeconds`
 * (video.start), given per call since a file may name it only after its comments.
 */
export function twitchCommentConverter(file: string, key: string | null, stats: IngestStats, authors = new AuthorInterner()) {
  return (raw: unknown, index: number, startSeconds: number): ChatMessage | undefined => {
    stats.records++;
    const parsed = parseComment(raw);
    if (!parsed.success) throw schemaError(file, itemPath(key, index), parsed.error, raw);
    const comment = parsed.data;
    const timeMs = Math.round((comment.content_offset_seconds - startSeconds) * 1000);
    if (!isTimeInRange(timeMs)) throw timeOutOfRange(file, { path: `${itemPath(key, index)}.content_offset_seconds` }, comment.content_offset_seconds);
    const commenter = comment.commenter;
    if (commenter === null) {
      stats.skipped['commenter: null'] = (stats.skipped['commenter: null'] ?? 0) + 1;
      return undefined;
    }
    const name = commenter.display_name.trim() || commenter.name;
    const { kind, amount } = classify(comment, name, commenter.name);
    const message: ChatMessage = {
      id: comment._id,
      timeMs,
      author: authors.author(commenter._id, name, rolesOf(comment), normalizeColor(comment.message.user_color)),
      text: comment.message.body,
      kind,
      deleted: false,
    };
    if (amount !== undefined) message.amount = amount;
    return message;
  };
}

/** What a block worker needs to convert comments the way this reader does (see parallel/record-readers.ts). */
export const TWITCH_RECORDS = {
  projection: COMMENT_PROJECTION,
  isRecord: (raw: unknown) => parseComment(raw).success,
};

/**
 * TwitchDownloader chat JSON (`chatdownload -o chat.json`), also legacy v5 comment pages and bare
 * comment arrays. Time = content_offset_seconds − video.start (trimmed downloads and clips keep
 * VOD-relative offsets). Comments without a commenter are skipped and counted. A large file's
 * comments are read on two threads (parallel/parallel-array.ts) once `video` is known, when
 * read-sources grants random access (a plain UTF-8 file, and a core to spare).
 */
export const readTwitchDownloader: ArchiveReader = async function* (input, ctx: ReaderContext) {
  let startSeconds = 0;
  let videoSeen = false;
  // TwitchDownloader writes `video` before `comments`; should a file have it after, hold the
  // messages until the end so the start can still be applied.
  let held: ChatMessage[] | undefined;
  let rootType: 'object' | 'array' | undefined;
  let commentsSeen = false;
  const converters = new Map<string | null, ReturnType<typeof twitchCommentConverter>>();
  const authors = new AuthorInterner();
  const converterFor = (key: string | null) => {
    let converter = converters.get(key);
    if (converter === undefined) converters.set(key, (converter = twitchCommentConverter(ctx.file, key, ctx.stats, authors)));
    return converter;
  };
  const events = streamJsonDocument(decodeChatInput(input, ctx.file), {
    file: ctx.file,
    arrayKeys: ['comments'],
    itemProjection: COMMENT_PROJECTION,
    members: { video: VIDEO_PROJECTION },
    delegateArray: (key, start) => {
      if (!videoSeen || ctx.randomAccess === undefined) return undefined;
      const convert = converterFor(key);
      return readArrayInParallel(start, {
        text: ctx.randomAccess,
        spec: { key, file: ctx.file, projection: COMMENT_PROJECTION },
        convert: (raw, index) => convert(raw, index, startSeconds),
        helper: { format: 'twitchdownloader', startSeconds },
        stats: ctx.stats,
      });
    },
  });
  for await (const event of events) {
    if (event.kind === 'member') {
      const video = TwitchVideoSchema.safeParse(event.value);
      if (!video.success) throw schemaError(ctx.file, 'video', video.error, event.value);
      startSeconds = video.data?.start ?? 0;
      if (!isTimeInRange(startSeconds * 1000)) throw timeOutOfRange(ctx.file, { path: 'video.start' }, startSeconds);
      videoSeen = true;
      if (held) for (const message of held) message.timeMs -= Math.round(startSeconds * 1000);
      continue;
    }
    if (event.kind === 'root') {
      rootType = event.type;
      if (event.type === 'array') videoSeen = true; // a bare comment array has no video block
      continue;
    }
    if (event.kind === 'array') {
      commentsSeen = true;
      continue;
    }
    if (event.kind === 'delegated') {
      yield* event.batches as AsyncIterable<ChatMessage[]>;
      continue;
    }
    const batch: ChatMessage[] = [];
    const convert = converterFor(event.key);
    for (let k = 0; k < event.items.length; k++) {
      const message = convert(event.items[k], event.firstIndex + k, startSeconds);
      if (message !== undefined) batch.push(message);
    }
    if (videoSeen) {
      if (batch.length) yield batch;
    } else (held ??= []).push(...batch);
  }
  if (rootType === 'object' && !commentsSeen) {
    throw new FormatMismatch('twitchdownloader', 'missing "comments": a TwitchDownloader archive has a "comments" array', ctx.file, { path: 'comments' });
  }
  if (held?.length) yield held;
};
