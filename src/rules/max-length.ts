import { z } from 'zod';
import { countGraphemes, takeGraphemes } from './support/graphemes.js';
import { defineRule } from './types.js';

export default defineRule({
  name: 'max-length',
  description: 'Truncate long messages on a character (grapheme) boundary and append an ellipsis.',
  options: z
    .object({
      chars: z
        .number()
        .int()
        .min(2)
        .describe('Longest text kept, in characters as a reader counts them (graphemes), ellipsis included.'),
      ellipsis: z.string().max(8).default('…').describe('Appended to a truncated text.'),
    })
    .strict(),
  *apply(messages, o, report) {
    const ellipsisLength = countGraphemes(o.ellipsis);
    // Keep at least one grapheme of the text even with a long custom ellipsis.
    const keep = Math.max(1, o.chars - ellipsisLength);
    for (const m of messages) {
      // UTF-16 length bounds the grapheme count: short texts skip segmenting entirely.
      if (m.text.length <= o.chars || countGraphemes(m.text, o.chars + 1) <= o.chars) {
        yield m;
        continue;
      }
      report.edited++;
      yield { ...m, text: takeGraphemes(m.text, keep).trimEnd() + o.ellipsis };
    }
  },
});
