import type { z } from 'zod';
import { AuthorInterner, pushRole } from '../author-intern.js';
import type { Author, ChatMessage, MessageKind } from '../message.js';
import { schemaError } from '../schema-error.js';
import {
  GiftPurchaseSchema,
  MembershipSchema,
  PaidMessageSchema,
  PaidStickerSchema,
  SystemMessageSchema,
  TextMessageSchema,
  type Run,
  type Text,
} from './renderer-schema.js';

/** A chat item read from a renderer; the caller sets the time from the action around it. */
export interface RenderedItem {
  message: ChatMessage;
  /** The renderer's path in its line (`…item.liveChatTextMessageRenderer`), for an error about its time. */
  path: string;
  timestampUsec?: string;
  timestampText?: string;
}

export interface RendererContext {
  file: string;
  line: number;
  authors: AuthorInterner;
}

/** YouTube's own link text may be shortened; the redirect's `q` parameter holds the real URL. */
function linkTarget(run: Run): string | undefined {
  const url = run.navigationEndpoint?.urlEndpoint?.url;
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.hostname.endsWith('youtube.com') && parsed.pathname === '/redirect') return parsed.searchParams.get('q') ?? undefined;
  } catch {
    return undefined;
  }
  return undefined;
}

/** Text of runs: emoji runs become the emoji itself, or for channel emoji their `:shortcut:`. */
export function textOf(text: Text | undefined): string {
  if (!text) return '';
  if (text.simpleText !== undefined) return text.simpleText;
  let out = '';
  for (const run of text.runs ?? []) {
    if (run.emoji) {
      const { emojiId = '', shortcuts = [], isCustomEmoji } = run.emoji;
      // Standard emoji use the character itself as their id; channel emoji ids look like `UC…/…`.
      const custom = isCustomEmoji === true || emojiId.includes('/') || emojiId === '';
      out += custom ? (shortcuts[0] ?? '') : emojiId;
    } else if (run.text !== undefined) {
      out += linkTarget(run) ?? run.text;
    }
  }
  return out;
}

const ICON_ROLES: Readonly<Record<string, string>> = { OWNER: 'broadcaster', MODERATOR: 'moderator', VERIFIED: 'verified' };

type Badges = z.infer<typeof TextMessageSchema>['authorBadges'];

/** Badge tooltips are localized, so roles come from the icon type; a custom thumbnail is a member badge. */
function rolesOf(badges: Badges): string[] {
  const roles: string[] = [];
  for (const { liveChatAuthorBadgeRenderer: badge } of badges ?? []) {
    if (!badge) continue;
    if (badge.icon) pushRole(roles, ICON_ROLES[badge.icon.iconType] ?? badge.icon.iconType.toLowerCase());
    else if (badge.customThumbnail !== undefined) pushRole(roles, 'member');
  }
  return roles;
}

function authorOf(ctx: RendererContext, name: string | undefined, channelId: string | undefined, badges: Badges): Author {
  // Names are missing on some items (chat-downloader test "message that has no author name").
  return ctx.authors.author(channelId, name ?? channelId ?? 'unknown', rolesOf(badges), undefined);
}

function parse<S extends z.ZodType>(schema: S, raw: unknown, ctx: RendererContext, path: string): z.infer<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw schemaError(ctx.file, { line: ctx.line, path }, result.error, raw);
  return result.data;
}

function item(id: string, author: Author, text: string, kind: MessageKind, amount?: string): ChatMessage {
  const message: ChatMessage = { id, timeMs: 0, author, text, kind, deleted: false };
  if (amount !== undefined) message.amount = amount;
  return message;
}

