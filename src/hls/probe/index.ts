/**
 * Probes the value for `X-TIMESTAMP-MAP=MPEGTS:<n>` from the video itself: the origin hls.js takes
 * for a discontinuity domain (its initPTS), in 90 kHz ticks, read from the domain's first media
 * segment and its EXT-X-MAP init segment, if any.
 *
 *   MPEG-TS: min(first audio PTS, first video DTS) over the PMT's first audio and video streams
 *            (mp4-remuxer.ts generateIS); the two are compared on the wrapping 33-bit clock.
 *   fMP4:    the earlier, in seconds, of the played audio and video tracks' earliest tfdt in the
 *            segment, converted from the mdhd timescale and rounded (passthrough-remuxer.ts).
 *
 * Using it. hls.js puts media time 0 of the player at the origin of the first domain, and for a
 * domain whose first segment starts at playlist time T it subtracts T (computeInitPts), so:
 *   - `MPEGTS:<origin>,LOCAL:00:00:00.000` makes cue times relative to the domain's start
 *     (for the first domain, T = 0, that is the video's playlist timeline);
 *   - `MPEGTS:<origin>,LOCAL:<T>` keeps cue times on the playlist timeline in every domain.
 * A map taken from the first video *PTS* instead is late by the B-frame reorder delay (80 ms on
 * the samples). test/hls/probe/hlsjs-agreement.test.ts runs hls.js's own transmuxer to check this.
 *
 * Files: read-bytes (file/http, byte ranges, timeout) → ts-packets → psi (PAT/PMT) → pes → probe-ts;
 * mp4-boxes → fmp4-tracks (init: moov/trak) + fmp4-fragments (moof/traf/tfdt) → probe-fmp4;
 * timestamps holds the 33-bit and timescale arithmetic. No ffprobe at run time.
 *
 * Errors are ChatReplayError values: `io` when the bytes cannot be read or fetched (naming the path
 * or URL and the HTTP status), `input` when they are not a segment we can read (naming the file and
 * the absolute byte offset, e.g. `seg.ts: byte 564: lost MPEG-TS sync: expected 0x47, found 0x00`).
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
  // ISO BMFF is checked first: its box header at byte 0 is a sharper signal than TS sync bytes,
  // which are searched for over the first packets.
  if (looksLikeIsoBmff(segment.bytes)) return probeFragmentedMp4(segment, init);
  if (looksLikeTransportStream(segment.bytes)) {
    return probeTransportStream(segment, init && looksLikeTransportStream(init.bytes) ? init : undefined);
  }
  throw inputError(
    'first segment is neither MPEG-TS (no 0x47 sync byte) nor fMP4 (no ISO BMFF box) at its start',
    segment.source,
    { path: `byte ${segment.offset}` },
  );
}
