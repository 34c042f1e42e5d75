import { describe, expect, it } from 'vitest';
import { msg, runRule, texts } from './helpers.js';

describe('emote-only', () => {
  const input = () => [
    msg('😂😂😂'),
    msg('👨‍👩‍👧 🇰🇷 👍🏽'),
    msg(':_hangyeolWave::_hangyeolWave:'),
    msg('Kappa Kappa LUL'),
    msg('Kappa that was funny'),
    msg('kappa'),
    msg('ㅋㅋㅋㅋ'),
    msg('1'),
    msg('😂 lol'),
    msg('   '),
  ];

  it('drops messages made only of emoji, shortcodes and listed emotes', async () => {
    const { out, report } = await runRule('emote-only', { emotes: ['Kappa', 'LUL'] }, input());
    expect(texts(out)).toEqual(['Kappa that was funny', 'kappa', 'ㅋㅋㅋㅋ', '1', '😂 lol', '   ']);
    expect(report.dropped).toBe(4);
  });

  it('can leave emoji or shortcodes alone', async () => {
    const { out } = await runRule('emote-only', { emoji: false, shortcodes: false }, [msg('😂'), msg(':wave:')]);
    expect(texts(out)).toEqual(['😂', ':wave:']);
  });

  it('never drops a donation for being emoji-only', async () => {
    const { out } = await runRule('emote-only', {}, [msg('💖💖', { kind: 'donation' })]);
    expect(out).toHaveLength(1);
  });
});
