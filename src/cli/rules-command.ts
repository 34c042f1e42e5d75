import type { Argv } from 'yargs';
import { z } from 'zod';
import { RULES } from '../rules/registry.js';
import { COMMAND_INFO, EXIT, type CliCommand } from './command.js';

export interface RuleOptionDescription {
  name: string;
  /** TypeScript-like: `integer`, `string[]`, `"mask" | "drop"`. */
  type: string;
  required: boolean;
  default?: unknown;
  description: string;
}

export interface RuleDescription {
  name: string;
  description: string;
  options: RuleOptionDescription[];
}

/** The subset of JSON Schema that zod emits for our option schemas. */
interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  description?: string;
  anyOf?: JsonSchema[];
}

/**
 * Every rule with its options, generated from the zod schemas, so the listing can never disagree
 * with what the rules file accepts. `io: 'input'` describes what a user writes: an option with a
 * default is optional.
 */
export function describeRules(): RuleDescription[] {
  return RULES.map((rule) => {
    const schema = z.toJSONSchema(rule.options, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const required = new Set(schema.required ?? []);
    const options = Object.entries(schema.properties ?? {}).map(([name, prop]) => {
      const option: RuleOptionDescription = {
        name,
        type: typeName(prop),
        required: required.has(name),
        description: prop.description ?? '',
      };
      if (prop.default !== undefined) option.default = prop.default;
      return option;
    });
    return { name: rule.name, description: rule.description, options };
  });
}

function typeName(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.anyOf) return s.anyOf.map(typeName).join(' | ');
  if (s.type === 'array') {
    const item = s.items ? typeName(s.items) : 'unknown';
    return item.includes('|') ? `(${item})[]` : `${item}[]`;
  }
  if (Array.isArray(s.type)) return s.type.join(' | ');
  return s.type ?? 'unknown';
}

/** The listing `chat-replay rules` prints: each rule, its description, then one line per option. */
export function formatRulesListing(rules: RuleDescription[] = describeRules()): string {
  const out: string[] = [];
  for (const rule of rules) {
    out.push(`${rule.name}`, `  ${rule.description}`);
    if (rule.options.length === 0) out.push('  (no options)');
    for (const o of rule.options) {
      const flags = o.required ? 'required' : o.default !== undefined ? `default ${JSON.stringify(o.default)}` : 'optional';
      out.push(`  ${o.name}: ${o.type} (${flags})`, `      ${o.description}`);
    }
    out.push('');
  }
  out.push('Use them in a rules file: {"rules":[{"rule":"drop-bots"},{"rule":"max-length","chars":200}]}');
  return `${out.join('\n')}\n`;
}

function builder(y: Argv) {
  return y
    .option('json', { type: 'boolean', default: false, describe: 'Print the rules and their options as JSON' })
    .example('$0 rules', 'List every rule with its description and options')
    .example('$0 rules --json', 'The same, as JSON for tools');
}

type RulesArgs = ReturnType<typeof builder> extends Argv<infer A> ? A : never;

export const rulesCommand: CliCommand<RulesArgs> = {
  ...COMMAND_INFO.rules,
  builder,
  async run(args, io) {
    if (args.json) io.stdout(`${JSON.stringify(describeRules(), null, 2)}\n`);
    else io.stdout(formatRulesListing());
    return EXIT.ok;
  },
};
