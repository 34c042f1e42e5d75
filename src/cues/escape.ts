/**
 * Makes arbitrary chat text safe as WebVTT cue text on one line:
 * - `&`, `<`, `>` become `&amp;` `&lt;` `&gt;` (the only entities vtt.js decodes), so `<b>` shows as
 *   text, `<br>` cannot become a line break in hls.js and `-->` can never appear;
 * - CR, LF, tab, U+2028/2029 and every other control character become a space, so a payload never
 *   holds an empty line (a blank line ends the cue);
 * - lone UTF-16 surrogates (a truncated emoji) become U+FFFD: hls.js throws on them.
 */
// Control characters: C0 (incl. tab, CR, LF), DEL, C1, and the Unicode line/paragraph separators.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPECIAL = /[&<>]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

// Most chat needs none of it: one scan decides, and such text is returned as it is.
const NEEDS_WORK = /[\u0000-\u001F\u007F-\u009F\u2028\u2029&<>\uD800-\uDFFF]/;

export function escapeCueText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(CONTROL, ' ')
    .replace(SPECIAL, (c) => ENTITY[c]!);
}
