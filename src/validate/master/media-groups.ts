import { attr, type MasterPlaylist, type TagLine } from './read-master.js';

/**
 * The master's rendition groups: by TYPE, then by GROUP-ID, members in playlist order. Groups are
 * per TYPE: an AUDIO and a SUBTITLES group may share a GROUP-ID. Tags without either are left out
 * (checkMediaTags reports them).
 */
export function mediaGroups(master: MasterPlaylist): Map<string, Map<string, TagLine[]>> {
  const byType = new Map<string, Map<string, TagLine[]>>();
  for (const media of master.media) {
    const type = attr(media, 'TYPE');
    const group = attr(media, 'GROUP-ID');
    if (!type || !group) continue;
    let groups = byType.get(type);
    if (!groups) byType.set(type, (groups = new Map()));
    let members = groups.get(group);
    if (!members) groups.set(group, (members = []));
    members.push(media);
  }
  return byType;
}

/** YES/NO attributes whose absence means NO (bis §4.4.6.1): `DEFAULT=NO` and no DEFAULT say the same. */
const NO_BY_DEFAULT = new Set(['DEFAULT', 'AUTOSELECT', 'FORCED']);

/** An attribute's value for comparing two tags: as written, or NO for an absent YES/NO attribute, '' for any other absent one. */
export function attributeKey(media: TagLine, name: string): string {
  return attr(media, name) ?? (NO_BY_DEFAULT.has(name) ? 'NO' : '');
}
