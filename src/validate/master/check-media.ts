import { attributeListSyntaxError } from '../../hls/attribute-list.js';
import { canonicalFormOfLanguageTag } from '../../hls/language.js';
import type { Report } from '../reporter.js';
import { attr, type MasterPlaylist, type TagLine } from './read-master.js';

/**
 * Per-tag EXT-X-MEDIA rules (§1.4): required attributes, URI naming a playlist, BCP 47 languages,
 * DEFAULT ⇒ AUTOSELECT, and no FORCED chat. Attribute-list duplicates are checked on every tag.
 */
export function checkMediaTags(master: MasterPlaylist, file: string, report: Report): void {
  for (const tag of [...master.media, ...master.variants.map((v) => v.tag), ...master.iframes]) {
    const syntax = attributeListSyntaxError(tag.rest);
    if (syntax) report('master-attribute-syntax', file, `${tag.tag}: ${syntax}`, tag.line);
    checkDuplicateAttributes(tag, file, report);
  }
  for (const media of master.media) checkMedia(media, file, report);
}

function checkDuplicateAttributes(tag: TagLine, file: string, report: Report): void {
  const seen = new Set<string>();
  for (const { name } of tag.attrs) {
    if (seen.has(name)) report('master-attribute-duplicate', file, `${tag.tag} has ${name} more than once`, tag.line);
    seen.add(name);
  }
}

function checkMedia(media: TagLine, file: string, report: Report): void {
  const type = attr(media, 'TYPE');
  const { line } = media;
  if (!type) report('master-media-type-missing', file, 'EXT-X-MEDIA has no TYPE', line);
  if (!attr(media, 'GROUP-ID')) report('master-media-group-id-missing', file, 'EXT-X-MEDIA has no GROUP-ID', line);
  if (!attr(media, 'NAME')) report('master-media-name-missing', file, 'EXT-X-MEDIA has no NAME', line);

  for (const name of ['LANGUAGE', 'ASSOC-LANGUAGE']) {
    const value = attr(media, name);
    if (value !== undefined && canonicalFormOfLanguageTag(value) === undefined) {
      report('master-media-language-invalid', file, `${name}="${value}" is not a BCP 47 language tag (e.g. "en", "pt-BR", "und")`, line);
    }
  }

  const isDefault = attr(media, 'DEFAULT') === 'YES';
  const autoselect = attr(media, 'AUTOSELECT');
  if (isDefault && autoselect !== 'YES') {
    report('master-media-default-without-autoselect', file,
      `DEFAULT=YES needs AUTOSELECT=YES (found ${autoselect === undefined ? 'no AUTOSELECT' : `AUTOSELECT=${autoselect}`})`, line);
  }

  if (type !== 'SUBTITLES') return;
  if (attr(media, 'FORCED') === 'YES') {
    report('master-media-forced', file, 'FORCED=YES: Safari and video.js will not offer this track', line);
  }
  const uri = attr(media, 'URI');
  if (!uri) report('master-media-uri-missing', file, 'SUBTITLES rendition has no URI', line);
  else if (!namesPlaylist(uri)) {
    report('master-media-uri-not-playlist', file, `URI="${uri}" must name a media playlist ending in .m3u8`, line);
  }
}

/** bis §4 accepts a path ending in .m3u8 or .m3u; the query string does not count. */
export function namesPlaylist(uri: string): boolean {
  const path = uri.split(/[?#]/)[0] ?? '';
  return /\.m3u8?$/i.test(path);
}
