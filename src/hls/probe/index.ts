/**
 * Probes the value for `X-TIMESTAMP-MAP=MPEGTS:<n>` from the video itself: the origin hls.js takes
 * for a discontinuity domain (its initPTS) in 90 kHz ticks, read from the domain's first media
 * segment (and its EXT-X-MAP init segment). With that MPEGTS and `LOCAL:00:00:00.000`, WebVTT cue
 * time 0 is media time 0 in the player, so cue times are simply the video's own playlist times.
 *
 *   MPEG-TS: min(first audio PTS, first video DTS) over the PMT's first audio and video streams.
 *   fMP4:    the earlier of the audio and video tracks' first tfdt, converted from the mdhd timescale.
 *
 * Probe each discontinuity domain from its own first segment. hls.js subtracts the playlist start
 * time T of the fragment it measured from the origin (mp4-remuxer computeInitPts), so in a domain
 * starting at T the map `MPEGTS:<origin>,LOCAL:<T>` keeps cue times on the playlist timeline, and
 * `MPEGTS:<origin>,LOCAL:00:00:00.000` makes them relative to the domain's start.
 *
 * Reads `file:` and `http(s):` URLs, whole or by byte range; never runs ffprobe. Errors are
 * ChatReplayError values: `io` when the bytes cannot be fetched, `input` (with the byte offset)
 * when they are not a segment we can read.
 */
import { inputError } from '../../errors.js';
import { looksLikeIsoBmff } from './mp4-boxes.js';
import { probeFragmentedMp4 } from './probe-fmp4.js';
import { probeTransportStream } from './probe-ts.js';
import { DEFAULT_HTTP_TIMEOUT_MS, readBytes } from './read-bytes.js';
import { looksLikeTransportStream } from './ts-packets.js';
import type { ProbeInput, ProbeOptions, ProbeResult } from './types.js';

export type { ByteRange, ProbeInput, ProbeOptions, ProbeResult, ProbedContainer } from './types.js';

export async function probeMpegtsOrigin(input: ProbeInput, options: ProbeOptions = {}): Promise<ProbeResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const [segment, init] = await Promise.all([
    readBytes(input.segmentUrl, input.segmentByteRange, timeoutMs),
    input.initUrl ? readBytes(input.initUrl, input.initByteRange, timeoutMs) : undefined,
  ]);
  // The container is recognised from the bytes, not the file extension: `.ts`, `.m4s`, `.mp4`,
  // `.cmfv` and extension-less URLs all occur, and an EXT-X-MAP may hold a TS PAT/PMT.
  if (looksLikeTransportStream(segment.bytes)) {
    return probeTransportStream(segment, init && looksLikeTransportStream(init.bytes) ? init : undefined);
  }
  if (looksLikeIsoBmff(segment.bytes)) return probeFragmentedMp4(segment, init);
  throw inputError(
    'first segment is neither MPEG-TS (no 0x47 sync byte) nor fMP4 (no ISO BMFF box) at its start',
    segment.source,
    { path: `byte ${segment.offset}` },
  );
}
