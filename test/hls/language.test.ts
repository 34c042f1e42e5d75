import { describe, expect, it } from 'vitest';
import { canonicalFormOfLanguageTag, canonicalLanguageTag } from '../../src/hls/language.js';

describe('canonicalLanguageTag', () => {
  it('accepts BCP-47 tags in canonical form and rejects others', () => {
    expect(canonicalLanguageTag('ko')).toBe('ko');
    expect(canonicalLanguageTag('EN-us')).toBe('en-US');
    expect(canonicalLanguageTag('und')).toBe('und');
    expect(() => canonicalLanguageTag('korean language')).toThrow(/not a valid BCP-47/);
    expect(() => canonicalLanguageTag('')).toThrow(/not a valid BCP-47/);
  });

  it('accepts private-use tags (RFC 5646 privateuse), lowercased as §2.1.1 writes them', () => {
    // Intl refuses a tag that is only private use; RFC 5646 does not.
    expect(canonicalLanguageTag('x-chat')).toBe('x-chat');
    expect(canonicalLanguageTag('X-Chat')).toBe('x-chat');
    expect(canonicalLanguageTag('x-a-12345678')).toBe('x-a-12345678');
    expect(canonicalLanguageTag('EN-X-Twitch')).toBe('en-x-twitch');
    for (const bad of ['x', 'x-', 'x-123456789', 'x-a_b', 'x--a']) expect(() => canonicalLanguageTag(bad), bad).toThrow(/not a valid BCP-47/);
  });

  it('refuses the irregular grandfathered tags, deprecated for modern subtags and refused by Intl', () => {
    for (const tag of ['i-klingon', 'en-GB-oed', 'i-default']) expect(canonicalFormOfLanguageTag(tag), tag).toBeUndefined();
  });
});
