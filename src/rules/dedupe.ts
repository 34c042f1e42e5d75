import { z } from 'zod';
import type { ChatMessage } from '../ingest/message.js';
import { foldName } from './support/author-match.js';
import { appliesToKinds } from './support/applies-to-kinds.js';
import { defineRule } from './types.js';

// Runs of two or more, or any whitespace that is not a plain space: single spaces stay as they
// are, so most messages are not copied at all.
const WHITESPACE_TO_FOLD = /\s{2,}|[^\S ]/gu;
const NON_ASCII = /[^\x00-\x7f]/;

/** Case-, width- and spacing-insensitive text, so `LOL`, `lol ` and `ｌｏｌ` are the same message. */
export function normalizeForDedupe(text: string): string {
  // NFKC changes nothing in ASCII, and it is the costliest step on a million messages.
  const folded = NON_ASCII.test(text) ? text.normalize('NFKC') : text;
  return folded.toLowerCase().replace(WHITESPACE_TO_FOLD, ' ').trim();
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
    // Authors repeat all through an archive: fold each name once.
    const authorKeys = new Map<string, string>();
    const authorKey = (raw: string) => {
      let key = authorKeys.get(raw);
      if (key === undefined) authorKeys.set(raw, (key = foldName(raw)));
      return key;
    };
    const keyOf = (m: ChatMessage) => {
      const text = normalizeForDedupe(m.text);
      return o.crossAuthor ? text : `${authorKey(m.author.id ?? m.author.name)}\u0000${text}`;
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
