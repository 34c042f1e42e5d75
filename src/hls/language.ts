import { usageError } from '../errors.js';

/**
 * LANGUAGE must be a BCP-47 tag (RFC 8216bis §4.4.6.1). Intl knows the grammar; we write its
 * canonical form (`KO` → `ko`, `en-us` → `en-US`).
 */
export function canonicalLanguageTag(tag: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical) return canonical;
  } catch {
    // fall through to the error below
  }
  throw usageError(`--language "${tag}" is not a valid BCP-47 language tag (e.g. ko, en, pt-BR, und)`);
}
