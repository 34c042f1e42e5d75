import type { Author } from '../../ingest/message.js';

/** Case- and width-insensitive form of a user name or id (`ＮｉｇｈｔＢｏｔ` = `nightbot`). */
export function foldName(name: string): string {
  return name.normalize('NFKC').toLowerCase().trim();
}

/**
 * A test for "this author is one of these users": the list holds display names or ids, matched
 * case-insensitively against both, so a list can mix `Nightbot` and `UC1234...` channel ids.
 */
export function authorMatcher(users: Iterable<string>): (author: Author) => boolean {
  const set = new Set<string>();
  for (const u of users) set.add(foldName(u));
  if (set.size === 0) return () => false;
  return (author) => set.has(foldName(author.name)) || (author.id !== undefined && set.has(foldName(author.id)));
}
