import type { Report } from '../reporter.js';
import { attr, subtitleMedia, type MasterPlaylist, type TagLine } from './read-master.js';

/** A subtitles rendition's peak segment bit rate, and the first segment of the set that has it. */
export interface PeakSegmentRate {
  bitsPerSecond: number;
  /** The first segment's display name, for the finding. */
  file: string;
}

/**
 * The peak segment bit rate as RFC 8216 §4.1 defines it: the largest bit rate of any contiguous
 * set of segments whose total duration is between 0.5 and 1.5 times the target duration (the sum
 * of their sizes over the sum of their durations). One short segment alone (the last, or one
 * before a discontinuity) does not count: every cue on screen is repeated whole in it, so its own
 * rate says nothing of what a player fetches per second. Sets holding a segment that could not be
 * read or has no valid duration are left out; undefined when no set qualifies.
 */
export function peakSegmentRate(
  durationsUs: ReadonlyArray<number | undefined>,
  sizes: ReadonlyArray<number | undefined>,
  targetDurationS: number,
  names: (index: number) => string,
): PeakSegmentRate | undefined {
  const minUs = 0.5 * targetDurationS * 1e6;
  const maxUs = 1.5 * targetDurationS * 1e6;
  let peak: PeakSegmentRate | undefined;
  for (let first = 0; first < sizes.length; first++) {
    let us = 0;
    let bytes = 0;
    for (let k = first; k < sizes.length; k++) {
      const duration = durationsUs[k];
      const size = sizes[k];
      if (duration === undefined || !(duration > 0) || size === undefined) break;
      us += duration;
      bytes += size;
      if (us > maxUs) break;
      if (us < minUs) continue;
      const bitsPerSecond = (bytes * 8 * 1e6) / us;
      if (peak === undefined || bitsPerSecond > peak.bitsPerSecond) peak = { bitsPerSecond, file: names(first) };
    }
  }
  return peak;
}

/**
 * How far past a variant's BANDWIDTH a measured peak may go: Apple's validator allows 10 %, and
 * players that pick variants by BANDWIDTH are tuned to the same declared peaks.
 */
export const BANDWIDTH_TOLERANCE = 0.1;

/**
 * bis §4.4.6.2: BANDWIDTH is "the largest sum of peak segment bit rates that is produced by any
 * playable combination of Renditions", subtitles included. Its video alone may already reach it,
 * so a subtitles rendition whose peak is more than BANDWIDTH_TOLERANCE of a variant's BANDWIDTH
 * can take the variant past what validators and players allow (a busy chat at 2 s segments beside
 * a low audio-only variant). Only the subtitles side is measured here, so this is a warning that
 * says by how much to raise BANDWIDTH, not a judgment of the video's own peak.
 */
export function checkBandwidthRoom(
  master: MasterPlaylist,
  /** Whether an EXT-X-MEDIA plays this rendition's playlist (its URI resolves to it, however spelled). */
  playsThis: (media: TagLine) => boolean,
  peak: PeakSegmentRate,
  file: string,
  report: Report,
): void {
  const groups = new Set(subtitleMedia(master).filter(playsThis).map((m) => attr(m, 'GROUP-ID')));
  for (const { tag } of master.variants) {
    const group = attr(tag, 'SUBTITLES');
    const bandwidth = Number(attr(tag, 'BANDWIDTH'));
    if (group === undefined || !groups.has(group) || !(bandwidth > 0)) continue;
    if (peak.bitsPerSecond <= BANDWIDTH_TOLERANCE * bandwidth) continue;
    const kbps = Math.ceil(peak.bitsPerSecond / 1000);
    report('master-stream-inf-bandwidth-subtitles', file,
      `the subtitles in group "${group}" peak at ${kbps} kbit/s (from ${peak.file}), over ${BANDWIDTH_TOLERANCE * 100} % of BANDWIDTH=${bandwidth}: ` +
        `BANDWIDTH counts every rendition played with the variant; raise it by ${kbps * 1000} if its video already peaks near it`,
      tag.line);
  }
}
