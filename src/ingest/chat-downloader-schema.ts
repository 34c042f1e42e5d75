import { z } from 'zod';

/**
 * The fields of a xenova/chat-downloader item (docs/items.rst) that we read, for its YouTube and
 * Twitch output alike.
 */
export const ChatDownloaderBadgeSchema = z.object({
  /** YouTube: `owner`, `moderator`, `verified`; absent on member badges, which have `icons`. */
  icon_name: z.string().optional(),
  /** Twitch: the badge set id (`subscriber`, `moderator`, …). */
  name: z.string().optional(),
  icons: z.array(z.unknown()).optional(),
});

export const ChatDownloaderItemSchema = z.object({
  message_id: z.string().optional(),
  message_type: z.string(),
  message: z.string().nullish(),
  /** Seconds from the video start; negative for messages sent before the stream started. */
  time_in_seconds: z.number().optional(),
  /** Microseconds since the epoch. */
  timestamp: z.number().optional(),
  author: z
    .object({
      id: z.string().optional(),
      name: z.string().optional(),
      display_name: z.string().optional(),
      colour: z.string().optional(),
      badges: z.array(ChatDownloaderBadgeSchema).optional(),
    })
    .optional(),
  money: z.object({ text: z.string().optional() }).optional(),
  target_message_id: z.string().optional(),
  header_primary_text: z.string().optional(),
  header_secondary_text: z.string().optional(),
  /** Twitch live (IRC) captures only. */
  bits: z.number().optional(),
});
export type ChatDownloaderItem = z.infer<typeof ChatDownloaderItemSchema>;
