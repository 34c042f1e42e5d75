import type { z } from 'zod';
import { inputError, type ChatReplayError } from '../errors.js';
import { formatZodPath } from './zod-path.js';

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  // zod refuses Infinity (JSON's 1e400) as not a number: say why, not "expected number, got number".
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to represent';
  if (Array.isArray(value)) return 'array';
  if (value === undefined) return 'nothing';
  return typeof value;
}

/** One short sentence per zod issue: `expected string, got null` rather than zod's longer default. */
export function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  // A union's own message is only "Invalid input"; its first branch's complaint says more.
  if (issue.code === 'invalid_union' && issue.errors[0]?.[0]) return describeIssue(issue.errors[0][0], valueAt(raw, issue.path));
  if (issue.code === 'invalid_type') {
    const got = valueAt(raw, issue.path);
    return got === undefined ? `missing ${issue.expected}` : `expected ${issue.expected}, got ${describeValue(got)}`;
  }
  return issue.message;
}

/**
 * A schema failure as one line: `chat.json: comments[12].commenter.display_name: expected string, got number`.
 * `where` is the record's own path (`comments[12]`) or, for JSON Lines, its line number and the path
 * of the value inside that line.
 */
export function schemaError(
  file: string,
  where: string | { line: number; path?: string },
  error: z.ZodError,
  raw: unknown,
): ChatReplayError {
  const issue = error.issues[0]!;
  const message = describeIssue(issue, raw);
  if (typeof where === 'string') return inputError(message, file, { path: formatZodPath(where, issue.path) || '(root)' });
  return inputError(message, file, { line: where.line, path: formatZodPath(where.path ?? '', issue.path) || undefined });
}
