import { describe, expect, it } from 'vitest';
import { texts, msg, runRule } from './helpers.js';

describe('block-users', () => {
  it('drops by display name or id, case- and width-insensitively', async () => {
    const { out, report } = await runRule('block-users', { users: ['Troll', 'UC123'] }, [
      msg('a', { author: { name: 'TROLL' } }),
      msg('b', { author: { name: 'Ｔｒｏｌｌ' } }),
      msg('c', { author: { name: 'renamed', id: 'uc123' } }),
      msg('d', { author: { name: 'troll2' } }),
      msg('e', { author: { name: '한결' } }),
    ]);
    expect(texts(out)).toEqual(['d', 'e']);
    expect(report.dropped).toBe(3);
  });

  it('keeps everything with an empty list', async () => {
    const { out } = await runRule('block-users', {}, [msg('a'), msg('b')]);
    expect(out).toHaveLength(2);
  });
});
