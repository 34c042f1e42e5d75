import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { fsError, inputError } from '../errors.js';
import { formatZodPath } from '../ingest/zod-path.js';
import { jsonParseError } from './json-parse-error.js';
import { findRule, RULES } from './registry.js';
import type { ConfiguredRule, RuleLoadContext, RuleSet } from './types.js';

const RulesFileSchema = z.object({
  rules: z.array(z.looseObject({ rule: z.string() })),
});

/** Validates a parsed rules document; every error names the rule's index and the option. */
export async function parseRuleSet(doc: unknown, ctx: RuleLoadContext): Promise<RuleSet> {
  const file = ctx.rulesFile;
  const parsed = RulesFileSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw inputError(issue.message, file, { path: formatZodPath('', issue.path) || '(root)' });
  }
  const rules: ConfiguredRule[] = [];
  for (const [index, entry] of parsed.data.rules.entries()) {
    const { rule: name, ...rawOptions } = entry;
    const definition = findRule(name);
    if (!definition) {
      throw inputError(
        `unknown rule "${name}" (known: ${RULES.map((r) => r.name).join(', ')})`,
        file,
        { path: `rules[${index}].rule` },
      );
    }
    const result = definition.options.safeParse(rawOptions);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const keys = issue.code === 'unrecognized_keys' ? `.${issue.keys.join(',')}` : '';
      throw inputError(`${name}: ${issue.message}`, file, {
        path: formatZodPath(`rules[${index}]`, issue.path) + keys,
      });
    }
    let options = result.data;
    if (definition.prepare) options = await definition.prepare(options, { ...ctx, rulePath: `rules[${index}]` });
    rules.push({ definition, options, index });
  }
  return { file, rules };
}

/** Reads and validates a rules file (JSON). */
export async function loadRuleSet(file: string): Promise<RuleSet> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw fsError('read rules file', file, err);
  }
  text = text.replace(/^\uFEFF/, '');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw await jsonParseError(err, text, file);
  }
  const baseDir = dirname(file);
  return parseRuleSet(doc, {
    rulesFile: file,
    baseDir,
    async readText(path) {
      try {
        return await readFile(path, 'utf8');
      } catch (err) {
        throw fsError('read file named by a rule', path, err);
      }
    },
  });
}
