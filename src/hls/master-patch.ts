import { inputError } from '../errors.js';
import { attributeListSyntaxError, attributeValue, quote, splitTagLine } from './attribute-list.js';
import type { MasterPlaylist, MasterRendition } from './master.js';
import { joinPlaylistLines } from './playlist-lines.js';

export interface SubtitleRenditionSpec {
  /** GROUP-ID to use when no variant references a subtitles group yet. */
  group: string;
  name: string;
  /** A canonical BCP-47 tag (see language.ts). */
  language: string;
  default: boolean;
  /** Relative to the master, percent-encoded. */
  uri: string;
}

export interface MasterPatch {
  text: string;
  changed: boolean;
  /** The groups the rendition is a member of (several when the master has several subtitles groups). */
  groups: string[];
  /** Variants that gained a SUBTITLES attribute. */
  variantsLinked: number;
  /** Existing EXT-X-MEDIA lines replaced in place (a re-run), vs inserted. */
  replaced: number;
  inserted: number;
}

/** `#EXT-X-MEDIA:TYPE=SUBTITLES,...` in a fixed attribute order, so re-runs produce the same bytes. */
export function renditionLine(spec: SubtitleRenditionSpec, group: string): string {
  const yesNo = (b: boolean) => (b ? 'YES' : 'NO');
  return (
    `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=${quote(group)},NAME=${quote(spec.name)},` +
    `LANGUAGE=${quote(spec.language)},DEFAULT=${yesNo(spec.default)},AUTOSELECT=${yesNo(spec.default)},` +
    `URI=${quote(spec.uri)}`
  );
}

const isSubtitles = (r: MasterRendition) => r.type === 'SUBTITLES';

/**
 * The subtitles groups the chat joins, the one variants without SUBTITLES are linked to first.
 * Groups of one TYPE must have the same members (RFC 8216bis §4.4.6.1.1), so the chat joins every
 * subtitles group the master has, whether variants reference it or not. When none does, the chat
 * goes in `group`: a new group beside existing ones would differ from them, so that is refused
 * unless `group` is one of them (the user then chose to make its renditions reachable).
 */
function groupsToJoin(master: MasterPlaylist, referenced: string[], group: string): string[] {
  const existing = master.renditions.filter((r) => isSubtitles(r) && r.groupId !== undefined);
  const unreferenced = [...new Set(existing.map((r) => r.groupId!))].filter((g) => !referenced.includes(g));
  if (referenced.length > 0) return [...referenced, ...unreferenced];
  if (unreferenced.length === 0 || unreferenced.includes(group)) return [group, ...unreferenced.filter((g) => g !== group)];
  const first = existing[0]!;
  throw inputError(
    `the master has subtitles group "${first.groupId}" (NAME="${first.name ?? ''}"), which no variant uses; a new group "${group}" beside it ` +
      `would have to hold the same renditions (RFC 8216bis §4.4.6.1.1): pass --group ${JSON.stringify(first.groupId)} to join it ` +
      '(its renditions then become reachable from every variant), or remove it from the master',
    master.file,
    { line: first.line + 1 },
  );
}

/**
 * The patch reads GROUP-ID, NAME and URI from EXT-X-MEDIA lines and appends to EXT-X-STREAM-INF
 * lines, so those must be well-formed attribute lists: read leniently, an unterminated quote
 * swallowed the rest of its line, and `,SUBTITLES="chat"` landed inside CODECS, making a master
 * worse than it was with exit 0. (validate reports the same as master-attribute-syntax.)
 */
function assertPatchableAttributeLists(master: MasterPlaylist): void {
  // Spaces around attributes are let through: players accept them and the patch stays correct.
  const lines = [...master.variants.map((v) => v.line), ...master.renditions.map((r) => r.line)].sort((a, b) => a - b);
  for (const i of lines) {
    const error = attributeListSyntaxError(splitTagLine(master.text.lines[i]!).rest.trimEnd(), { spacesAllowed: true });
    if (error) throw inputError(`${error}: fix the master's attribute list before packaging into it`, master.file, { line: i + 1 });
  }
}

