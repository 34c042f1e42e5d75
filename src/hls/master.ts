import { inputError } from '../errors.js';
import { attributeValue, parseAttributeList, splitTagLine, type Attribute } from './attribute-list.js';
import { classifyPlaylist, splitPlaylistLines, type PlaylistLines } from './playlist-lines.js';

export interface MasterVariant {
  /** Index of the EXT-X-STREAM-INF line. */
  line: number;
  attributes: Attribute[];
  /** The URI line as written, and its index. */
  uri: string;
  uriLine: number;
}

export interface MasterRendition {
  line: number;
  attributes: Attribute[];
  type?: string;
  groupId?: string;
  name?: string;
  uri?: string;
}

export interface MasterPlaylist {
  file: string;
  text: PlaylistLines;
  variants: MasterVariant[];
  renditions: MasterRendition[];
}

/** Reads a master (multivariant) playlist into its lines plus the variants and renditions found in them. */
export function parseMaster(source: string, file: string): MasterPlaylist {
  const text = splitPlaylistLines(source);
  const kind = classifyPlaylist(text, file);
  if (kind !== 'master') {
    throw inputError('expected a master playlist with EXT-X-STREAM-INF variants, found a media playlist', file);
  }
  const variants: MasterVariant[] = [];
  const renditions: MasterRendition[] = [];
  const { lines } = text;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('#EXT-X-STREAM-INF:')) {
      const attributes = parseAttributeList(splitTagLine(line).rest);
      let j = i + 1;
      while (j < lines.length && (lines[j]!.trim() === '' || lines[j]!.startsWith('#'))) {
        if (lines[j]!.startsWith('#EXT-X-STREAM-INF') || lines[j]!.startsWith('#EXT-X-MEDIA')) break;
        j++;
      }
      const uri = lines[j]?.trim();
      if (!uri || uri.startsWith('#')) {
        throw inputError('EXT-X-STREAM-INF is not followed by a variant URI', file, { line: i + 1 });
      }
      variants.push({ line: i, attributes, uri, uriLine: j });
      i = j;
    } else if (line.startsWith('#EXT-X-MEDIA:')) {
      const attributes = parseAttributeList(splitTagLine(line).rest);
      renditions.push({
        line: i,
        attributes,
        type: attributeValue(attributes, 'TYPE'),
        groupId: attributeValue(attributes, 'GROUP-ID'),
        name: attributeValue(attributes, 'NAME'),
        uri: attributeValue(attributes, 'URI'),
      });
    }
  }
  if (variants.length === 0) throw inputError('master playlist has no EXT-X-STREAM-INF variants', file);
  return { file, text, variants, renditions };
}

/** The variant whose media playlist sets the timeline: the first, or the one `--video` names. */
export function pickVideoVariant(master: MasterPlaylist, videoUri: string | undefined): MasterVariant {
  if (videoUri === undefined) return master.variants[0]!;
  const found = master.variants.find((v) => v.uri === videoUri);
  if (!found) {
    throw inputError(
      `--video ${videoUri} is not a variant of the master (variants: ${master.variants.map((v) => v.uri).join(', ')})`,
      master.file,
    );
  }
  return found;
}
