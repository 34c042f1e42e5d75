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
      ['ma', 1000, 6000, 'A: a'],
      ['mb', 20_000, 25_000, 'A: b'],
    ]);
  });

  it('ends a cue when the message max-visible later starts', () => {
    const messages = [0, 100, 200, 300].map((t, i) => msg(`m${i}`, t));
    const cues = [...messageLayout(messages, { holdMs: 5000, maxVisible: 2, renderLine: render })];
    expect(cues.map((c) => c.endMs)).toEqual([200, 300, 5200, 5300]);
  });

  it('keeps ids unique when two messages share an id', () => {
    const cues = [...messageLayout([msg('x', 0), msg('x', 10)], { holdMs: 1000, maxVisible: 6, renderLine: render })];
    expect(cues.map((c) => c.id)).toEqual(['mx', 'mx~2']);
  });

  it('percent-encodes ids so they never hold --> or line breaks', () => {
    const [cue] = [...messageLayout([msg('a -->\nb', 0)], { holdMs: 1000, maxVisible: 6, renderLine: render })];
    expect(cue!.id).toBe('ma%20--%3E%0Ab');
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

  it('asks a streamed input for its estimated count once the id set fills its first table, and only then', () => {
    let asked = 0;
    const stream = function* (n: number) {
      for (let i = 0; i < n; i++) yield msg(`id${i}`, i);
    };
    const layout = (n: number) => [...messageLayout(stream(n), { holdMs: 1000, maxVisible: 4, renderLine: render, expectedMessages: () => (asked++, n) })];
    expect(layout(40_000)).toHaveLength(40_000);
    expect(asked).toBe(0);
    const cues = layout(60_000);
    expect(asked).toBe(1);
    expect(new Set(cues.map((c) => c.id)).size).toBe(60_000);
  });
});

