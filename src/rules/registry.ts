import type { RuleDefinition } from './types.js';
import bannedWords from './banned-words.js';
import blockUsers from './block-users.js';
import collapseWhitespace from './collapse-whitespace.js';
import dedupe from './dedupe.js';
import dropBots from './drop-bots.js';
import dropDeleted from './drop-deleted.js';
import emoteOnly from './emote-only.js';
import highlight from './highlight.js';
import kinds from './kinds.js';
import links from './links.js';
import maxLength from './max-length.js';
import minLength from './min-length.js';
import rateLimit from './rate-limit.js';
import shift from './shift.js';
import timeWindow from './time-window.js';

/**
 * Every rule, in the order `chat-replay rules` lists them: removal by who, by what, by when,
 * then edits, then pacing and styling. Adding a rule = one import and one entry.
 */
export const RULES: readonly RuleDefinition[] = [
  dropDeleted,
  blockUsers,
  dropBots,
  bannedWords,
  links,
  dedupe,
  emoteOnly,
  minLength,
  maxLength,
  collapseWhitespace,
  kinds,
  timeWindow,
  shift,
  rateLimit,
  highlight,
] as RuleDefinition[];

export function findRule(name: string): RuleDefinition | undefined {
  return RULES.find((r) => r.name === name);
}
