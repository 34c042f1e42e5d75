import { describe, expect, it } from 'vitest';
import { msg, runRule, texts } from './helpers.js';

describe('collapse-whitespace', () => {
  it('folds runs of any whitespace (tabs, newlines, NBSP, U+3000) to one space and trims', async () => {
    const { out, report } = await runRule('collapse-whitespace', {}, [
      msg('  hello \t\n world  '),
      msg('가\u3000\u3000나\u00a0다'),
      msg('already fine'),
    ]);
    expect(texts(out)).toEqual(['hello world', '가 나 다', 'already fine']);
    expect(report).toMatchObject({ edited: 2, dropped: 0 });
  });

  it('leaves zero-width joiners in emoji alone', async () => {
    const family = '👨‍👩‍👧';
    const { out } = await runRule('collapse-whitespace', {}, [msg(family)]);
    expect(out[0]!.text).toBe(family);
  });
});
