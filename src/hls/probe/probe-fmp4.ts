import { inputError } from '../../errors.js';
import { earliestDecodeTimes } from './fmp4-fragments.js';
import { readPlayedTracks, type Mp4Track } from './fmp4-tracks.js';
import { toNinetyKhzTicks } from './timestamps.js';
import type { ProbeResult, SourceBytes } from './types.js';

interface TrackStart {
  kind: 'audio' | 'video';
  track: Mp4Track;
  decodeTime: bigint;
}

/**
 * The origin hls.js gives an fMP4 discontinuity domain. Its passthrough remuxer takes each played
 * track's earliest tfdt in the first segment, syncs on audio when audio starts strictly earlier
 * (in seconds) and on video otherwise, and uses that track's tfdt/timescale as initPTS; the WebVTT
 * parser converts it to 90 kHz (toMpegTsClockFromTimescale). No edit list is applied, so with
 * B-frames the origin is the first DTS, not the first displayed frame.
 *
 * `init` may be undefined when the segment carries its own `moov`.
 */
export function probeFragmentedMp4(segment: SourceBytes, init?: SourceBytes): ProbeResult {
  const tracksFrom = init ?? segment;
  const tracks = readPlayedTracks(tracksFrom);
  if (!tracks) {
    throw inputError(
      init ? "init segment has no 'moov' box" : "fMP4 segment has no init segment (EXT-X-MAP) and no 'moov' of its own",
      tracksFrom.source,
    );
  }
  const decodeTimes = earliestDecodeTimes(segment);
  const startOf = (kind: TrackStart['kind']): TrackStart | undefined => {
    const track = tracks[kind];
    const decodeTime = track && decodeTimes.get(track.id);
    return track && decodeTime !== undefined ? { kind, track, decodeTime } : undefined;
  };
  const audio = startOf('audio');
  const video = startOf('video');
  // hls.js syncs on audio only when it starts strictly earlier; a tie gives the same value anyway.
  const origin = audio && video ? (startsEarlier(audio, video) ? audio : video) : (audio ?? video);
  if (!origin) {
    throw inputError("no 'moof/traf' with a 'tfdt' for an audio or video track of the init segment", segment.source, {
      path: `byte ${segment.offset}`,
    });
  }
  return {
    mpegts: toNinetyKhzTicks(origin.decodeTime, origin.track.timescale),
    container: 'fmp4',
    detail: audio && video
      ? `min(${describe(audio)}, ${describe(video)})`
      : `${describe(origin)} (no ${origin.kind === 'audio' ? 'video' : 'audio'} track)`,
  };
}

/** Exact comparison of a/ta < b/tb in seconds, without rounding either side. */
function startsEarlier(a: TrackStart, b: TrackStart): boolean {
  return a.decodeTime * BigInt(b.track.timescale) < b.decodeTime * BigInt(a.track.timescale);
}

function describe({ kind, track, decodeTime }: TrackStart): string {
  return `${kind} tfdt ${decodeTime}/${track.timescale}`;
}
