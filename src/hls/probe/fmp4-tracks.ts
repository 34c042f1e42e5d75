import { inputError } from '../../errors.js';
import { childrenOfType, descend, requireLength, topLevelBoxes } from './mp4-boxes.js';
import type { SourceBytes } from './types.js';

export interface Mp4Track {
  id: number;
  /** `mdhd` timescale: units per second of every time in this track's fragments. */
  timescale: number;
  /** `hdlr` handler type: 'vide', 'soun', 'text', 'meta', … */
  handler: string;
}

/** The audio and video tracks hls.js plays from an init segment, keyed by the kind. */
export interface PlayedTracks {
  video?: Mp4Track;
  audio?: Mp4Track;
}

/**
 * Reads `moov/trak` of an init segment: track_ID from `tkhd`, timescale from `mdia/mdhd`, kind from
 * `mdia/hdlr`. Like hls.js's parseInitSegment, the last 'vide' and the last 'soun' track are the
 * ones played. Undefined when there is no `moov` (a media segment passed as its own init).
 */
export function readPlayedTracks(init: SourceBytes): PlayedTracks | undefined {
  const moov = [...topLevelBoxes(init)].find((box) => box.type === 'moov');
  if (!moov) return undefined;
  const played: PlayedTracks = {};
  for (const trak of childrenOfType(moov, 'trak', init.source)) {
    const tkhd = descend(trak, ['tkhd'], init.source);
    const mdhd = descend(trak, ['mdia', 'mdhd'], init.source);
    const hdlr = descend(trak, ['mdia', 'hdlr'], init.source);
    if (!tkhd || !mdhd || !hdlr) continue;
    // Version 1 boxes widen creation/modification times (and mdhd's duration) to 64 bits.
    const tkhdView = requireLength(tkhd, tkhd.payload[0] === 1 ? 24 : 16, init.source);
    const id = tkhdView.getUint32(tkhd.payload[0] === 1 ? 20 : 12);
    const mdhdView = requireLength(mdhd, mdhd.payload[0] === 1 ? 24 : 16, init.source);
    const timescale = mdhdView.getUint32(mdhd.payload[0] === 1 ? 20 : 12);
    requireLength(hdlr, 12, init.source);
    const handler = String.fromCharCode(...hdlr.payload.subarray(8, 12));
    if (timescale === 0) {
      throw inputError(`track ${id} has timescale 0 in its 'mdhd' box`, init.source, { path: `byte ${mdhd.offset}` });
    }
    if (handler === 'vide') played.video = { id, timescale, handler };
    if (handler === 'soun') played.audio = { id, timescale, handler };
  }
  return played;
}
