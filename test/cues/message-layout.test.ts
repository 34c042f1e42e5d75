import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageLayout } from '../../src/cues/message-layout.js';
import type { ChatMessage } from '../../src/ingest/message.js';

const msg = (id: string, timeMs: number, text = id): ChatMessage => ({
  id,
  timeMs,
  author: { name: 'A', roles: [] },
  text,
  kind: 'chat',
  deleted: false,
});
const render = (m: ChatMessage) => `${m.author.name}: ${m.text}`;

describe('messageLayout', () => {
  it('holds each message for the hold time when the chat is quiet', () => {
    const cues = [...messageLayout([msg('a', 1000), msg('b', 20_000)], { holdMs: 5000, maxVisible: 6, renderLine: render })];
    expect(cues.map((c) => [c.id, c.startMs, c.endMs, c.payload])).toEqual([
      ['m1000', 1000, 6000, 'A: a'],
      ['m20000', 20_000, 25_000, 'A: b'],
    ]);
  });

  it('ends a cue when the message max-visible later starts', () => {
    const messages = [0, 100, 200, 300].map((t, i) => msg(`m${i}`, t));
    const cues = [...messageLayout(messages, { holdMs: 5000, maxVisible: 2, renderLine: render })];
    expect(cues.map((c) => c.endMs)).toEqual([200, 300, 5200, 5300]);
  });

  it('names each cue by its start, numbering the cues that start in the same millisecond', () => {
    // Two messages with one id, a burst in one millisecond, and ids no cue text could hold.
    const messages = [msg('x', 0), msg('x', 10), msg('a -->\nb', 10), msg('c', 10), msg('d', 11)];
    const cues = [...messageLayout(messages, { holdMs: 1000, maxVisible: 6, renderLine: render })];
    expect(cues.map((c) => c.id)).toEqual(['m0', 'm10', 'm10.2', 'm10.3', 'm11']);
  });

  it('names nudged cues by their nudged start', () => {
    // max-visible 1: a burst of three in one millisecond starts 1 ms apart.
    const cues = [...messageLayout([msg('a', 5), msg('b', 5), msg('c', 5)], { holdMs: 1000, maxVisible: 1, renderLine: render })];
    expect(cues.map((c) => [c.id, c.startMs])).toEqual([['m5', 5], ['m6', 6], ['m7', 7]]);
  });

  it('starts a message that comes earlier than the one before it with that one, so starts and ids never go back', () => {
    const cues = [...messageLayout([msg('a', 100), msg('b', 50), msg('c', 200)], { holdMs: 1000, maxVisible: 6, renderLine: render })];
    expect(cues.map((c) => [c.id, c.startMs])).toEqual([['m100', 100], ['m100.2', 100], ['m200', 200]]);
  });

  it('never shows more than max-visible cues and never makes a zero-length cue (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 120 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 10_000 }),
        (times, maxVisible, holdMs) => {
          const messages = times.sort((a, b) => a - b).map((t, i) => msg(String(i), t));
          const cues = [...messageLayout(messages, { holdMs, maxVisible, renderLine: render })];
          expect(cues).toHaveLength(messages.length);
          expect(new Set(cues.map((c) => c.id)).size).toBe(cues.length);
          for (const [i, c] of cues.entries()) {
            expect(c.endMs).toBeGreaterThan(c.startMs);
            expect(c.startMs).toBeGreaterThanOrEqual(messages[i]!.timeMs);
            if (i > 0) expect(c.startMs).toBeGreaterThanOrEqual(cues[i - 1]!.startMs);
          }
          // at every cue start (where the count can peak), count active cues
          for (const c of cues) {
            const active = cues.filter((o) => o.startMs <= c.startMs && o.endMs > c.startMs).length;
            expect(active).toBeLessThanOrEqual(maxVisible);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

