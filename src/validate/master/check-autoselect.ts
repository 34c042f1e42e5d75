import type { Report } from '../reporter.js';
import { attributeKey } from './media-groups.js';
import { attr, type TagLine } from './read-master.js';

/** What tells AUTOSELECT=YES members of a group apart (bis §4.4.6.1.1). */
const DISTINGUISHING = ['LANGUAGE', 'ASSOC-LANGUAGE', 'FORCED', 'CHARACTERISTICS'] as const;

/**
 * bis §4.4.6.1.1: each AUTOSELECT=YES member of a group "SHOULD have a combination of LANGUAGE,
 * ASSOC-LANGUAGE, FORCED, and CHARACTERISTICS attributes that is distinct from those of other
 * AUTOSELECT=YES members" (RFC 8216 said MUST, for LANGUAGE alone). A player choosing a track by
 * the viewer's language cannot tell two such members apart: a chat track packaged with --default
 * and LANGUAGE="ko" beside Korean captions, say. A warning, as the current text is a SHOULD.
 */
export function checkAutoselectDistinct(members: readonly TagLine[], file: string, report: Report): void {
  const firstByKey = new Map<string, TagLine>();
  for (const media of members) {
    if (attr(media, 'AUTOSELECT') !== 'YES') continue;
    const key = DISTINGUISHING.map((name) => meaning(media, name)).join('\u0000');
    const first = firstByKey.get(key);
    if (!first) {
      firstByKey.set(key, media);
      continue;
    }
    const language = attr(media, 'LANGUAGE');
    report('master-media-autoselect-ambiguous', file,
      `AUTOSELECT=YES with ${language === undefined ? 'no LANGUAGE' : `LANGUAGE="${language}"`}, like NAME="${attr(first, 'NAME') ?? ''}" on line ${first.line} in group "${attr(media, 'GROUP-ID')}": ` +
        'a player choosing by language cannot tell them apart (set AUTOSELECT=NO on one, or tell them apart by CHARACTERISTICS)',
      media.line);
  }
}

/**
 * What an attribute says, for telling members apart: language tags compare without regard to case
 * (RFC 5646 §2.1.1: `ko` and `KO` are one language), CHARACTERISTICS as a set of UTIs in any order.
 */
function meaning(media: TagLine, name: (typeof DISTINGUISHING)[number]): string {
  const key = attributeKey(media, name);
  if (name === 'LANGUAGE' || name === 'ASSOC-LANGUAGE') return key.toLowerCase();
  if (name === 'CHARACTERISTICS') return key.split(',').map((uti) => uti.trim()).sort().join(',');
  return key;
}
