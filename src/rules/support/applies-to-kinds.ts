import { z } from 'zod';
import { MessageKindSchema, type MessageKind } from '../../ingest/message.js';

/**
 * The `kinds` option several rules share: which message kinds the rule looks at. Messages of other
 * kinds pass through untouched, so e.g. a donation with an emoji-only text is never dropped as spam.
 */
export function appliesToKinds(defaults: MessageKind[]) {
  return z
    .array(MessageKindSchema)
    .min(1)
    .default(defaults)
    .describe(`Message kinds this rule looks at; others pass through (chat, donation, subscription, system).`);
}
