import { AuthorInterner, normalizeColor, pushRole } from './author-intern.js';
import { ChatDownloaderItemSchema, type ChatDownloaderItem } from './chat-downloader-schema.js';
import { decodeChatInput } from './decode.js';
import { WHOLE } from './json/projection.js';
import { sniffArrayOrLines, streamRecords, type RecordWhere } from './json/records.js';
import type { ChatMessage, MessageKind } from './message.js';
import { schemaError } from './schema-error.js';
import { wallClockToVideoMs } from './time-base.js';
import { TWITCH_BADGE_ROLES } from './twitchdownloader.js';
import type { ArchiveReader, IngestStats, ReaderContext } from './types.js';
import { FirstById, YouTubeDeletions } from './youtube/deletions.js';

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

/**
 * xenova/chat-downloader output (`.json` array, or `.jsonl`), YouTube or Twitch. Time =
 * time_in_seconds (negative before the stream), else `timestamp` through the time base. Paid
 * messages are donations; `ticker_*` copies are dropped; `deleted_message`/`ban_user` mark their
 * targets deleted wherever they are in the file.
 */
export const readChatDownloader: ArchiveReader = async function* (input, ctx: ReaderContext) {
  const authors = new AuthorInterner();
  const deletions = new YouTubeDeletions();
  const firstById = new FirstById();
  const messages: ChatMessage[] = [];
  const { lines, stream } = await sniffArrayOrLines(decodeChatInput(input, ctx.file));

  const toMessage = (item: ChatDownloaderItem, kind: MessageKind, where: RecordWhere): ChatMessage | undefined => {
    if (!item.message_id) {
      count(ctx.stats, 'no message_id');
      return undefined;
    }
    let timeMs: number;
    if (item.time_in_seconds !== undefined) timeMs = Math.round(item.time_in_seconds * 1000);
    else if (item.timestamp !== undefined) {
      const position = typeof where === 'string' ? { path: `${where}.timestamp` } : { line: where.line, path: 'timestamp' };
      timeMs = wallClockToVideoMs(item.timestamp / 1000, ctx.timeBase, undefined, ctx.file, position);
    } else {
      count(ctx.stats, 'no time');
      return undefined;
    }
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
      if (type === 'deleted_message' || type === 'delete_message') {
        if (item.target_message_id) deletions.deleteMessage(item.target_message_id);
        return;
      }
      if (type === 'ban_user') {
        if (item.author?.id) deletions.deleteAuthor(item.author.id);
        return;
      }
      if (type.startsWith('ticker_')) {
        const kind = type.includes('sponsor') ? 'subscription' : 'donation';
        const message = toMessage(item, kind, event.where(k));
        if (message) firstById.offerTicker(message);
        return;
      }
      let kind = KINDS[type];
      if (kind === undefined) return count(ctx.stats, type);
      if (kind === 'chat' && item.bits) kind = 'donation';
      const message = toMessage(item, kind, event.where(k));
      if (!message) return;
      if (!firstById.claim(message.id)) return count(ctx.stats, 'duplicate id');
      messages.push(message);
    });
  }
  for (const orphan of firstById.orphanTickers()) messages.push(orphan);
  count(ctx.stats, 'ticker duplicate', firstById.duplicateTickers);
  deletions.applyTo(messages);
  if (messages.length) yield messages;
};
