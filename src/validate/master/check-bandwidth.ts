import type { Report } from '../reporter.js';
import { attr, subtitleMedia, type MasterPlaylist } from './read-master.js';

/** The highest bit rate of one segment of a subtitles rendition, and which segment it is. */
export interface PeakSegmentRate {
  bitsPerSecond: number;
  /** The segment's display name, for the finding. */
  file: string;
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
export function checkBandwidthRoom(master: MasterPlaylist, uri: string, peak: PeakSegmentRate, file: string, report: Report): void {
  const groups = new Set(subtitleMedia(master).filter((m) => attr(m, 'URI') === uri).map((m) => attr(m, 'GROUP-ID')));
  for (const { tag } of master.variants) {
    const group = attr(tag, 'SUBTITLES');
    const bandwidth = Number(attr(tag, 'BANDWIDTH'));
    if (group === undefined || !groups.has(group) || !(bandwidth > 0)) continue;
    if (peak.bitsPerSecond <= BANDWIDTH_TOLERANCE * bandwidth) continue;
    const kbps = Math.ceil(peak.bitsPerSecond / 1000);
    report('master-stream-inf-bandwidth-subtitles', file,
      `the subtitles in group "${group}" peak at ${kbps} kbit/s (${peak.file}), over ${BANDWIDTH_TOLERANCE * 100} % of BANDWIDTH=${bandwidth}: ` +
        `BANDWIDTH counts every rendition played with the variant; raise it by ${kbps * 1000} if its video already peaks near it`,
      tag.line);
  }
}