/**
 * Registers the rendition by editing the master's text line by line (never re-serialising it, which
 * loses comments, vendor tags and attribute order):
 * - the chat joins every subtitles group, so groups of one TYPE stay alike and existing captions
 *   stay reachable (a variant can name only one group); variants link to the first they reference,
 *   or to `spec.group` (see groupsToJoin);
 * - in each group, an EXT-X-MEDIA with the same NAME or the same URI is ours from an earlier run and
 *   is replaced in place; otherwise one line is inserted after the last EXT-X-MEDIA (or before the
 *   first EXT-X-STREAM-INF);
 * - every EXT-X-STREAM-INF without SUBTITLES gets `,SUBTITLES="<group>"` appended; I-frame variants
 *   never do (RFC 8216bis §4.4.6.3).
 * Every other byte stays as it was, and applying the same patch twice changes nothing.
 */
export function patchMaster(master: MasterPlaylist, spec: SubtitleRenditionSpec): MasterPatch {
  assertPatchableAttributeLists(master);
  const lines = [...master.text.lines];
  const endings = [...master.text.endings];
  const eol = endings.find((e) => e !== '') ?? '\n';

  const referenced = [
    ...new Set(
      master.variants.map((v) => attributeValue(v.attributes, 'SUBTITLES')).filter((g): g is string => g !== undefined),
    ),
  ];
  const groups = groupsToJoin(master, referenced, spec.group);

  const toInsert: string[] = [];
  let replaced = 0;
  for (const group of groups) {
    const members = master.renditions.filter((r) => isSubtitles(r) && r.groupId === group);
    const ours = members.filter((r) => r.name === spec.name || r.uri === spec.uri);
    const others = members.filter((r) => !ours.includes(r));
    if (spec.default) {
      const otherDefault = others.find((r) => attributeValue(r.attributes, 'DEFAULT') === 'YES');
      if (otherDefault) {
        throw inputError(
          `subtitles group "${group}" already has a DEFAULT=YES rendition (NAME="${otherDefault.name}"); a group may have only one, so --default cannot be used`,
          master.file,
          { line: otherDefault.line + 1 },
        );
      }
    }
    const line = renditionLine(spec, group);
    if (ours.length > 0) {
      lines[ours[0]!.line] = line;
      replaced++;
      // Stale duplicates of ours (same NAME or URI twice) would break NAME uniqueness: drop them.
      for (const dup of ours.slice(1)) lines[dup.line] = DELETED;
    } else {
      toInsert.push(line);
    }
  }

  let variantsLinked = 0;
  for (const v of master.variants) {
    if (attributeValue(v.attributes, 'SUBTITLES') !== undefined) continue;
    lines[v.line] = `${lines[v.line]!},SUBTITLES=${quote(groups[0]!)}`;
    variantsLinked++;
  }

  if (toInsert.length > 0) {
    const lastMedia = master.renditions.at(-1);
    const at = lastMedia ? lastMedia.line + 1 : master.variants[0]!.line;
    lines.splice(at, 0, ...toInsert);
    endings.splice(at, 0, ...toInsert.map(() => eol));
    // A master whose last line had no terminator keeps that, but an inserted last line needs one before it.
    if (at === lines.length - toInsert.length && endings[at - 1] === '') endings[at - 1] = eol;
  }

  const keptLines: string[] = [];
  const keptEndings: string[] = [];
  lines.forEach((l, i) => {
    if (l !== DELETED) {
      keptLines.push(l);
      keptEndings.push(endings[i]!);
    }
  });
  const text = joinPlaylistLines({ lines: keptLines, endings: keptEndings, bom: master.text.bom });
  return {
    text,
    changed: text !== joinPlaylistLines(master.text),
    groups,
    variantsLinked,
    replaced,
    inserted: toInsert.length,
  };
}

const DELETED = '\u0000deleted';
