import { z } from 'zod';

/**
 * The fields of a TwitchDownloader comment (TwitchDownloaderCore/TwitchObjects/ChatRoot.cs) that we
 * read; also fits legacy Twitch v5 comment pages (yt-dlp `.rechat.json`) and RechatTool arrays.
 * Only these fields are ever materialized (see json/projection.ts).
 */
export const TwitchCommentSchema = z.object({
  _id: z.string().min(1),
  /** Seconds from the VOD start (whole seconds since Nov 2022, fractional in v5-era files). */
  content_offset_seconds: z.number(),
  /** null for deleted/banned accounts, as Twitch's GQL returns them. */
  commenter: z
    .object({
      display_name: z.string(),
      _id: z.string(),
      name: z.string(),
    })
    .nullable(),
  message: z.object({
    body: z.string(),
    bits_spent: z.number().int().nonnegative().nullish(),
    user_badges: z.array(z.object({ _id: z.string() })).nullish(),
    /** `#RRGGBB`, null, or (hand-edited files) blank. */
    user_color: z.string().nullish(),
    /** Older files only; v5-era files spell the key `msg-id`. */
    user_notice_params: z
      .object({
        msg_id: z.string().nullish(),
        'msg-id': z.string().nullish(),
      })
      .nullish(),
  }),
});
export type TwitchComment = z.infer<typeof TwitchCommentSchema>;

/** `video.start` is where a trimmed download or a clip starts, in VOD seconds. */
export const TwitchVideoSchema = z
  .object({
    start: z.number().nonnegative().nullish(),
  })
  .nullish();
