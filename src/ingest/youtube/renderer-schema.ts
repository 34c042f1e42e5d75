import { z } from 'zod';

/**
 * The fields of YouTube InnerTube live-chat renderers that we read (chat-formats.md §2.2). Every
 * other field (photos, context menus, tracking params, colours) is ignored.
 */

export const RunSchema = z.object({
  text: z.string().optional(),
  emoji: z
    .object({
      emojiId: z.string().optional(),
      shortcuts: z.array(z.string()).optional(),
      isCustomEmoji: z.boolean().optional(),
    })
    .optional(),
  navigationEndpoint: z
    .object({
      urlEndpoint: z.object({ url: z.string() }).optional(),
    })
    .optional(),
});
export type Run = z.infer<typeof RunSchema>;

export const TextSchema = z.object({
  runs: z.array(RunSchema).optional(),
  simpleText: z.string().optional(),
});
export type Text = z.infer<typeof TextSchema>;

/** Optional renderer: a badge of some future kind is ignored rather than fatal. */
export const BadgeSchema = z.object({
  liveChatAuthorBadgeRenderer: z
    .object({
      icon: z.object({ iconType: z.string() }).optional(),
      customThumbnail: z.unknown().optional(),
    })
    .optional(),
});

const author = {
  id: z.string().min(1),
  timestampUsec: z.string().regex(/^\d+$/).optional(),
  authorName: z.object({ simpleText: z.string() }).optional(),
  authorExternalChannelId: z.string().optional(),
  authorBadges: z.array(BadgeSchema).optional(),
  /** `m:ss` / `h:mm:ss`, negative (`-0:12`) for messages sent before the stream started. */
  timestampText: z.object({ simpleText: z.string() }).optional(),
};

export const TextMessageSchema = z.object({ ...author, message: TextSchema.optional() });

export const PaidMessageSchema = z.object({
  ...author,
  message: TextSchema.optional(),
  purchaseAmountText: z.object({ simpleText: z.string() }),
});

export const PaidStickerSchema = z.object({
  ...author,
  purchaseAmountText: z.object({ simpleText: z.string() }),
  sticker: z
    .object({
      accessibility: z.object({ accessibilityData: z.object({ label: z.string() }) }).optional(),
    })
    .optional(),
});

export const MembershipSchema = z.object({
  ...author,
  headerPrimaryText: TextSchema.optional(),
  headerSubtext: TextSchema.optional(),
  message: TextSchema.optional(),
});

export const GiftPurchaseSchema = z.object({
  id: z.string().min(1),
  timestampUsec: z.string().regex(/^\d+$/).optional(),
  authorExternalChannelId: z.string().optional(),
  header: z.object({
    liveChatSponsorshipsHeaderRenderer: z.object({
      authorName: z.object({ simpleText: z.string() }).optional(),
      authorBadges: z.array(BadgeSchema).optional(),
      primaryText: TextSchema.optional(),
    }),
  }),
});

export const SystemMessageSchema = z.object({
  id: z.string().min(1),
  timestampUsec: z.string().regex(/^\d+$/).optional(),
  text: TextSchema.optional(),
  subtext: TextSchema.optional(),
});
