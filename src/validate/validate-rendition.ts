import { probeMpegtsOrigin } from '../hls/probe/index.js';
import type { Finding } from './finding.js';
import { loadText } from './load.js';
import { checkBandwidthRoom, peakSegmentRate } from './master/check-bandwidth.js';
import { checkGroups } from './master/check-groups.js';
import { checkMediaTags, namesPlaylist } from './master/check-media.js';
import { checkVariants } from './master/check-variants.js';
import { attr, readMaster, subtitleMedia, type MasterPlaylist, type TagLine } from './master/read-master.js';
import { checkAlignment } from './playlist/check-alignment.js';
import { checkMediaPlaylist } from './playlist/check-media-playlist.js';
import { readMediaPlaylist } from './playlist/read-media-playlist.js';
import { probeDomainOrigins, type ProbeOrigin } from './probe-origins.js';
import { FindingCollector, type Report } from './reporter.js';
import { displayName, resolveUri, toUrl } from './source.js';
import { segmentWindows } from './timeline/windows.js';
import { validateSegments } from './validate-segments.js';

export interface ValidateOptions {
  /** Check only the SUBTITLES rendition(s) with this NAME. */
  rendition?: string;
  /** Defaults to src/hls/probe's probeMpegtsOrigin. */
  probe?: ProbeOrigin;
  /** Segment reads in flight at once (default 16). */
  concurrency?: number;
}

/**
 * Validates every SUBTITLES rendition of a master (or the one named) against the master rules, the
 * video playlist of the first variant that uses its group, and its own segments. Never throws for a
 * broken rendition: everything wrong is a finding, including files that cannot be read.
 */
export async function validateRendition(masterPath: string, opts: ValidateOptions = {}): Promise<Finding[]> {
  const collector = new FindingCollector();
  const { report } = collector;
  const masterUrl = toUrl(masterPath);
  const masterFile = displayName(masterUrl);
  const text = await loadText(masterUrl, report, 'master playlist');
  if (text === undefined) return collector.result();

  const master = readMaster(text);
  if (!master.hasHeader) report('master-header-missing', masterFile, 'first line is not #EXTM3U', 1);
  checkMediaTags(master, masterFile, report);
  checkGroups(master, masterFile, report);
  checkVariants(master, masterFile, report);

  const targets = selectRenditions(master, opts.rendition, masterFile, report);
  // The chat rendition joins every subtitles group with the same URI: validate each playlist once.
  const seen = new Set<string>();
  for (const media of targets) {
    const url = resolveUri(attr(media, 'URI') ?? '', masterUrl);
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    await validatePlaylist(master, masterUrl, media, url, { probe: opts.probe ?? probeMpegtsOrigin, concurrency: opts.concurrency ?? 16 }, report);
  }
  return collector.result();
}

function selectRenditions(master: MasterPlaylist, name: string | undefined, masterFile: string, report: Report): TagLine[] {
  // A missing or non-playlist URI is already a master finding; there is no playlist to go on with.
  const all = subtitleMedia(master).filter((m) => namesPlaylist(attr(m, 'URI') ?? ''));
  const picked = name === undefined ? all : all.filter((m) => attr(m, 'NAME') === name);
  if (picked.length === 0) {
    const names = all.map((m) => `"${attr(m, 'NAME')}"`).join(', ');
    report('master-rendition-not-found', masterFile, name === undefined
      ? 'no EXT-X-MEDIA TYPE=SUBTITLES rendition with a URI'
      : `no SUBTITLES rendition named "${name}"${names ? ` (found ${names})` : ''}`);
  }
  return picked;
}

async function validatePlaylist(
  master: MasterPlaylist, masterUrl: URL, media: TagLine, url: URL,
  opts: { probe: ProbeOrigin; concurrency: number }, report: Report,
): Promise<void> {
  const file = displayName(url);
  const text = await loadText(url, report, `the playlist of rendition "${attr(media, 'NAME')}"`);
  if (text === undefined) return;
  const subs = readMediaPlaylist(text);
  checkMediaPlaylist(subs, file, report);

  const group = attr(media, 'GROUP-ID');
  const variant = master.variants.find((v) => v.uri !== undefined && attr(v.tag, 'SUBTITLES') === group)
    ?? master.variants.find((v) => v.uri !== undefined);
  let origins: Awaited<ReturnType<typeof probeDomainOrigins>> = [];
  if (variant?.uri !== undefined) {
    const videoUrl = resolveUri(variant.uri, masterUrl);
    const videoText = await loadText(videoUrl, report, 'video playlist');
    if (videoText !== undefined) {
      const video = readMediaPlaylist(videoText);
      checkAlignment(subs, video, file, displayName(videoUrl), report);
      origins = await probeDomainOrigins(video, videoUrl, opts.probe, report);
    }
  }

  const urls = subs.segments.map((s) => resolveUri(s.uri, url));
  const windows = segmentWindows(subs.segments, (s) => displayName(urls[s.index] as URL));
  const sizes = await validateSegments(subs.segments, urls, windows, origins, opts.concurrency, report);
  const targetDuration = subs.targetDuration?.value;
  const peak = targetDuration && targetDuration > 0
    ? peakSegmentRate(subs.segments.map((s) => s.durationUs), sizes, targetDuration, (k) => displayName(urls[k] as URL))
    : undefined;
  const playsThis = (m: TagLine) => resolveUri(attr(m, 'URI') ?? '', masterUrl).href === url.href;
  if (peak) checkBandwidthRoom(master, playsThis, peak, displayName(masterUrl), report);
}
