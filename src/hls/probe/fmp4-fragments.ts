import { childrenOfType, descend, requireLength, topLevelBoxes } from './mp4-boxes.js';
import type { SourceBytes } from './types.js';

/**
 * The earliest `tfdt` baseMediaDecodeTime of each track in a media segment, over every
 * `moof/traf`, as hls.js's parseSampleData keeps it (a segment may hold several fragments).
 * BigInt because version 1 tfdt is a 64-bit count. A traf without tfdt says nothing and is skipped.
 */
export function earliestDecodeTimes(segment: SourceBytes): Map<number, bigint> {
  const earliest = new Map<number, bigint>();
  for (const moof of topLevelBoxes(segment)) {
    if (moof.type !== 'moof') continue;
    for (const traf of childrenOfType(moof, 'traf', segment.source)) {
      const tfhd = descend(traf, ['tfhd'], segment.source);
      const tfdt = descend(traf, ['tfdt'], segment.source);
      if (!tfhd || !tfdt) continue;
      const trackId = requireLength(tfhd, 8, segment.source).getUint32(4);
      const version = tfdt.payload[0];
      const view = requireLength(tfdt, version === 1 ? 12 : 8, segment.source);
      const decodeTime = version === 1 ? view.getBigUint64(4) : BigInt(view.getUint32(4));
      const known = earliest.get(trackId);
      if (known === undefined || decodeTime < known) earliest.set(trackId, decodeTime);
    }
  }
  return earliest;
}
