import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countGraphemes, takeGraphemes } from '../../../src/rules/support/graphemes.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const reference = (text: string) => [...segmenter.segment(text)].map((s) => s.segment);

// Pieces that stress the fast path's "may this join its neighbour?" test: combining marks,
// skin tones, ZWJ, flags, conjoining jamo, CR LF, Thai AM, Prepend, astral letters, lone surrogates.
const tricky = fc.constantFrom(
  'a', '가', '\u1100', '\u1161', '\u11A8', 'e\u0301', '\u0301', '👍', '\u{1F3FD}', '\u200D', '👨', '🇰', '🇷',
  '\uFE0F', '1', '\u20E3', '\r', '\n', 'ำ', 'ก', '\u0600', '\u{11F02}', '\u0D4E', '𝐀', 'ｶ', '\uFF9E', '\u{E0067}', '🏴', ' ', '\uD83D', '\uDE00',
);
const texts = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.array(tricky, { maxLength: 20 }).map((xs) => xs.join('')),
);

describe('graphemes', () => {
  it('counts like Intl.Segmenter on any text, fast path or not', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(countGraphemes(text)).toBe(reference(text).length);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes prefixes that end on a Segmenter boundary', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 0, max: 32 }), (text, max) => {
        expect(takeGraphemes(text, max)).toBe(reference(text).slice(0, max).join(''));
      }),
      { numRuns: 2000 },
    );
  });

  it('stops counting at the limit', () => {
    expect(countGraphemes('abcdef', 3)).toBe(3);
    expect(countGraphemes('👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦', 2)).toBe(2);
  });
});
