import { describe, expect, it } from 'vitest';
import { ids, msg, runRule } from './helpers.js';

const at = (timeMs: number, text: string, name = 'a', kind: 'chat' | 'donation' = 'chat') =>
  msg(text, { timeMs, kind, author: { name }, id: `${name}@${timeMs}` });

describe('dedupe', () => {
  it('drops the same author repeating the same normalized text within the window', async () => {
    const { out, report } = await runRule('dedupe', { windowMs: 10_000 }, [
      at(0, 'LOL'),
      at(3_000, '  lol '),
      at(4_000, 'ｌｏｌ'),
      at(5_000, 'lol', 'b'),
      at(30_000, 'lol'),
    ]);
    expect(ids(out)).toEqual(['a@0', 'b@5000', 'a@30000']);
    expect(report.dropped).toBe(2);
  });

  it('keeps the window open while the repeats continue (a flood collapses to its first message)', async () => {
    const input = [0, 8_000, 16_000, 24_000].map((t) => at(t, 'spam'));
    const { out } = await runRule('dedupe', { windowMs: 10_000 }, input);
    expect(ids(out)).toEqual(['a@0']);
  });

  it('a repeat exactly windowMs later is kept', async () => {
    const { out } = await runRule('dedupe', { windowMs: 10_000 }, [at(0, 'x'), at(10_000, 'x')]);
    expect(out).toHaveLength(2);
  });

  it('with crossAuthor collapses copy-paste floods from many authors, keeping the first', async () => {
    const { out } = await runRule('dedupe', { crossAuthor: true }, [
      at(0, '한결 최고', 'a'),
      at(100, '한결 최고', 'b'),
      at(200, '한결  최고', 'c'),
      at(300, 'different', 'd'),
    ]);
    expect(ids(out)).toEqual(['a@0', 'd@300']);
  });

  it('leaves donations alone by default', async () => {
    const { out } = await runRule('dedupe', {}, [at(0, 'thanks', 'a', 'donation'), at(1, 'thanks', 'a', 'donation')]);
    expect(out).toHaveLength(2);
  });

  it('keeps repeats outside the window across a long archive (old keys are evicted, not confused)', async () => {
    const input = Array.from({ length: 20_000 }, (_, i) => at(i * 10, `msg ${i % 3000}`));
    const { out } = await runRule('dedupe', { windowMs: 1_000 }, input);
    // Each text comes back every 30 s, far outside the 1 s window: nothing is a duplicate.
    expect(out).toHaveLength(20_000);
  });
});
