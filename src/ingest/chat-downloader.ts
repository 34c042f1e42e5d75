import { AuthorInterner, normalizeColor, pushRole } from './author-intern.js';
import { ChatDownloaderItemSchema, type ChatDownloaderItem } from './chat-downloader-schema.js';
import { decodeChatInput } from './decode.js';
import { objectProjection, WHOLE } from './json/projection.js';
import { sniffArrayOrLines, streamRecords, type RecordWhere } from './json/records.js';
import type { ChatMessage, MessageKind } from './message.js';
import { schemaError } from './schema-error.js';
import { wallClockToVideoMs } from './time-base.js';
import { isTimeInRange, timeOutOfRange } from './time-range.js';
import { TWITCH_BADGE_ROLES } from './twitchdownloader.js';
import type { ArchiveReader, IngestStats, ReaderContext } from './types.js';
import { FirstPass, twoPasses, untilError, type SecondPass } from './youtube/two-pass.js';

const KINDS: Readonly<Record<string, MessageKind>> = {
  text_message: 'chat',
  highlighted_message: 'chat',
  paid_message: 'donation',
  paid_sticker: 'donation',
  membership_item: 'subscription',
  sponsorships_gift_purchase_announcement: 'subscription',
  sponsorships_gift_redemption_announcement: 'subscription',
  subscription: 'subscription',
  resubscription: 'subscription',
  subscription_gift: 'subscription',
  mystery_subscription_gift: 'subscription',
  mode_change_message: 'system',
};

const YOUTUBE_ICON_ROLES: Readonly<Record<string, string>> = { owner: 'broadcaster', moderator: 'moderator', verified: 'verified' };

function rolesOf(item: ChatDownloaderItem): string[] {
  const roles: string[] = [];
  for (const badge of item.author?.badges ?? []) {
    if (badge.icon_name) pushRole(roles, YOUTUBE_ICON_ROLES[badge.icon_name] ?? badge.icon_name);
    else if (badge.name) pushRole(roles, TWITCH_BADGE_ROLES[badge.name] ?? badge.name);
    // YouTube member badges are channel images: titled "Member (6 months)" in the viewer's language.
    else if (badge.icons) pushRole(roles, 'member');
  }
  return roles;
}

function textOf(item: ChatDownloaderItem, kind: MessageKind): string {
  const message = item.message ?? '';
  if (kind !== 'subscription') return message;
  return [item.header_primary_text, message].filter(Boolean).join(' · ') || item.header_secondary_text || '';
}

function count(stats: IngestStats, reason: string, n = 1): void {
  if (n > 0) stats.skipped[reason] = (stats.skipped[reason] ?? 0) + n;
}

/** What the first pass reads of an item (in a JSON array; JSON Lines are parsed whole). */
const FIRST_PASS_FIELDS = objectProjection({
  message_type: WHOLE,
  message_id: WHOLE,
  target_message_id: WHOLE,
  time_in_seconds: WHOLE,
  timestamp: WHOLE,
  author: objectProjection({ id: WHOLE }),
});

/**
 * The first pass: deletions, bans, and the ids of messages and tickers, read without validating
 * (the second pass reports what is wrong). An id counts only where toMessage would make a message.
 */
async function firstPass(bytes: AsyncIterable<Uint8Array>, file: string): Promise<SecondPass> {
  const pass = new FirstPass();
  const { lines, stream } = await sniffArrayOrLines(decodeChatInput(bytes, file));
  for await (const event of untilError(streamRecords(stream, { file, arrayKeys: [], itemProjection: FIRST_PASS_FIELDS }, lines))) {
    if (event.kind !== 'records') continue;
    for (const raw of event.values) {
      if (typeof raw !== 'object' || raw === null) continue;
      const item = raw as { message_type?: unknown; message_id?: unknown; target_message_id?: unknown; time_in_seconds?: unknown; timestamp?: unknown; author?: { id?: unknown } };
      const type = item.message_type;
      if (typeof type !== 'string') continue;
      if (type === 'deleted_message' || type === 'delete_message') {
        if (typeof item.target_message_id === 'string' && item.target_message_id) pass.deletions.deleteMessage(item.target_message_id);
        continue;
      }
      if (type === 'ban_user') {
        const author = item.author;
        if (typeof author === 'object' && author !== null && typeof author.id === 'string' && author.id) pass.deletions.deleteAuthor(author.id);
        continue;
      }
      const id = item.message_id;
      if (typeof id !== 'string' || !id || (item.time_in_seconds === undefined && item.timestamp === undefined)) continue;
      if (type.startsWith('ticker_')) pass.ticker(id);
      else if (KINDS[type] !== undefined) pass.item(id);
    }
  }
  return pass.finish();
}

