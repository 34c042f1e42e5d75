import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { probeMpegtsOrigin } from '../../../src/hls/probe/index.js';
import { MPEG_TS_CLOCK_HZ, PTS_ROLLOVER as WRAP, wrap33 } from '../../../src/hls/probe/timestamps.js';
import { shiftPesTimestamps } from '../../fixtures/probe/shift-timestamps.js';

/**
 * The probe claims to compute the origin hls.js itself takes (its initPTS). This runs the hls.js
 * source the project ships — its Transmuxer, with the TS demuxer, MP4 remuxer and passthrough
 * remuxer the player uses — on the committed samples and checks that both agree to the tick.
 *
 * hls.js's source imports a few helpers that are bundled into its dist build but not installed on
 * their own (ID3 parsing, URL resolution, an event emitter); the samples carry no ID3 and need no
 * URLs, so small stand-ins replace them. Its build-time feature flags are set to their defaults.
 * If a future hls.js moves these files, this test breaks loudly rather than silently passing.
 */
vi.mock('@svta/cml-id3', () => ({
  canParseId3: () => false,
  getId3Data: () => undefined,
  getId3Timestamp: () => undefined,
  getId3Frames: () => [],
  isId3TimestampFrame: () => false,
  utf8ArrayToStr: () => '',
}));
vi.mock('@svta/cml-utils', () => ({ uuid: () => '00000000-0000-4000-8000-000000000000' }));
vi.mock('url-toolkit', () => ({ buildAbsoluteURL: (base: string, relative: string) => new URL(relative, base).href }));
vi.mock('eventemitter3', async () => ({ EventEmitter: (await import('node:events')).EventEmitter }));

const FEATURE_FLAGS = ['ALT_AUDIO', 'CMCD', 'CONTENT_STEERING', 'EME_DRM', 'IFRAMES', 'INTERSTITIALS', 'MEDIA_CAPABILITIES', 'M2TS_ADVANCED_CODECS', 'SUBTITLES', 'VARIABLE_SUBSTITUTION'];
for (const flag of FEATURE_FLAGS) (globalThis as Record<string, unknown>)[`__USE_${flag}__`] = true;

const HLSJS_SRC = '../../../node_modules/hls.js/src/';
const samples = new URL('../../../samples/', import.meta.url);

/** The subset of hls.js config its demuxers and remuxers read, at hls.js's defaults. */
const TRANSMUX_CONFIG = {
  forceKeyFrameOnDiscontinuity: true,
  maxAudioFramesDrift: 1,
  stretchShortVideoTrack: false,
  progressive: false,
  handleMpegTsVideoIntegrityErrors: 'process',
  enableEmsgKLVMetadata: false,
  maxBufferHole: 0.1,
  debug: false,
  enableWorker: false,
};
const quiet = { log() {}, warn() {}, info() {}, debug() {}, trace() {}, error() {} };

interface InitPts {
  initPTS: number;
  timescale: number;
}

/**
 * Transmuxes one segment the way hls.js does for the first fragment of a discontinuity domain that
 * starts at playlist time `start` seconds, and returns the origin in 90 kHz ticks. hls.js stores
 * initPTS with `start` already subtracted (computeInitPts), so it is added back here.
 */
