import { z } from 'zod';
import { MessageKindSchema, type ChatMessage } from '../ingest/message.js';
import { busiestWindowWith } from './support/sliding-count.js';
import { defineRule } from './types.js';

const WINDOW_MS = 1000;

interface Pending {
  m: ChatMessage;
  priority: boolean;
  /** Decided on arrival for priority messages; for the others when they leave the lookahead. */
  keep: boolean;
}

/**
 * Keeps at most `perSecond` messages in every 1-second window [s, s + 1000 ms).
 *
 * Priority messages (listed roles, listed kinds) are chosen first, greedily in time order among
 * themselves. Each other message is decided once every message less than 1 s after it has been
 * read (a bounded lookahead), and is kept only if no window around it would then exceed the limit,
 * counting the kept messages before it and the kept priority messages up to 1 s after it. So a
 * busy chat never crowds out a moderator or a donation that follows, and the output stays in time
 * order. Cost per message: O(perSecond).
 */
export default defineRule({
  name: 'rate-limit',
  description: 'Keep at most N messages in any 1-second window; priority roles and donations are kept first.',
  options: z
    .object({
      perSecond: z.number().int().positive().describe('Most messages kept in any 1-second window.'),
      priority: z
        .array(z.string().trim().min(1))
        .default(['broadcaster', 'moderator'])
        .describe('Author roles whose messages are kept before everyone else\'s.'),
      priorityKinds: z
        .array(MessageKindSchema)
        .default(['donation'])
        .describe('Message kinds kept before ordinary chat.'),
    })
    .strict(),
  *apply(messages, o, report) {
    const roles = new Set(o.priority);
    const isPriority = (m: ChatMessage) => o.priorityKinds.includes(m.kind) || m.author.roles.some((r) => roles.has(r));

    const lookahead: Pending[] = [];
    let lookaheadHead = 0;
    // Times of kept messages already emitted (any kind), oldest first; only the last second matters.
    const emittedKept: number[] = [];
    let emittedHead = 0;
    // Times of kept priority messages, in order; [priorityHead..] are still in the lookahead.
    const priorityKept: number[] = [];
    let priorityHead = 0;
    let priorityWindowHead = 0;

    // Whether one more message at t keeps every window around it within the limit.
    const fits = (t: number): boolean => {
      const before = emittedKept.length - emittedHead; // kept in (t - 1 s, t]
      // They and t all fit in the window that starts at the earliest of them.
      if (before >= o.perSecond) return false;
      let upcomingEnd = priorityHead;
      while (upcomingEnd < priorityKept.length && priorityKept[upcomingEnd]! < t + WINDOW_MS) upcomingEnd++;
      // Everything within a second either side fits even if it were all in one window.
      if (before + (upcomingEnd - priorityHead) < o.perSecond) return true;
      const upcoming = priorityKept.slice(priorityHead, upcomingEnd);
      return busiestWindowWith(t, emittedKept.slice(emittedHead), upcoming, WINDOW_MS) <= o.perSecond;
    };

    const emitFront = function* (): Generator<ChatMessage> {
      const p = lookahead[lookaheadHead++]!;
      const t = p.m.timeMs;
      while (emittedHead < emittedKept.length && emittedKept[emittedHead]! <= t - WINDOW_MS) emittedHead++;
      if (p.priority) {
        if (p.keep) priorityHead++;
      } else {
        p.keep = fits(t);
      }
      if (p.keep) {
        emittedKept.push(t);
        yield p.m;
      } else {
        report.dropped++;
      }
      compact();
    };

    // Forget what no window can reach any more, so memory stays bounded on long archives.
    const compact = () => {
      if (lookaheadHead > 1024 && lookaheadHead * 2 > lookahead.length) {
        lookahead.splice(0, lookaheadHead);
        lookaheadHead = 0;
      }
      if (emittedHead > 1024 && emittedHead * 2 > emittedKept.length) {
        emittedKept.splice(0, emittedHead);
        emittedHead = 0;
      }
      const priorityDone = Math.min(priorityHead, priorityWindowHead);
      if (priorityDone > 1024 && priorityDone * 2 > priorityKept.length) {
        priorityKept.splice(0, priorityDone);
        priorityHead -= priorityDone;
        priorityWindowHead -= priorityDone;
      }
    };

    for (const m of messages) {
      const pending: Pending = { m, priority: isPriority(m), keep: false };
      if (pending.priority) {
        while (priorityWindowHead < priorityKept.length && priorityKept[priorityWindowHead]! <= m.timeMs - WINDOW_MS) {
          priorityWindowHead++;
        }
        pending.keep = priorityKept.length - priorityWindowHead < o.perSecond;
        if (pending.keep) priorityKept.push(m.timeMs);
      }
      // Everything less than 1 s after the front has now been read: the front can be decided.
      while (lookaheadHead < lookahead.length && lookahead[lookaheadHead]!.m.timeMs + WINDOW_MS <= m.timeMs) {
        yield* emitFront();
      }
      lookahead.push(pending);
    }
    while (lookaheadHead < lookahead.length) yield* emitFront();
  },
});
