import type { RuleDefinition } from './types.js';
import dropDeleted from './drop-deleted.js';

/** Every rule, in the order `chat-replay rules` lists them. Adding a rule = one import and one entry. */
export const RULES: readonly RuleDefinition[] = [dropDeleted as RuleDefinition];

export function findRule(name: string): RuleDefinition | undefined {
  return RULES.find((r) => r.name === name);
}
