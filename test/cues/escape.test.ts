import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCueText } from '../../src/cues/escape.js';

describe('escapeCueText', () => {
  it('escapes &, < and > so markup and arrows show as text', () => {
    expect(escapeCueText('<b>hi</b> & -->')).toBe('&lt;b&gt;hi&lt;/b&gt; &amp; --&gt;');
    expect(escapeCueText('&amp;')).toBe('&amp;amp;');
    expect(escapeCueText('<3')).toBe('&lt;3');
  });

  it('folds line breaks, tabs and control characters to spaces', () => {
    expect(escapeCueText('a\nb\r\nc\td\u0007e\u2028f\u0085g')).toBe('a b  c d e f g');
  });

  it('replaces lone surrogates but keeps real astral characters', () => {
    expect(escapeCueText('ok \uD83D')).toBe('ok \uFFFD');
    expect(escapeCueText('\uDC4B x')).toBe('\uFFFD x');
    expect(escapeCueText('👨‍👩‍👧‍👦 🇨🇦')).toBe('👨‍👩‍👧‍👦 🇨🇦');
  });

  it('never yields a payload a WebVTT parser would cut or mis-read (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = escapeCueText(text);
        expect(out).not.toMatch(/[\r\n]/);
        expect(out).not.toContain('-->');
        expect(out).not.toMatch(/[<>]/);
        // every & starts one of our entities
        expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
        // no lone surrogates: a UTF-8 round trip is lossless
        expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
      }),
      { numRuns: 500 },
    );
  });

  it('returns text that needs nothing as it is, and otherwise what the three replaces give (property)', () => {
    const replaced = (text: string) =>
      text
        .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
        .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ')
        .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
    const tricky = fc.constantFrom('\uD83D', '\uDC4B', '\uD83D\uDC4B', '&', '<', '>', '\u2028', '\u2029', '\u009F', '\u00A0', '\u007F', '\t', 'a', '한', '\uFFFF');
    const texts = fc.oneof(fc.string({ unit: 'binary' }), fc.array(tricky).map((parts) => parts.join('')));
    fc.assert(
      fc.property(texts, (text) => {
        expect(escapeCueText(text)).toBe(replaced(text));
      }),
      { numRuns: 2000 },
    );
    for (const text of ['hello', '안녕하세요 👋 🔥🔥', 'é ß ¡']) expect(escapeCueText(text)).toBe(text);
  });
});
