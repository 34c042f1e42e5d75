import { describe, expect, it } from 'vitest';
import { findRule } from '../../src/rules/registry.js';
import { msg, runRule } from './helpers.js';

describe('kinds', () => {
  it('keeps only the listed kinds', async () => {
    const { out, report } = await runRule('kinds', { keep: ['chat', 'donation'] }, [
      msg('a'),
      msg('b', { kind: 'donation' }),
      msg('c', { kind: 'subscription' }),
      msg('d', { kind: 'system' }),
    ]);
    expect(out.map((m) => m.kind)).toEqual(['chat', 'donation']);
    expect(report.dropped).toBe(2);
  });

  it('rejects an empty or unknown kind list', () => {
    const options = findRule('kinds')!.options;
    expect(options.safeParse({ keep: [] }).success).toBe(false);
    expect(options.safeParse({ keep: ['superchat'] }).success).toBe(false);
  });
});
