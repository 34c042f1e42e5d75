import { z } from 'zod';
import { authorMatcher } from './support/author-match.js';
import { defineRule } from './types.js';

export default defineRule({
  name: 'block-users',
  description: 'Drop every message from the listed users (display name or id, case-insensitive).',
  options: z
    .object({
      users: z.array(z.string().trim().min(1)).default([]).describe('Display names or user ids to drop, case-insensitive.'),
    })
    .strict(),
  *apply(messages, o, report) {
    const blocked = authorMatcher(o.users);
    for (const m of messages) {
      if (blocked(m.author)) report.dropped++;
      else yield m;
    }
  },
});
