import type { ChatMessage } from '../ingest/message.js';
import type { RuleReport, RuleSet } from './types.js';

/**
 * Chains the rules lazily, in file order. The reports fill in as the returned iterable is consumed,
 * so read them only after iterating to the end.
 */
export function applyRuleSet(
  messages: Iterable<ChatMessage>,
  ruleSet: RuleSet,
): { messages: Iterable<ChatMessage>; reports: RuleReport[] } {
  const reports: RuleReport[] = [];
  let stream = messages;
  for (const rule of ruleSet.rules) {
    const report: RuleReport = { rule: rule.definition.name, dropped: 0, edited: 0 };
    reports.push(report);
    stream = rule.definition.apply(stream, rule.options, report);
  }
  return { messages: stream, reports };
}
