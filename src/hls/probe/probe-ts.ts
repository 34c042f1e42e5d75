import { inputError } from '../../errors.js';
import { PesHeaderAssembler, type PesTimestamps } from './pes.js';
import { findProgramStreams, type ProgramStreams } from './psi.js';
import { straddlesWrap33 } from './timestamps.js';
import { tsPackets } from './ts-packets.js';
import type { ProbeResult, SourceBytes } from './types.js';

/**
 * The origin hls.js gives an MPEG-TS discontinuity domain: min(first audio PTS, first video DTS)
 * (mp4-remuxer.ts generateIS: audio initPTS is the first sample's PTS, video's is the first sample's
 * DTS "to prevent negative timestamps"). Media time in the player is then PTS − origin, so a map
 * with this MPEGTS and LOCAL 0 puts cue time 0 exactly on media time 0.
 *
 * `init` is an EXT-X-MAP section holding the PAT/PMT, when the playlist has one.
 */
export function probeTransportStream(segment: SourceBytes, init?: SourceBytes): ProbeResult {
  const streams = (init && findProgramStreams(init)) ?? findProgramStreams(segment);
  if (!streams) {
    throw inputError('no PAT/PMT found in the first segment', segment.source, { path: `byte ${segment.offset}` });
  }
  const { videoPid, audioPid } = streams;
  if (videoPid === undefined && audioPid === undefined) {
    throw inputError('the PMT lists no audio or video stream', segment.source);
  }
  // Scanned from the start again: PES packets may precede the PMT, and hls.js rescans for them too.
  const first = firstTimestamps(segment, streams);
  const audio = first.get(audioPid ?? -1);
  const video = first.get(videoPid ?? -1);
  if (!audio && !video) {
    throw inputError('no PES packet with a PTS in the first segment', segment.source, { path: `byte ${segment.offset}` });
  }
  return { mpegts: chooseOrigin(audio?.pts, video?.dts), container: 'ts', detail: describe(audio?.pts, video?.dts) };
}

function firstTimestamps(segment: SourceBytes, { videoPid, audioPid }: ProgramStreams): Map<number, PesTimestamps> {
  const wanted = [videoPid, audioPid].filter((pid): pid is number => pid !== undefined);
  const assemblers = new Map(wanted.map((pid) => [pid, new PesHeaderAssembler(segment.source)]));
  const found = new Map<number, PesTimestamps>();
  for (const packet of tsPackets(segment)) {
    const assembler = found.has(packet.pid) ? undefined : assemblers.get(packet.pid);
    if (!assembler) continue;
    // A PES without a PTS (flags 00) says nothing about time; the next one of the stream is used.
    const timestamps = assembler.push(packet.payload, packet.payloadUnitStart, packet.payloadOffset);
    if (timestamps) found.set(packet.pid, timestamps);
    if (found.size === wanted.length) break;
  }
  return found;
}

/**
 * The plain minimum of the two 33-bit values, exactly as hls.js 1.7 takes its initPTS; a missing
 * track does not take part. When the wrap falls between the first video DTS and the first audio PTS
 * (a window of tens of ms in 26.5 h) that is the post-wrap value, not the earlier instant on the
 * wrapping clock: the map must name what the player uses as its origin, or every cue shifts by the
 * audio/video start gap (test/hls/probe/hlsjs-agreement.test.ts pins the case).
 */
function chooseOrigin(audioPts: number | undefined, videoDts: number | undefined): number {
  if (audioPts === undefined) return videoDts as number;
  if (videoDts === undefined) return audioPts;
  return Math.min(audioPts, videoDts);
}

function describe(audioPts: number | undefined, videoDts: number | undefined): string {
  if (audioPts === undefined) return `video DTS ${videoDts} (no audio PES)`;
  if (videoDts === undefined) return `audio PTS ${audioPts} (no video PES)`;
  const wrap = straddlesWrap33(audioPts, videoDts) ? ' across the 33-bit wrap' : '';
  return `min(audio PTS ${audioPts}, video DTS ${videoDts})${wrap}`;
}
