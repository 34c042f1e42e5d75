import type { Report } from '../reporter.js';
import { attr, subtitleMedia, type MasterPlaylist } from './read-master.js';

/**
 * Variant rules (§1.5): a SUBTITLES reference must name an existing SUBTITLES group, I-frame
 * variants must not carry one, and a variant without one loses the track in stricter players.
 */
export function checkVariants(master: MasterPlaylist, file: string, report: Report): void {
  const groups = new Set(subtitleMedia(master).map((m) => attr(m, 'GROUP-ID')).filter((g) => g !== undefined));
  for (const { tag, uri } of master.variants) {
    if (uri === undefined) report('master-stream-inf-uri-missing', file, 'EXT-X-STREAM-INF is not followed by a URI line', tag.line);
    const group = attr(tag, 'SUBTITLES');
    if (group === undefined) {
      if (groups.size > 0) {
        report('master-stream-inf-subtitles-absent', file,
          `variant has no SUBTITLES attribute, so players may not offer ${[...groups].map((g) => `"${g}"`).join(', ')} with it`, tag.line);
      }
    } else if (!groups.has(group)) {
      report('master-stream-inf-group-unknown', file, `SUBTITLES="${group}" matches no EXT-X-MEDIA TYPE=SUBTITLES GROUP-ID`, tag.line);
    }
  }
  for (const iframe of master.iframes) {
    if (attr(iframe, 'SUBTITLES') !== undefined) {
      report('master-iframe-subtitles', file, 'EXT-X-I-FRAME-STREAM-INF must not have a SUBTITLES attribute', iframe.line);
    }
  }
}
