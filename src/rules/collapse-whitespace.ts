import { z } from 'zod';
import { defineRule } from './types.js';

// \s covers tabs, newlines, NBSP and the ideographic space U+3000 common in CJK input. Single
// plain spaces are left alone so that ordinary messages are not copied at all.
const WHITESPACE_TO_FOLD = /\s{2,}|[^\S ]/gu;

export default defineRule({
  name: 'collapse-whitespace',
  description: 'Turn every run of spaces, tabs and newlines into one space and trim both ends.',
  options: z.object({}).strict(),
  *apply(messages, _o, report) {
    for (const m of messages) {
      const text = m.text.replace(WHITESPACE_TO_FOLD, ' ').trim();
      if (text === m.text) {
        yield m;
      } else {
        report.edited++;
        yield { ...m, text };
      }
    }
  },
});
