import { usageError } from '../errors.js';
import { attributeValue, parseAttributeList, splitTagLine } from './attribute-list.js';
import type { MasterPlaylist } from './master.js';
import { SEGMENT_FILE_NAME } from './subtitle-playlist.js';

/**
 * Refuses an `--out` whose playlist is someone else's: writing it would replace a video variant's
 * playlist, an audio rendition's, or captions another tool made, and the master patch, which
 * takes over a SUBTITLES line with the same URI, would drop that rendition's line too. Both are
 * data loss, and `validate` cannot see it afterwards (the master still parses).
 *
 * `playlistUri`: the subtitles playlist as the master will name it; `existingPlaylist`: the text of
 * the file at that place now, when it is a regular file. A playlist chat-replay wrote (every URI
 * in it one of its segment names) may be written again, whatever the master calls it: that is a
 * rerun, or the same output under a new --name.
 */
export function assertOutputIsOurs(
  master: MasterPlaylist,
  masterUrl: URL,
  playlistUri: string,
  out: string,
  existingPlaylist: string | undefined,
): void {
  const target = new URL(playlistUri, masterUrl).href;
  // A URI that does not parse is not ours either way (validate reports it).
  const sameTarget = (uri: string | undefined) => uri !== undefined && URL.canParse(uri, masterUrl) && new URL(uri, masterUrl).href === target;
  const refuse = (what: string) =>
    usageError(`--out ${out} would overwrite ${playlistUri}, ${what}; choose another --out (or another --name, which sets it)`);

  for (const variant of master.variants) {
    if (sameTarget(variant.uri)) throw refuse(`the playlist of a video variant of the master (line ${variant.uriLine + 1})`);
  }
  master.text.lines.forEach((line, i) => {
    if (line.startsWith('#EXT-X-I-FRAME-STREAM-INF:') && sameTarget(attributeValue(parseAttributeList(splitTagLine(line).rest), 'URI'))) {
      throw refuse(`the playlist of an I-frame variant of the master (line ${i + 1})`);
    }
  });
  for (const rendition of master.renditions) {
    if (rendition.type !== 'SUBTITLES' && sameTarget(rendition.uri)) {
      throw refuse(`the playlist of the ${rendition.type ?? 'untyped'} rendition NAME="${rendition.name ?? ''}" (line ${rendition.line + 1})`);
    }
  }
  if (existingPlaylist !== undefined && !isChatReplayPlaylist(existingPlaylist)) {
    const named = master.renditions.find((r) => sameTarget(r.uri));
    throw refuse(
      named
        ? `the playlist of the subtitles rendition NAME="${named.name ?? ''}" (line ${named.line + 1}), which chat-replay did not write`
        : 'a playlist chat-replay did not write',
    );
  }
}

/** A media playlist whose every URI is a chat-replay segment name (there is at least one). */
function isChatReplayPlaylist(text: string): boolean {
  let segments = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!SEGMENT_FILE_NAME.test(line)) return false;
    segments++;
  }
  return text.startsWith('#EXTM3U') && segments > 0;
}
