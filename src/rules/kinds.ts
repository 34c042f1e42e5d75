import { z } from 'zod';
import { MessageKindSchema } from '../ingest/message.js';
import { defineRule } from './types.js';

export default defineRule({
  name: 'kinds',
  description: 'Keep only messages of the listed kinds (chat, donation, subscription, system).',
  options: z
    .object({
      keep: z.array(MessageKindSchema).min(1).describe('Kinds to keep; every other kind is dropped.'),
    })
    .strict(),
  *apply(messages, o, report) {
    for (const m of messages) {
      if (o.keep.includes(m.kind)) yield m;
      else report.dropped++;
    }
  },
});
