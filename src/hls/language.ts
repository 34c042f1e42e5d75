import { usageError } from '../errors.js';

/**
 * RFC 5646 `privateuse` (§2.1): `x-` and subtags of 1 to 8 letters or digits. A tag that is all
 * private use (`x-chat`) is a valid language tag, but Intl checks ECMA-402's locale identifiers,
 * which must start with a language subtag: it accepts `en-x-twitch` and refuses `x-chat`.
 */
const PRIVATE_USE_TAG = /^x(-[a-z0-9]{1,8})+$/i;

/**
 * The canonical form of a BCP 47 language tag (`KO` → `ko`, `en-us` → `en-US`, `X-Chat` →
 * `x-chat`), or undefined when `tag` is not one we accept. The one place package and validate
 * decide what a valid LANGUAGE is. Intl knows the grammar and the case rules (§2.1.1: private-use
 * subtags are lowercase). The irregular grandfathered tags (`i-klingon`, `en-GB-oed`) match no
 * production but their own list; RFC 5646 keeps them valid but deprecated in favour of a modern
 * subtag (`tlh`), and Intl, hence the players' browsers, refuses them, so they are refused here too.
 */
export function canonicalFormOfLanguageTag(tag: string): string | undefined {
  if (PRIVATE_USE_TAG.test(tag)) return tag.toLowerCase();
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** LANGUAGE must be a BCP-47 tag (RFC 8216bis §4.4.6.1); we write its canonical form. */
export function canonicalLanguageTag(tag: string): string {
  const canonical = canonicalFormOfLanguageTag(tag);
  if (canonical !== undefined) return canonical;
  throw usageError(`--language "${tag}" is not a valid BCP-47 language tag (e.g. ko, en, pt-BR, und, x-chat)`);
}
