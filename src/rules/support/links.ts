/**
 * Finding links in chat text. Scheme links (`https://…`) and `www.` links always count; bare
 * domains (`example.com/x`) only with a known top-level domain, so `hi.there` or `v1.2` stay text.
 * E-mail addresses are not links (the lookbehind refuses a domain right after `@`).
 */
const COMMON_TLDS = [
  'com', 'net', 'org', 'io', 'gg', 'tv', 'kr', 'co', 'me', 'ly', 'be', 'app', 'dev', 'xyz', 'info', 'live',
  'link', 'shop', 'site', 'club', 'us', 'uk', 'jp', 'de', 'fr', 'ru', 'cn', 'to', 'fm', 'so', 'ai', 'gl',
];
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?';
const REST = '[^\\s<>"]*';
const SCHEME_OR_WWW = `(?:https?:\\/\\/|www\\.)[^\\s<>"]+`;
const BARE_DOMAIN = `(?<![\\p{L}\\p{N}@._-])(?:${LABEL}\\.)+(?:${COMMON_TLDS.join('|')})(?![\\p{L}\\p{N}-])(?:[/?#]${REST})?`;

/** Global: use with `replace` only (it resets lastIndex). Built once, never per message. */
export const LINK = new RegExp(`(?<![\\p{L}\\p{N}])${SCHEME_OR_WWW}|${BARE_DOMAIN}`, 'giu');

// Sentence punctuation right after a link belongs to the sentence: "see x.com/a)." → "x.com/a".
const TRAILING_PUNCTUATION = /[.,!?;:)\]}'"…]+$/u;

/** Splits a raw match into the link and the punctuation that followed it. */
export function splitTrailingPunctuation(match: string): [link: string, tail: string] {
  const tail = TRAILING_PUNCTUATION.exec(match)?.[0] ?? '';
  return [match.slice(0, match.length - tail.length), tail];
}

/** `https://user@www.YouTube.com:443/watch?v=1` → `youtube.com`. */
export function linkDomain(link: string): string {
  const host = link
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/^[^/?#@]*@/, '')
    .split(/[/?#:]/, 1)[0]!;
  return host.toLowerCase().replace(/^www\./, '');
}

/** Whether `domain` is one of `allowed` or a subdomain of one. */
export function domainAllowed(domain: string, allowed: ReadonlySet<string>): boolean {
  for (let d = domain; ; ) {
    if (allowed.has(d)) return true;
    const dot = d.indexOf('.');
    if (dot < 0) return false;
    d = d.slice(dot + 1);
  }
}
