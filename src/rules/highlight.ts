import { z } from 'zod';
import { MessageKindSchema, type ChatMessage } from '../ingest/message.js';
import { authorMatcher } from './support/author-match.js';
import { defineRule } from './types.js';

/** Role → class name. `moderator` is shortened to `mod`; any other role is its own class. */
const ROLE_CLASS: Record<string, string> = { moderator: 'mod' };

/** A role or kind name made safe as a WebVTT class (no spaces, `.`, `&`, `<`, `>`). */
export function className(name: string): string {
  return name.toLowerCase().replace(/[\s.&<>]+/g, '-');
}

/** `#FF4500` → `color-ff4500`; style it with `::cue(.color-ff4500) { color: #ff4500 }`. */
export function colorClass(color: string): string {
  return `color-${color.slice(1).toLowerCase()}`;
}

export default defineRule({
  name: 'highlight',
  description: 'Add WebVTT classes for roles, kinds, chosen users and name colours (<c.mod>, <c.donation>...).',
  options: z
    .object({
      roles: z
        .array(z.string().trim().min(1))
        .default(['broadcaster', 'moderator', 'vip'])
        .describe('Roles that get a class: moderator → mod, any other role → its own name (broadcaster, vip...).'),
      kinds: z
        .array(MessageKindSchema)
        .default(['donation', 'subscription'])
        .describe('Message kinds that get a class named after the kind (donation, subscription...).'),
      users: z
        .array(z.string().trim().min(1))
        .default([])
        .describe('Display names or ids whose messages get the class "highlight", case-insensitive.'),
      color: z
        .boolean()
        .default(false)
        .describe('Add a class from the author\'s colour: #FF4500 → color-ff4500.'),
    })
    .strict(),
  *apply(messages, o, report) {
    const roleClasses = new Map(o.roles.map((r) => [r, ROLE_CLASS[r] ?? className(r)]));
    const highlighted = authorMatcher(o.users);
    for (const m of messages) {
      const added: string[] = [];
      for (const role of m.author.roles) {
        const c = roleClasses.get(role);
        if (c !== undefined) added.push(c);
      }
      if (o.kinds.includes(m.kind)) added.push(className(m.kind));
      if (highlighted(m.author)) added.push('highlight');
      if (o.color && m.author.color !== undefined) added.push(colorClass(m.author.color));
      const classes = mergeClasses(m.classes, added);
      if (classes === m.classes) {
        yield m;
      } else {
        report.edited++;
        yield { ...m, classes } satisfies ChatMessage;
      }
    }
  },
});

/** `existing` plus the new names in order, without repeats; `existing` itself when nothing is new. */
function mergeClasses(existing: string[] | undefined, added: string[]): string[] | undefined {
  const out = existing ? [...existing] : [];
  for (const c of added) if (!out.includes(c)) out.push(c);
  return out.length === (existing?.length ?? 0) ? existing : out;
}
