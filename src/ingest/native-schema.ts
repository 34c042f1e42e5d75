import { z } from 'zod';
import { AuthorSchema, MessageKindSchema } from './message.js';

/** ISO-8601 instant with an explicit zone, as `broadcast.startedAt` and `sentAt` require. */
export const IsoInstantSchema = z.iso.datetime({ offset: true, local: false });

/** One message of chat-replay's own archive format (documented in README "Archive format"). */
export const NativeMessageSchema = z
  .object({
    id: z.string().min(1),
    offsetMs: z.number().int().nonnegative().optional(),
    sentAt: IsoInstantSchema.optional(),
    author: AuthorSchema,
    text: z.string(),
    kind: MessageKindSchema.optional(),
    deleted: z.boolean().optional(),
  })
  .refine((m) => (m.offsetMs === undefined) !== (m.sentAt === undefined), {
    message: 'exactly one of offsetMs or sentAt is required',
  });
export type NativeMessage = z.infer<typeof NativeMessageSchema>;

export const NativeBroadcastSchema = z.object({
  id: z.string().optional(),
  title: z.string().optional(),
  startedAt: IsoInstantSchema.optional(),
});

export const NativeArchiveSchema = z.object({
  version: z.literal(1),
  broadcast: NativeBroadcastSchema.optional(),
  messages: z.array(z.unknown()),
});
