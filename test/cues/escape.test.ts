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
});