/** The renderers readRenderer turns into messages; any other item is skipped (and never claims its id). */
export const MESSAGE_RENDERERS: ReadonlySet<string> = new Set([
  'liveChatTextMessageRenderer',
  'liveChatPaidMessageRenderer',
  'liveChatPaidStickerRenderer',
  'liveChatMembershipItemRenderer',
  'liveChatSponsorshipsGiftRedemptionAnnouncementRenderer',
  'liveChatSponsorshipsGiftPurchaseAnnouncementRenderer',
  'liveChatModeChangeMessageRenderer',
]);

/**
 * Reads one `item` object (`{liveChatTextMessageRenderer: {...}}`) into a message, or names the
 * renderer it skipped: unknown or purely decorative renderers are counted, never fatal, because
 * YouTube keeps adding new ones.
 */
export function readRenderer(itemObject: Record<string, unknown>, ctx: RendererContext, path: string): RenderedItem | { skipped: string } {
  const name = Object.keys(itemObject)[0];
  if (name === undefined) return { skipped: 'empty item' };
  const raw = itemObject[name];
  const at = `${path}.${name}`;
  switch (name) {
    case 'liveChatTextMessageRenderer': {
      const r = parse(TextMessageSchema, raw, ctx, at);
      const author = authorOf(ctx, r.authorName?.simpleText, r.authorExternalChannelId, r.authorBadges);
      return { path: at, message: item(r.id, author, textOf(r.message), 'chat'), timestampUsec: r.timestampUsec, timestampText: r.timestampText?.simpleText };
    }
    case 'liveChatPaidMessageRenderer': {
      const r = parse(PaidMessageSchema, raw, ctx, at);
      const author = authorOf(ctx, r.authorName?.simpleText, r.authorExternalChannelId, r.authorBadges);
      const message = item(r.id, author, textOf(r.message), 'donation', r.purchaseAmountText.simpleText);
      return { path: at, message, timestampUsec: r.timestampUsec, timestampText: r.timestampText?.simpleText };
    }
    case 'liveChatPaidStickerRenderer': {
      const r = parse(PaidStickerSchema, raw, ctx, at);
      const author = authorOf(ctx, r.authorName?.simpleText, r.authorExternalChannelId, r.authorBadges);
      const label = r.sticker?.accessibility?.accessibilityData.label ?? '';
      const message = item(r.id, author, label, 'donation', r.purchaseAmountText.simpleText);
      return { path: at, message, timestampUsec: r.timestampUsec, timestampText: r.timestampText?.simpleText };
    }
    case 'liveChatMembershipItemRenderer':
    case 'liveChatSponsorshipsGiftRedemptionAnnouncementRenderer': {
      const r = parse(MembershipSchema, raw, ctx, at);
      const author = authorOf(ctx, r.authorName?.simpleText, r.authorExternalChannelId, r.authorBadges);
      // Milestones have "Member for 6 months" plus the member's message; new members only a welcome.
      const text = [textOf(r.headerPrimaryText), textOf(r.message)].filter(Boolean).join(' · ') || textOf(r.headerSubtext);
      return { path: at, message: item(r.id, author, text, 'subscription'), timestampUsec: r.timestampUsec, timestampText: r.timestampText?.simpleText };
    }
    case 'liveChatSponsorshipsGiftPurchaseAnnouncementRenderer': {
      const r = parse(GiftPurchaseSchema, raw, ctx, at);
      const header = r.header.liveChatSponsorshipsHeaderRenderer;
      const author = authorOf(ctx, header.authorName?.simpleText, r.authorExternalChannelId, header.authorBadges);
      return { path: at, message: item(r.id, author, textOf(header.primaryText), 'subscription'), timestampUsec: r.timestampUsec };
    }
    case 'liveChatModeChangeMessageRenderer': {
      const r = parse(SystemMessageSchema, raw, ctx, at);
      const text = [textOf(r.text), textOf(r.subtext)].filter(Boolean).join(' · ');
      return { path: at, message: item(r.id, ctx.authors.author(undefined, 'YouTube', [], undefined), text, 'system'), timestampUsec: r.timestampUsec };
    }
    default:
      return { skipped: name };
  }
}
