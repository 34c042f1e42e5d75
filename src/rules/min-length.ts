import { z } from 'zod';
import { countGraphemes } from './support/graphemes.js';
import { appliesToKinds } from './support/applies-to-kinds.js';
import { defineRule } from './types.js';

export default defineRule({
  name: 'min-length',
  description: 'Drop messages shorter than a number of characters (graphemes), ignoring surrounding spaces.',
  options: z
    .object({
      chars: z.number().int().min(1).describe('Fewest characters (graphemes) a kept message has; 1 drops empty messages.'),
      kinds: appliesToKinds(['chat']),
    })
    .strict(),
  *apply(messages, o, report) {
    for (const m of messages) {
      if (o.kinds.includes(m.kind) && countGraphemes(m.text.trim(), o.chars) < o.chars) report.dropped++;
      else yield m;
    }
  },
});
