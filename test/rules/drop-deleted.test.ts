import { describe, expect, it } from 'vitest';
import { ids, msg, runRule } from './helpers.js';

describe('drop-deleted', () => {
  it('drops deleted messages and counts them', async () => {
    const a = msg('kept');
    const b = msg('removed by a mod', { deleted: true });
    const { out, report } = await runRule('drop-deleted', {}, [a, b]);
    expect(ids(out)).toEqual([a.id]);
    expect(report).toEqual({ rule: 'drop-deleted', dropped: 1, edited: 0 });
  });
});
