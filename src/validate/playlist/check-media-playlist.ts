import type { Report } from '../reporter.js';
import type { MediaPlaylist } from './read-media-playlist.js';

/** Rules a subtitle media playlist must meet on its own (§1.3): header, tags, EXTINF, TARGETDURATION, VERSION. */
export function checkMediaPlaylist(pl: MediaPlaylist, file: string, report: Report): void {
  if (!pl.hasHeader) report('playlist-header-missing', file, 'first line is not #EXTM3U', 1);
  for (const { value, line } of pl.duplicateTags) report('playlist-tag-duplicate', file, `${value} appears more than once`, line);
  for (const { value, line } of pl.invalidExtinf) report('playlist-extinf-invalid', file, `EXTINF duration "${value}" is not a decimal number`, line);
  for (const line of pl.extinfWithoutUri) report('playlist-extinf-uri-missing', file, 'EXTINF is not followed by a segment URI', line);

  const td = pl.targetDuration;
  if (!td || !Number.isInteger(td.value) || td.value < 1) {
    report('playlist-targetduration-missing', file,
      td ? `EXT-X-TARGETDURATION:${td.value} must be an integer of at least 1` : 'no EXT-X-TARGETDURATION (it is required)', td?.line ?? 1);
  } else {
    for (const seg of pl.segments) {
      if (seg.durationUs === undefined) continue;
      // "when rounded to the nearest integer": half a second rounds up.
      const rounded = Math.floor((seg.durationUs + 500_000) / 1_000_000);
      if (rounded > td.value) {
        report('playlist-targetduration-exceeded', file,
          `EXTINF:${seg.durationText} rounds to ${rounded} s, above EXT-X-TARGETDURATION:${td.value}`, seg.line);
      }
    }
  }

  // RFC 8216 §7 asks VERSION 3 of "floating-point" EXTINF values: the spelling counts, not the
  // value, so `6.000000` needs it too (a version 2 client parses the duration as an integer).
  const decimal = pl.segments.find((s) => s.durationUs !== undefined && s.durationText.includes('.'));
  const version = pl.version?.value ?? 1;
  if (decimal && version < 3) {
    report('playlist-version-too-low', file,
      `EXTINF:${decimal.durationText} is written as a decimal, which needs EXT-X-VERSION:3 or higher (found ${pl.version ? version : 'none, i.e. 1'})`,
      pl.version?.line ?? decimal.line);
  }
}
