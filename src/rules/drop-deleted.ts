import { z } from 'zod';
import { defineRule } from './types.js';

export default defineRule({
  name: 'drop-deleted',
  description: 'Drop messages that moderators deleted or that belong to a banned user.',
  options: z.object({}).strict(),
  *apply(messages, _options, report) {
    for (const m of messages) {
      if (m.deleted) report.dropped++;
      else yield m;
    }
  },
});
