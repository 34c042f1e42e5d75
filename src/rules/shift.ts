import { z } from 'zod';
import { defineRule } from './types.js';

export default defineRule({
  name: 'shift',
  description: 'Move every message by a constant number of ms to correct an offset (negative = earlier).',
  options: z
    .object({
      ms: z.number().int().describe('Added to every message time; a constant shift keeps the time order.'),
    })
    .strict(),
  *apply(messages, o, report) {
    for (const m of messages) {
      if (o.ms === 0) {
        yield m;
        continue;
      }
      report.edited++;
      // Messages pushed before 0 stay: the pipeline drops or clamps pre-roll in one place.
      yield { ...m, timeMs: m.timeMs + o.ms };
    }
  },
});
