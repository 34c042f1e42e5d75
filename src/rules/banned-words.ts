import { resolve } from 'node:path';
import { z } from 'zod';
import { inputError } from '../errors.js';
import type { ChatMessage } from '../ingest/message.js';
import { countGraphemes } from './support/graphemes.js';
import { escapeRegex, wholeWordSource } from './support/word-pattern.js';
import { defineRule, type RulePrepareContext } from './types.js';

const Options = z
  .object({
    words: z
      .array(z.string().trim().min(1))
      .default([])
      .describe('Words to ban (case-insensitive). With regex: true, JavaScript regular expressions.'),
    wordsFile: z
      .string()
      .min(1)
      .optional()
      .describe('File with one word per line, relative to the rules file; blank lines and lines starting with # are skipped.'),
    action: z
      .enum(['mask', 'drop'])
      .default('mask')
      .describe('mask: replace each character of the word with *; drop: drop the whole message.'),
    regex: z.boolean().default(false).describe('Treat each word as a regular expression (Unicode, case-insensitive).'),
    wholeWord: z
      .boolean()
      .default(true)
      .describe('Match whole words only; Korean particles after a word (바보야, 바보들은) still count as the word.'),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.words.length === 0 && o.wordsFile === undefined) {
      ctx.addIssue({ code: 'custom', path: ['words'], message: 'give at least one word, or a wordsFile' });
    }
    if (!o.regex) return;
    o.words.forEach((w, i) => {
      const problem = regexProblem(w);
      if (problem) ctx.addIssue({ code: 'custom', path: ['words', i], message: problem });
    });
  });
type Options = z.infer<typeof Options>;

/** Why `source` is unusable as a banned-word regex, or undefined when it is fine. */
function regexProblem(source: string): string | undefined {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${source})$`, 'iu');
  } catch (err) {
    return `invalid regular expression /${source}/: ${(err as Error).message}`;
  }
  // A pattern that matches "" would drop every message (or mask nothing, forever).
  if (re.test('')) return `regular expression /${source}/ matches the empty string`;
  return undefined;
}

/** Reads `wordsFile` (one word per line) and checks its regexes, naming the file and line. */
async function prepare(o: Options, ctx: RulePrepareContext): Promise<Options> {
  if (o.wordsFile === undefined) return o;
  const path = resolve(ctx.baseDir, o.wordsFile);
  const text = await ctx.readText(path);
  const fromFile: string[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const word = raw.trim();
    if (word === '' || word.startsWith('#')) return;
    const problem = o.regex ? regexProblem(word) : undefined;
    if (problem) {
      throw inputError(`banned-words: ${o.wordsFile} line ${i + 1}: ${problem}`, ctx.rulesFile, {
        path: `${ctx.rulePath}.wordsFile`,
      });
    }
    fromFile.push(word);
  });
  return { ...o, words: [...o.words, ...fromFile] };
}

/**
 * The compiled matchers: plain words become one alternation (one scan per message however long
 * the list); regexes stay separate so their groups and backreferences keep their meaning.
 */
function compile(o: Options): RegExp[] {
  const wrap = (source: string) => (o.wholeWord ? wholeWordSource(source) : source);
  if (o.regex) return o.words.map((w) => new RegExp(wrap(w), 'giu'));
  const words = [...new Set(o.words.map((w) => w.normalize('NFC')))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return [];
  return [new RegExp(wrap(words.map(escapeRegex).join('|')), 'giu')];
}

const maskMatch = (match: string) => '*'.repeat(countGraphemes(match));

const bannedWords = defineRule({
  name: 'banned-words',
  description: 'Mask (or drop messages with) banned words, matched as whole words, Korean particles included.',
  options: Options,
  prepare,
  *apply(messages, o, report) {
    const patterns = compile(o);
    for (const m of messages) {
      if (patterns.length === 0) {
        yield m;
        continue;
      }
      // Match on NFC so a decomposed (macOS-typed) 바보 is the same word as a composed one.
      const text = m.text.normalize('NFC');
      if (o.action === 'drop') {
        if (patterns.some((re) => matches(re, text))) report.dropped++;
        else yield m;
        continue;
      }
      let masked = text;
      for (const re of patterns) masked = masked.replace(re, maskMatch);
      if (masked === text) {
        yield m;
      } else {
        report.edited++;
        yield { ...m, text: masked } satisfies ChatMessage;
      }
    }
  },
});

function matches(re: RegExp, text: string): boolean {
  re.lastIndex = 0; // global regexes remember where the last test stopped
  return re.test(text);
}

export default bannedWords;
