/** Joins parts collected from several transport packets into one view (no copy for a single part). */
export function concatBytes(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const joined = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}

/** A byte as two hex digits, the way error messages quote bytes. */
export function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
