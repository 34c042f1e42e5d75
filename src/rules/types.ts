import type { z } from 'zod';
import type { ChatMessage } from '../ingest/message.js';

/** What one rule did during a run; shown per rule in the summary and in `--json`. */
export interface RuleReport {
  rule: string;
  /** Messages this rule removed. */
  dropped: number;
  /** Messages this rule changed (text masked, truncated, classes added, time shifted...). */
  edited: number;
}

/** Where a rule's option files (e.g. `wordsFile`) are resolved from, and how they are read. */
export interface RuleLoadContext {
  /** The rules file, for error messages. */
  rulesFile: string;
  /** Its folder: relative paths in options are relative to it. */
  baseDir: string;
  readText(path: string): Promise<string>;
}

/** What `prepare` gets: the load context plus where this rule sits, so its errors can name it. */
export interface RulePrepareContext extends RuleLoadContext {
  /** `rules[3]`: the prefix of every error path about this rule. */
  rulePath: string;
}

/**
 * One business rule: a name, a one-line description, a zod schema for its options and a function
 * from messages (in time order) to the messages that stay. A rule never mutates a message it
 * receives: an edit yields a new object. Adding a rule never touches the others (see registry.ts).
 */
export interface RuleDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  options: Schema;
  /** Optional async step after validation: read files named by options, compile regexes... */
  prepare?: (options: z.infer<Schema>, ctx: RulePrepareContext) => Promise<z.infer<Schema>>;
  apply(messages: Iterable<ChatMessage>, options: z.infer<Schema>, report: RuleReport): Iterable<ChatMessage>;
}

/** A rule from a rules file, validated and ready to run. */
export interface ConfiguredRule {
  definition: RuleDefinition;
  options: unknown;
  /** Its index in the file's `rules` array, for reports and errors. */
  index: number;
}

export interface RuleSet {
  file?: string;
  rules: ConfiguredRule[];
}

/** Helps rule modules keep their own option type: `defineRule({...})` infers Schema. */
export function defineRule<Schema extends z.ZodType>(rule: RuleDefinition<Schema>): RuleDefinition<Schema> {
  return rule;
}
