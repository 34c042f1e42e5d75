/**
 * Grapheme clusters (what a reader sees as one character), so that lengths, truncation and masking
 * never cut a surrogate pair, a combining mark or an emoji ZWJ sequence.
 *
 * Intl.Segmenter is the authority, but it costs tens of microseconds per string in Node 20 — far
 * too slow for a million messages. Most chat needs none of it: when a text holds no character
 * that can join its neighbour into one cluster (the list below follows UAX #29: Extend, ZWJ,
 * SpacingMark, Prepend, Regional_Indicator, conjoining Hangul jamo, CR), every code point is its
 * own grapheme, and a plain code-point walk gives the same answer. Precomposed Hangul, emoji
 * without modifiers or joiners, ASCII and CJK all take that path.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const MAY_JOIN = new RegExp(
  [
    '\\p{M}', // Extend and SpacingMark: combining marks, variation selectors, Indic vowel signs
    '\\u200C\\u200D', // ZWNJ (Extend), ZWJ (emoji sequences)
    '\\p{Emoji_Modifier}', // skin tones
    '\\p{Regional_Indicator}', // flags are pairs
    '\\u{E0020}-\\u{E007F}', // tag sequences (subdivision flags)
    '\\u1100-\\u11FF\\uA960-\\uA97F\\uD7B0-\\uD7FF', // conjoining Hangul jamo (L, V, T)
    '\\uFF9E\\uFF9F', // halfwidth katakana voiced marks (Extend, though letters)
    '\\u0E33\\u0EB3', // Thai and Lao AM (SpacingMark, though letters)
    // Prepend (UAX #29, Unicode 16, which Node 20's ICU follows): U+11F02 and U+113D1 were found by the property test.
    '\\u0600-\\u0605\\u06DD\\u070F\\u0890\\u0891\\u08E2\\u0D4E\\u{110BD}\\u{110CD}\\u{111C2}\\u{111C3}\\u{113D1}\\u{1193F}\\u{11941}\\u{11A3A}\\u{11A84}-\\u{11A89}\\u{11D46}\\u{11F02}',
    '\\r',
  ]
    .map((range) => `[${range}]`)
    .join('|'),
  'u',
);

/** Whether every code point of `text` is a grapheme of its own. */
function codePointsAreGraphemes(text: string): boolean {
  return !MAY_JOIN.test(text);
}

/**
 * Number of graphemes in `text`, counting no further than `limit` (callers that only compare
 * against a threshold stop early on long messages).
 */
export function countGraphemes(text: string, limit = Infinity): number {
  let n = 0;
  if (codePointsAreGraphemes(text)) {
    for (let i = 0; i < text.length && n < limit; i++, n++) {
      if (startsPair(text, i)) i++;
    }
    return n;
  }
  for (const _ of segmenter.segment(text)) {
    if (++n >= limit) return n;
  }
  return n;
}

/** The first `max` graphemes of `text`, or `text` itself when it is not longer. */
export function takeGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  let n = 0;
  if (codePointsAreGraphemes(text)) {
    let i = 0;
    for (; i < text.length && n < max; i++, n++) {
      if (startsPair(text, i)) i++;
    }
    return text.slice(0, i);
  }
  for (const { index } of segmenter.segment(text)) {
    if (n === max) return text.slice(0, index);
    n++;
  }
  return text;
}

/** Whether a surrogate pair starts at `i` (a lone surrogate is a grapheme of its own). */
function startsPair(text: string, i: number): boolean {
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdbff) return false;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}
