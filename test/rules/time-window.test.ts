import { describe, expect, it } from 'vitest';
import { findRule } from '../../src/rules/registry.js';
import { msg, runRule } from './helpers.js';

const times = [-500, 0, 999, 1000, 5000, 5001].map((timeMs) => msg(`t${timeMs}`, { timeMs }));

describe('time-window', () => {
  it('keeps fromMs inclusive to toMs exclusive', async () => {
    const { out, report } = await runRule('time-window', { fromMs: 0, toMs: 5000 }, times);
    expect(out.map((m) => m.timeMs)).toEqual([0, 999, 1000]);
    expect(report.dropped).toBe(3);
  });

  it('leaves either end open when omitted', async () => {
    expect((await runRule('time-window', { fromMs: 1000 }, times)).out.map((m) => m.timeMs)).toEqual([1000, 5000, 5001]);
    expect((await runRule('time-window', { toMs: 0 }, times)).out.map((m) => m.timeMs)).toEqual([-500]);
  });

  it('rejects toMs not after fromMs, naming toMs', () => {
    const result = findRule('time-window')!.options.safeParse({ fromMs: 10, toMs: 10 });
    expect(result.error!.issues[0]!.path).toEqual(['toMs']);
  });
});
