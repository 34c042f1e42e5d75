import { z } from 'zod';

/**
 * The one normalized message every reader produces and every later stage consumes.
 * `timeMs` is milliseconds from the start of the video (the first frame of the VOD);
 * it may be negative for messages sent before the video starts (pre-roll), which the
 * pipeline drops or clamps.
 */
export const MessageKindSchema = z.enum(['chat', 'donation', 'subscription', 'system']);
export type MessageKind = z.infer<typeof MessageKindSchema>;

export const AuthorSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  roles: z.array(z.string()).default([]),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
});
export type Author = z.infer<typeof AuthorSchema>;

export const ChatMessageSchema = z.object({
  id: z.string().min(1),
  timeMs: z.number().int(),
  author: AuthorSchema,
  text: z.string(),
  kind: MessageKindSchema.default('chat'),
  deleted: z.boolean().default(false),
  /** Label of the source archive (`--chat file:label=YT`), shown by the `label` option of cues. */
  source: z.string().optional(),
  /** Donation amount as the platform shows it (`$5.00`, `100 bits`), when known. */
  amount: z.string().optional(),
  /** WebVTT class names added by rules (e.g. `highlight`): the cue wraps its text in `<c.a.b>`. */
  classes: z.array(z.string().regex(/^[^\s.&<>]+$/)).optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** Sorts by time, stably: messages with the same time keep their archive order. */
export function sortMessagesByTime(messages: ChatMessage[]): ChatMessage[] {
  // Array.prototype.sort is stable since ES2019.
  return messages.sort((a, b) => a.timeMs - b.timeMs);
}
