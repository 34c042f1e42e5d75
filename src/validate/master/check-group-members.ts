import type { Report } from '../reporter.js';
import { attributeKey } from './media-groups.js';
import { attr, type TagLine } from './read-master.js';

/** Attributes that may differ between corresponding members of two groups (bis §4.4.6.1.1); GROUP-ID names the group. */
const MAY_DIFFER = new Set(['GROUP-ID', 'URI', 'CHANNELS', 'BIT-DEPTH', 'STABLE-RENDITION-ID', 'INSTREAM-ID', 'SAMPLE-RATE']);

/**
 * bis §4.4.6.1.1 (RFC 8216 §4.3.4.1.1 alike): when a playlist has several groups of one TYPE, "each
 * Group of the same TYPE MUST have the same set of members, and each corresponding member MUST have
 * identical attributes" but for URI, CHANNELS, BIT-DEPTH, STABLE-RENDITION-ID, INSTREAM-ID and
 * SAMPLE-RATE. Members correspond by NAME. A player switching variants switches groups and expects
 * the same choices there: a chat track in one subtitles group and not in the other disappears with
 * the switch. Each group is compared with the first of its TYPE.
 */
export function checkGroupMembersAlike(groups: ReadonlyMap<string, readonly TagLine[]>, file: string, report: Report): void {
  const [first, ...others] = [...groups];
  if (!first) return;
  const [firstId, firstMembers] = first;
  const byName = (members: readonly TagLine[]) => new Map(members.map((m) => [attr(m, 'NAME') ?? '', m]));
  const reference = byName(firstMembers);
  for (const [groupId, members] of others) {
    const own = byName(members);
    for (const [name, media] of own) {
      const match = reference.get(name);
      if (!match) {
        report('master-group-members-differ', file, `NAME="${name}" is in group "${groupId}" but not in group "${firstId}" (line ${firstMembers[0]!.line}): groups of one TYPE must have the same members`, media.line);
        continue;
      }
      const differing = differingAttributes(match, media);
      if (differing.length > 0) {
        report('master-group-members-differ', file,
          `NAME="${name}" differs from its counterpart in group "${firstId}" (line ${match.line}) in ${differing.join(', ')}: corresponding members must be identical but for URI`,
          media.line);
      }
    }
    for (const [name, media] of reference) {
      if (!own.has(name)) {
        report('master-group-members-differ', file, `NAME="${name}" (line ${media.line}) is in group "${firstId}" but not in group "${groupId}": groups of one TYPE must have the same members`, members[0]!.line);
      }
    }
  }
}

function differingAttributes(a: TagLine, b: TagLine): string[] {
  const names = new Set([...a.attrs, ...b.attrs].map((x) => x.name).filter((name) => !MAY_DIFFER.has(name)));
  return [...names].filter((name) => attributeKey(a, name) !== attributeKey(b, name));
}
