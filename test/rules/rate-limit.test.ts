import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/ingest/message.js';
import { ids, msg, runRule } from './helpers.js';

const at = (timeMs: number, id: string, over: Parameters<typeof msg>[1] = {}) => msg(id, { timeMs, id, ...over });
const mod = { author: { roles: ['moderator'] } };

/** The largest number of messages in any half-open 1-second window. */
function busiestSecond(ms: ChatMessage[]): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < ms.length; end++) {
    while (ms[start]!.timeMs <= ms[end]!.timeMs - 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('rate-limit', () => {
  it('keeps at most perSecond in any 1-second window, the earliest first', async () => {
    const input = [0, 100, 200, 300, 999, 1000, 1100, 1250].map((t) => at(t, `t${t}`));
    const { out, report } = await runRule('rate-limit', { perSecond: 2 }, input);
    expect(ids(out)).toEqual(['t0', 't100', 't1000', 't1100']);
    expect(report.dropped).toBe(4);
  });

  it('keeps a moderator message that comes after a busy burst, dropping chat before it instead', async () => {
    const input = [at(0, 'a'), at(100, 'b'), at(200, 'c'), at(500, 'mod', mod), at(600, 'd')];
    const { out } = await runRule('rate-limit', { perSecond: 2 }, input);
    expect(ids(out)).toEqual(['a', 'mod']);
  });

  it('keeps donations first too, and can be told other priority roles and kinds', async () => {
    const input = [at(0, 'a'), at(10, 'b'), at(20, 'gift', { kind: 'donation' }), at(30, 'vip', { author: { roles: ['vip'] } })];
    expect(ids((await runRule('rate-limit', { perSecond: 1 }, input)).out)).toEqual(['gift']);
    expect(ids((await runRule('rate-limit', { perSecond: 1, priority: ['vip'], priorityKinds: [] }, input)).out)).toEqual(['vip']);
  });

  it('limits priority messages among themselves when they alone exceed the rate', async () => {
    const input = [0, 10, 20, 30].map((t) => at(t, `m${t}`, mod));
    expect(ids((await runRule('rate-limit', { perSecond: 3 }, input)).out)).toEqual(['m0', 'm10', 'm20']);
  });

  it('handles a long busy archive in bounded time', async () => {
    const input = Array.from({ length: 50_000 }, (_, i) => at(i * 7, `m${i}`, i % 97 === 0 ? mod : {}));
    const { out } = await runRule('rate-limit', { perSecond: 10 }, input);
    expect(busiestSecond(out)).toBeLessThanOrEqual(10);
    expect(out.filter((m) => m.author.roles.includes('moderator'))).toHaveLength(Math.ceil(50_000 / 97));
  });

  it('property: never more than perSecond per second, time order kept, priority kept whenever they alone fit', async () => {
    const arbMessage = fc.record({
      gap: fc.integer({ min: 0, max: 400 }),
      priority: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(arbMessage, { maxLength: 80 }), fc.integer({ min: 1, max: 5 }), async (specs, perSecond) => {
        let t = 0;
        const input = specs.map((s, i) => {
          t += s.gap;
          return at(t, `m${i}`, s.priority ? mod : {});
        });
        const { out, report } = await runRule('rate-limit', { perSecond }, input);
        expect(busiestSecond(out)).toBeLessThanOrEqual(perSecond);
        const order = new Map(input.map((m, i) => [m.id, i]));
        const positions = out.map((m) => order.get(m.id)!);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(out.length + report.dropped).toBe(input.length);
        const priority = input.filter((m) => m.author.roles.length > 0);
        if (busiestSecond(priority) <= perSecond) {
          expect(out.filter((m) => m.author.roles.length > 0)).toHaveLength(priority.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
