import type { Report } from '../reporter.js';
import { checkAutoselectDistinct } from './check-autoselect.js';
import { checkGroupMembersAlike } from './check-group-members.js';
import { mediaGroups } from './media-groups.js';
import { attr, type MasterPlaylist, type TagLine } from './read-master.js';

/**
 * Group rules (§1.4): NAME unique within a group, at most one DEFAULT=YES per group, AUTOSELECT=YES
 * members distinguishable (check-autoselect.ts), and groups of one TYPE alike (check-group-members.ts).
 */
export function checkGroups(master: MasterPlaylist, file: string, report: Report): void {
  for (const groups of mediaGroups(master).values()) {
    for (const members of groups.values()) {
      checkNamesAndDefault(members, file, report);
      checkAutoselectDistinct(members, file, report);
    }
    checkGroupMembersAlike(groups, file, report);
  }
}

function checkNamesAndDefault(members: readonly TagLine[], file: string, report: Report): void {
  const firstByName = new Map<string, TagLine>();
  let firstDefault: TagLine | undefined;
  for (const media of members) {
    const group = attr(media, 'GROUP-ID');
    const name = attr(media, 'NAME');
    if (name) {
      const first = firstByName.get(name);
      if (first) {
        report('master-media-name-duplicate', file,
          `NAME="${name}" is already used in group "${group}" on line ${first.line}`, media.line);
      } else firstByName.set(name, media);
    }
    if (attr(media, 'DEFAULT') === 'YES') {
      if (firstDefault) {
        report('master-media-default-multiple', file,
          `group "${group}" already has DEFAULT=YES on line ${firstDefault.line}`, media.line);
      } else firstDefault = media;
    }
  }
}
