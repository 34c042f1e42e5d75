import { describe, expect, it } from 'vitest';
import { msg, runRule, texts } from './helpers.js';

describe('min-length', () => {
  it('drops chat shorter than chars graphemes, ignoring surrounding spaces', async () => {
    const { out, report } = await runRule('min-length', { chars: 2 }, [msg('a'), msg('  b  '), msg('ok'), msg('👍🏽'), msg('ㅋㅋ')]);
    expect(texts(out)).toEqual(['ok', 'ㅋㅋ']);
    expect(report.dropped).toBe(3);
  });

  it('with chars 1 drops only blank messages, and leaves other kinds alone', async () => {
    const { out } = await runRule('min-length', { chars: 1 }, [msg('   '), msg(''), msg('', { kind: 'donation' }), msg('x')]);
    expect(out.map((m) => [m.kind, m.text])).toEqual([['donation', ''], ['chat', 'x']]);
  });
});