/**
 * xenova/chat-downloader output (`.json` array, or `.jsonl`), YouTube or Twitch. Time =
 * time_in_seconds (negative before the stream), else `timestamp` through the time base. Paid
 * messages are donations; `ticker_*` copies are dropped; `deleted_message`/`ban_user` mark their
 * targets deleted wherever they are in the file. Two passes keep memory flat (see readYtDlp).
 */
export const readChatDownloader: ArchiveReader = async function* (input, ctx: ReaderContext) {
  const authors = new AuthorInterner();
  const { first, second } = await twoPasses(input, ctx);
  const pass = await firstPass(first, ctx.file);
  let tickerDuplicates = 0;
  const { lines, stream } = await sniffArrayOrLines(decodeChatInput(second, ctx.file));

  const toMessage = (item: ChatDownloaderItem, kind: MessageKind, where: RecordWhere): ChatMessage | undefined => {
    if (!item.message_id) {
      count(ctx.stats, 'no message_id');
      return undefined;
    }
    let timeMs: number;
    const field = item.time_in_seconds !== undefined ? 'time_in_seconds' : 'timestamp';
    const position = typeof where === 'string' ? { path: `${where}.${field}` } : { line: where.line, path: field };
    if (item.time_in_seconds !== undefined) timeMs = Math.round(item.time_in_seconds * 1000);
    else if (item.timestamp !== undefined) timeMs = wallClockToVideoMs(item.timestamp / 1000, ctx.timeBase, undefined, ctx.file, position);
    else {
      count(ctx.stats, 'no time');
      return undefined;
    }
    if (!isTimeInRange(timeMs)) throw timeOutOfRange(ctx.file, position, item[field]);
    const author = item.author ?? {};
    const name = author.display_name || author.name || author.id || 'unknown';
    const message: ChatMessage = {
      id: item.message_id,
      timeMs,
      author: authors.author(author.id, name, rolesOf(item), normalizeColor(author.colour)),
      text: textOf(item, kind),
      kind,
      deleted: false,
    };
    const amount = item.money?.text ?? (item.bits ? `${item.bits} bits` : undefined);
    if (kind === 'donation' && amount !== undefined) message.amount = amount;
    return message;
  };

  for await (const event of streamRecords(stream, { file: ctx.file, arrayKeys: [], itemProjection: WHOLE }, lines)) {
    if (event.kind !== 'records') continue;
    event.values.forEach((raw, k) => {
      ctx.stats.records++;
      const parsed = ChatDownloaderItemSchema.safeParse(raw);
      if (!parsed.success) throw schemaError(ctx.file, event.where(k), parsed.error, raw);
      const item = parsed.data;
      const type = item.message_type;
      // Deletions and bans were learnt in the first pass.
      if (type === 'deleted_message' || type === 'delete_message' || type === 'ban_user') return;
      if (type.startsWith('ticker_')) {
        const kind = type.includes('sponsor') ? 'subscription' : 'donation';
        const message = toMessage(item, kind, event.where(k));
        if (message && pass.offerTicker(message) === 'duplicate') tickerDuplicates++;
        return;
      }
      let kind = KINDS[type];
      if (kind === undefined) return count(ctx.stats, type);
      if (kind === 'chat' && item.bits) kind = 'donation';
      const message = toMessage(item, kind, event.where(k));
      if (!message) return;
      if (!pass.claim(message.id)) return count(ctx.stats, 'duplicate id');
      pass.push(message);
    });
    const messages = pass.take();
    if (messages.length) yield messages;
  }
  count(ctx.stats, 'ticker duplicate', tickerDuplicates);
  const rest = pass.rest();
  if (rest.length) yield rest;
};
