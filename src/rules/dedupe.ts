import { z } from 'zod';
import type { ChatMessage } from '../ingest/message.js';
import { foldName } from './support/author-match.js';
import { appliesToKinds } from './support/kinds.js';
import { defineRule } from './types.js';

const WHITESPACE_RUN = /\s+/gu;

/** Case-, width- and spacing-insensitive text, so `LOL`, `lol ` and `ｌｏｌ` are the same message. */
export function normalizeForDedupe(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(WHITESPACE_RUN, ' ').trim();
}

export default defineRule({
  name: 'dedupe',
  description: 'Drop repeats of the same text by the same author (or by anyone) within a time window.',
  options: z
    .object({
      windowMs: z
        .number()
        .int()
        .positive()
        .default(10_000)
        .describe('A message repeating one seen less than this many ms before is dropped; repeats keep the window open.'),
      crossAuthor: z
        .boolean()
        .default(false)
        .describe('Compare texts across all authors, collapsing copy-paste floods to their first message.'),
      kinds: appliesToKinds(['chat']),
    })
    .strict(),
  *apply(messages, o, report) {
    // key → time it was last seen. A flood that keeps repeating stays collapsed (sliding window),
    // which is what "collapse copy-paste floods, keeping the first" asks for.
    const lastSeen = new Map<string, number>();
    // Keys in the order they were seen, to forget those older than the window: memory stays
    // bounded by the window's traffic instead of growing with the whole archive.
    const seenOrder: { key: string; timeMs: number }[] = [];
    let head = 0;
    const keyOf = (m: ChatMessage) => {
      const text = normalizeForDedupe(m.text);
      return o.crossAuthor ? text : `${foldName(m.author.id ?? m.author.name)}\u0000${text}`;
    };
    for (const m of messages) {
      if (!o.kinds.includes(m.kind)) {
        yield m;
        continue;
      }
      while (head < seenOrder.length && seenOrder[head]!.timeMs <= m.timeMs - o.windowMs) {
        const old = seenOrder[head++]!;
        if (lastSeen.get(old.key) === old.timeMs) lastSeen.delete(old.key);
      }
      if (head > 4096 && head * 2 > seenOrder.length) {
        seenOrder.splice(0, head);
        head = 0;
      }
      const key = keyOf(m);
      const previous = lastSeen.get(key);
      lastSeen.set(key, m.timeMs);
      seenOrder.push({ key, timeMs: m.timeMs });
      if (previous !== undefined && m.timeMs - previous < o.windowMs) report.dropped++;
      else yield m;
    }
  },
});
