import type { Report } from '../reporter.js';
import { attr, type MasterPlaylist, type TagLine } from './read-master.js';

/** Group rules (§1.4): NAME unique within a group, at most one DEFAULT=YES per group. */
export function checkGroups(master: MasterPlaylist, file: string, report: Report): void {
  const groups = new Map<string, TagLine[]>();
  for (const media of master.media) {
    const type = attr(media, 'TYPE');
    const group = attr(media, 'GROUP-ID');
    if (!type || !group) continue;
    // Groups are per TYPE: an AUDIO and a SUBTITLES group may share a GROUP-ID.
    const key = `${type}\u0000${group}`;
    groups.set(key, [...(groups.get(key) ?? []), media]);
  }
  for (const members of groups.values()) {
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
}
