import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countGraphemes } from '../../src/rules/support/graphemes.js';
import { msg, runRule, texts } from './helpers.js';

describe('max-length', () => {
  it('keeps short texts and truncates long ones to chars graphemes, ellipsis included', async () => {
    const { out, report } = await runRule('max-length', { chars: 5 }, [msg('short'), msg('longer text')]);
    expect(texts(out)).toEqual(['short', 'long…']);
    expect(report).toMatchObject({ dropped: 0, edited: 1 });
  });

  it('never cuts a ZWJ family, a flag or a skin tone apart', async () => {
    const family = '👨‍👩‍👧‍👦';
    const { out } = await runRule('max-length', { chars: 3 }, [msg(`${family}${family}🇰🇷👍🏽`), msg('한글은잘린다')]);
    expect(texts(out)).toEqual([`${family}${family}…`, '한글…']);
  });

  it('counts graphemes, so a 4-emoji text fits in 4 even though it is 44 code units', async () => {
    const text = '👨‍👩‍👧‍👦'.repeat(4);
    const { out, report } = await runRule('max-length', { chars: 4 }, [msg(text)]);
    expect(out[0]!.text).toBe(text);
    expect(report.edited).toBe(0);
  });

  it('trims a trailing space before the ellipsis and takes a custom ellipsis', async () => {
    const { out } = await runRule('max-length', { chars: 6, ellipsis: '...' }, [msg('ab cdefgh')]);
    expect(out[0]!.text).toBe('ab...');
  });

  it('property: output is well-formed UTF-16, at most chars graphemes, and a prefix of the input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 2, max: 20 }), async (text, chars) => {
        const { out } = await runRule('max-length', { chars }, [msg(text)]);
        const result = out[0]!.text;
        expect(result.isWellFormed()).toBe(true);
        expect(countGraphemes(result)).toBeLessThanOrEqual(Math.max(chars, countGraphemes(text)));
        if (result !== text) {
          expect(countGraphemes(result)).toBeLessThanOrEqual(chars);
          expect(text.startsWith(result.slice(0, -1).trimEnd())).toBe(true);
        }
      }),
    );
  });
});