async function hlsJsOrigin(segment: string | Uint8Array, init: string | undefined, start: number): Promise<number> {
  const { default: Transmuxer, TransmuxConfig, TransmuxState } = await import(`${HLSJS_SRC}demux/transmuxer.ts`);
  const { ChunkMetadata } = await import(`${HLSJS_SRC}types/transmuxer.ts`);
  const { EventEmitter } = await import('node:events');
  const observer = new EventEmitter();
  const errors: string[] = [];
  observer.on('hlsError', (_event: unknown, data: { details: string; reason?: string }) => errors.push(`${data.details}: ${data.reason}`));
  const transmuxer = new Transmuxer(observer, { mpeg: true, mp3: true, ac3: false }, TRANSMUX_CONFIG, '', 'main', quiet);
  const initBytes = init ? new Uint8Array(await readFile(new URL(init, samples))) : undefined;
  transmuxer.configure(new TransmuxConfig('mp4a.40.2', 'avc1.4d4015', initBytes, 6));
  const bytes = typeof segment === 'string' ? new Uint8Array(await readFile(new URL(segment, samples))) : segment.slice();
  const chunk = new ChunkMetadata(0, 0, 0, bytes.length);
  const state = new TransmuxState(true, false, true, false, start, true);
  const results = [transmuxer.push(bytes.buffer, null, chunk, state), ...transmuxer.flush(chunk)];
  expect(errors).toEqual([]);
  const found = results
    .map((result: { remuxResult?: { initSegment?: Partial<InitPts> } }) => result.remuxResult?.initSegment)
    .find((segment: Partial<InitPts> | undefined) => segment?.initPTS !== undefined) as InitPts | undefined;
  if (!found) throw new Error('hls.js found no initPTS');
  return wrap33(Math.round((found.initPTS * MPEG_TS_CLOCK_HZ) / found.timescale) + start * MPEG_TS_CLOCK_HZ);
}

describe('the probe agrees with hls.js on the committed samples', () => {
  it.each([
    ['vod-ts/v360/seg_000.ts', undefined, 0],
    ['vod-ts/v144/seg_000.ts', undefined, 0],
    ['vod-ts/v360/seg_003.ts', undefined, 18],
    ['vod-discontinuity/v240/a_000.ts', undefined, 0],
    ['vod-discontinuity/v240/b_000.ts', undefined, 12],
    ['vod-fmp4/v360/seg_000.m4s', 'vod-fmp4/v360/init_0.mp4', 0],
    ['vod-fmp4/v144/seg_000.m4s', 'vod-fmp4/v144/init_1.mp4', 0],
    ['vod-fmp4/v360/seg_001.m4s', 'vod-fmp4/v360/init_0.mp4', 6],
  ] as const)('%s (init %s, domain starting at %i s)', async (segment, init, start) => {
    const probed = await probeMpegtsOrigin({
      segmentUrl: new URL(segment, samples),
      ...(init ? { initUrl: new URL(init, samples) } : {}),
    });
    expect(probed.mpegts).toBe(await hlsJsOrigin(segment, init, start));
  });
});

describe('the probe agrees with hls.js next to the 33-bit wrap', () => {
  // vod-ts/v360/seg_000.ts moved so its origin (video DTS 126000) lands at 2^33 − 1 s: both first
  // timestamps stay below 2^33 while later ones in the segment wrap to small values.
  it.each([
    ['origin 1 s before the wrap', WRAP - 90_000 - 126_000],
    ['origin exactly at the wrap (0)', WRAP - 126_000],
  ])('%s', async (_name, delta) => {
    const shifted = await shiftedSample(delta);
    const probed = await probeFile(shifted);
    expect(probed).toBe(wrap33(126_000 + delta));
    expect(probed).toBe(await hlsJsOrigin(shifted, undefined, 0));
  });

  it('agrees with hls.js even when the first audio and video straddle the wrap', async () => {
    // Video DTS lands on 2^33 − 1 and audio PTS (5280 ticks later) wraps to 5279. hls.js 1.7 reduces
    // each into [0, 2^33) and takes the plain minimum, audio; so does the probe, so cues stay in sync.
    const shifted = await shiftedSample(WRAP - 1 - 126_000);
    expect(await probeFile(shifted)).toBe(5279);
    expect(await hlsJsOrigin(shifted, undefined, 0)).toBe(5279);
  });
});

async function shiftedSample(delta: number): Promise<Uint8Array> {
  return shiftPesTimestamps(new Uint8Array(await readFile(new URL('vod-ts/v360/seg_000.ts', samples))), delta);
}

async function probeFile(bytes: Uint8Array): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'probe-wrap-'));
  try {
    const path = join(dir, 'seg.ts');
    await writeFile(path, bytes);
    return (await probeMpegtsOrigin({ segmentUrl: pathToFileURL(path) })).mpegts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
