import type { Report } from '../reporter.js';
import type { VttSegment } from './read-vtt.js';

/** The six references every player decodes (vtt.js knows no others, §3.3). */
const ENTITY = /^&(amp|lt|gt|lrm|rlm|nbsp);/;
/** Class names: no whitespace, `.`, `&`, `<`, `>` (§3.3). */
const CLASSES = '(?:\\.[^\\s.&<>]+)*';
/** Start tags that take no annotation, those that need one, end tags, and timestamp tags. */
const TAG = new RegExp([
  `^(?:c|i|b|u|ruby|rt)${CLASSES}$`,
  `^(?:v|lang)${CLASSES}[ \\t][^&>]*[^\\s&>][^&>]*$`,
  '^/(?:c|i|b|u|ruby|rt|v|lang)$',
  '^(?:\\d{2,}:)?[0-5]\\d:[0-5]\\d\\.\\d{3}$',
].join('|'));

/**
 * Cue text must not hold a raw `&` or `<` (§3.3): `<br>` becomes a line break in hls.js, `<3` is
 * swallowed as a tag, `&` starts an unknown reference (§7.6). Only spec tags and the six portable
 * entities pass.
 */
export function checkEscaping(segment: VttSegment, file: string, report: Report): void {
  for (const cue of segment.cues) {
    for (const { text, line } of cue.payload) {
      const problem = firstUnescaped(text);
      if (problem) report('cue-payload-unescaped', file, problem, line);
    }
  }
}

/** The first problem in one payload line, or undefined. */
export function firstUnescaped(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '&' && !ENTITY.test(text.slice(i, i + 6))) {
      const ref = /^&[#\w]+;/.exec(text.slice(i, i + 12))?.[0];
      return ref
        ? `"${ref}" is not one of &amp; &lt; &gt; &lrm; &rlm; &nbsp; (vtt.js shows it literally)`
        : `raw "&" at column ${i + 1}; write &amp;`;
    }
    if (ch === '<') {
      const close = text.indexOf('>', i + 1);
      const inner = close < 0 ? undefined : text.slice(i + 1, close);
      if (inner === undefined || inner.includes('<') || !TAG.test(inner)) {
        const shown = inner === undefined || inner.includes('<') ? text.slice(i, i + 10) : `<${inner}>`;
        return `"${shown}" is not a WebVTT tag; write &lt; for a literal "<"`;
      }
      i = close;
    }
  }
  return undefined;
}
