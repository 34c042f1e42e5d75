import type { ChatMessage } from '../../src/ingest/message.js';
import { findRule } from '../../src/rules/registry.js';
import type { RulePrepareContext, RuleReport } from '../../src/rules/types.js';

let counter = 0;

/** A chat message with sensible defaults; override what the test is about. */
export function msg(text: string, over: Partial<Omit<ChatMessage, 'author'>> & { author?: Partial<ChatMessage['author']> } = {}): ChatMessage {
  const { author, ...rest } = over;
  counter++;
  return {
    id: `m${counter}`,
    timeMs: counter * 1000,
    text,
    kind: 'chat',
    deleted: false,
    ...rest,
    author: { name: 'viewer', roles: [], ...author },
  };
}

/** In-memory files for rules that read one (`wordsFile`). */
export function memoryContext(files: Record<string, string> = {}, rulePath = 'rules[0]'): RulePrepareContext {
  return {
    rulesFile: '/rules/test.json',
    baseDir: '/rules',
    rulePath,
    async readText(path) {
      const text = files[path];
      if (text === undefined) throw new Error(`no such file: ${path}`);
      return text;
    },
  };
}

/**
 * Runs one rule as a rules file would: options validated (defaults filled in), prepared, applied
 * to the whole input. Returns what came out and the report.
 */
export async function runRule(
  name: string,
  options: Record<string, unknown>,
  messages: ChatMessage[],
  files: Record<string, string> = {},
): Promise<{ out: ChatMessage[]; report: RuleReport }> {
  const rule = findRule(name);
  if (!rule) throw new Error(`no rule ${name}`);
  let parsed = rule.options.parse(options);
  if (rule.prepare) parsed = await rule.prepare(parsed, memoryContext(files));
  const report: RuleReport = { rule: name, dropped: 0, edited: 0 };
  const frozen = messages.map((m) => deepFreeze(structuredClone(m)));
  const out = [...rule.apply(frozen, parsed, report)];
  return { out, report };
}

/** Rules must never mutate an input message: freezing makes any attempt throw in strict mode. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const texts = (ms: ChatMessage[]) => ms.map((m) => m.text);
export const ids = (ms: ChatMessage[]) => ms.map((m) => m.id);
