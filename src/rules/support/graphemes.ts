/**
 * Grapheme clusters (what a reader sees as one character) via Intl.Segmenter, so that lengths,
 * truncation and masking never cut a surrogate pair, a combining mark or an emoji ZWJ sequence.
 * One segmenter for the whole process: constructing one per message is the expensive part.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Number of graphemes in `text`, counting no further than `limit` (callers that only compare
 * against a threshold stop early on long messages).
 */
export function countGraphemes(text: string, limit = Infinity): number {
  // A UTF-16 unit count is an upper bound on graphemes; ASCII-only text needs no segmenting.
  if (isAscii(text)) return Math.min(text.length, limit);
  let n = 0;
  for (const _ of segmenter.segment(text)) {
    if (++n >= limit) return n;
  }
  return n;
}

/** The first `max` graphemes of `text`, or `text` itself when it is not longer. */
export function takeGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  if (isAscii(text)) return text.slice(0, max);
  let n = 0;
  for (const { index } of segmenter.segment(text)) {
    if (n === max) return text.slice(0, index);
    n++;
  }
  return text;
}

// Printable ASCII plus tab/newline: every code unit is its own grapheme except CR LF, which we
// exclude so that "\r\n" (one grapheme) takes the segmenter path.
const NOT_SIMPLE_ASCII = /[^\x20-\x7e\t\n]/;

function isAscii(text: string): boolean {
  return !NOT_SIMPLE_ASCII.test(text);
}
