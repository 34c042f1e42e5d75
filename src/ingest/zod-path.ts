/** `messages[3]` + ['author','name'] → `messages[3].author.name`: the path a person can find in the file. */
export function formatZodPath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
