import { describe, expect, it } from 'vitest';
import { msg, runRule } from './helpers.js';

describe('shift', () => {
  it('adds ms to every time, keeping the order and counting edits', async () => {
    const input = [0, 1000, 1000, 4000].map((timeMs, i) => msg(`m${i}`, { timeMs }));
    const { out, report } = await runRule('shift', { ms: -1500 }, input);
    expect(out.map((m) => [m.text, m.timeMs])).toEqual([['m0', -1500], ['m1', -500], ['m2', -500], ['m3', 2500]]);
    expect(report.edited).toBe(4);
  });

  it('with ms 0 changes nothing and counts nothing', async () => {
    const input = [msg('a')];
    const { out, report } = await runRule('shift', { ms: 0 }, input);
    expect(out[0]).toEqual(input[0]);
    expect(report.edited).toBe(0);
  });
});
