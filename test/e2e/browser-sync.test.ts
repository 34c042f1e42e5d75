import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer } from '../../src/preview/server.js';
import { copySample, runCli, SAMPLE_CHAT } from '../support/cli.js';

/**
 * The proof that matters: packaged without --mpegts, the samples put every sampled cue, on hls.js's
 * own timeline (TextTrackCue.startTime), within 1 ms of its message time, in Debian's Chromium.
 * No browser is ever downloaded: without /usr/bin/chromium this fails loudly (CI installs it).
 */
const CHROMIUM = '/usr/bin/chromium';

interface Sampled {
  /** Cue id as we write it (hls.js prefixes `hlsjscc<n>_` after a discontinuity). */
  cueId: string;
  /** Message time on the playlist's timeline. */
  timeMs: number;
  /** Its discontinuity domain, and where that domain starts in the playlist (sum of EXTINFs before it). */
  domain?: number;
  domainStartMs?: number;
}

const archive = JSON.parse(readFileSync(SAMPLE_CHAT, 'utf8')) as {
  broadcast: { startedAt: string };
  messages: { id: string; offsetMs?: number; sentAt?: string }[];
};
const offsetOf = (id: string) => {
  const m = archive.messages.find((x) => x.id === id)!;
  return m.offsetMs ?? Date.parse(m.sentAt!) - Date.parse(archive.broadcast.startedAt);
};
/** Cue ids are `m<startMs>` (the first cue of its millisecond, as every sampled one is). */
const cueIdOf = (id: string) => `m${offsetOf(id)}`;

/** Message ids spread over the sample, away from the same-millisecond burst at 12 s. */
const SAMPLED_IDS = ['msg-001', 'msg-008', 'msg-010', 'msg-033', 'msg-042', 'msg-050'];

const PAGE = `<!doctype html><meta charset="utf-8"><video id="v" muted playsinline width="426" height="240"></video>`;

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium); this test never downloads a browser`);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
  });
});

afterAll(async () => {
  await browser?.close();
});

/** Loads the master in hls.js, selects the chat track and returns each sampled cue's startTime in ms. */
async function cueStartsInHlsJs(
  dir: string,
  master: string,
  sampled: Sampled[],
): Promise<{ found: Record<string, number>; domainStarts: number[] }> {
  const server = await startPreviewServer({ root: dir, masterPath: join(dir, master), host: '127.0.0.1', port: 0 });
  const page = await browser.newPage();
  try {
    // A same-origin blank page: the preview server's 404 for an unknown path, then our own content.
    await page.goto(`${server.url}__sync-test`);
    await page.setContent(PAGE);
    await page.addScriptTag({ url: `${server.url}__chat-replay/hls.min.js` });
    return await page.evaluate(
      async ({ masterUrl, sampled }) => {
        const Hls = (window as unknown as { Hls: any }).Hls;
        const video = document.getElementById('v') as HTMLVideoElement;
        const hls = new Hls({ enableWorker: false });
        const parsed = new Promise<void>((resolve, reject) => {
          hls.on(Hls.Events.MANIFEST_PARSED, () => resolve());
          hls.on(Hls.Events.ERROR, (_e: unknown, d: { fatal: boolean; details: string }) => d.fatal && reject(new Error(d.details)));
        });
        hls.loadSource(masterUrl);
        hls.attachMedia(video);
        await parsed;
        const index = hls.subtitleTracks.findIndex((t: { name: string }) => t.name === 'chat_kor');
        if (index < 0) throw new Error('no chat_kor subtitle track');
        hls.subtitleTrack = index;
        hls.subtitleDisplay = true;
        const track = () => Array.from(video.textTracks).find((t) => t.label === 'chat_kor');
        const found: Record<string, number> = {};
        for (const s of sampled) {
          video.currentTime = s.timeMs / 1000 + 0.05;
          const deadline = Date.now() + 15_000;
          while (Date.now() < deadline) {
            const cues = track()?.cues;
            const cue = cues && Array.from(cues).find((c) => c.id === s.cueId || c.id.endsWith(`_${s.cueId}`));
            if (cue) {
              found[s.cueId] = cue.startTime * 1000;
              break;
            }
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        // Where hls.js put each discontinuity domain on its timeline: the first DTS of the domain's
        // first fragment (what MPEGTS names). hls.js lays domain n+1 end to end after the media of
        // domain n, which can differ from the playlist's EXTINF sum by a frame.
        const fragments = (hls.levels[Math.max(0, hls.currentLevel)]?.details ?? hls.levels.find((l: any) => l.details)?.details)
          .fragments as { cc: number; startDTS?: number }[];
        const domainStarts: number[] = [];
        for (const f of fragments) if (domainStarts[f.cc] === undefined) domainStarts[f.cc] = (f.startDTS ?? NaN) * 1000;
        hls.destroy();
        return { found, domainStarts };
      },
      { masterUrl: `${server.url}${master}`, sampled },
    );
  } finally {
    await page.close();
    await server.close();
  }
}

async function expectInSync(sample: string, chatFile: string, sampled: Sampled[]) {
  const dir = copySample(sample);
  const run = await runCli(['package', '--chat', chatFile, '--master', join(dir, 'master.m3u8'), '--json']);
  return checkCues(dir, run, sampled);
}

async function checkCues(dir: string, run: Awaited<ReturnType<typeof runCli>>, sampled: Sampled[]) {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const { found, domainStarts } = await cueStartsInHlsJs(dir, 'master.m3u8', sampled);
  for (const s of sampled) {
    expect(found[s.cueId], `cue ${s.cueId} was never added by hls.js`).toBeDefined();
    // The message's place relative to the first frame of its domain, on the player's own timeline.
    const expected = domainStarts[s.domain ?? 0]! + s.timeMs - (s.domainStartMs ?? 0);
    expect(Math.abs(found[s.cueId]! - expected), `cue ${s.cueId}: ${found[s.cueId]} ms, expected ${expected} ms`).toBeLessThanOrEqual(1);
  }
  expect(domainStarts[0]).toBe(0);
  return JSON.parse(run.stdout) as { timestampMaps: { mpegts: number; source: string }[] };
}

describe('sync in hls.js (headless Chromium)', () => {
  const sampled = SAMPLED_IDS.map((id) => ({ cueId: cueIdOf(id), timeMs: offsetOf(id) }));

  it('MPEG-TS sample: every sampled cue within 1 ms of its message', async () => {
    const summary = await expectInSync('vod-ts', SAMPLE_CHAT, sampled);
    expect(summary.timestampMaps[0]!.mpegts).toBe(126000);
  }, 120_000);

  it('control: a map from the first video PTS instead of the player origin is 80 ms late (the test can fail)', async () => {
    const dir = copySample('vod-ts');
    // 133200 is the first video PTS; hls.js's origin is min(audio PTS, video DTS) = 126000.
    const run = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', join(dir, 'master.m3u8'), '--mpegts', '133200']);
    expect(run.code).toBe(0);
    const { found } = await cueStartsInHlsJs(dir, 'master.m3u8', sampled.slice(0, 2));
    for (const s of sampled.slice(0, 2)) expect(found[s.cueId]! - s.timeMs).toBeCloseTo(80, 0);
  }, 120_000);

  it('fMP4 sample: every sampled cue within 1 ms of its message', async () => {
    await expectInSync('vod-fmp4', SAMPLE_CHAT, sampled.filter((s) => s.timeMs < 30_000));
  }, 120_000);

  it('discontinuity sample: cues on both sides of the discontinuity, timed through PROGRAM-DATE-TIME', async () => {
    // Wall-clock messages only: the video's PROGRAM-DATE-TIME places them (a 30 s gap in the broadcast
    // falls between the two parts, so 19:00:44 is 14 s into the video, 2 s after the discontinuity).
    // hls.js lays the second part right after the first part's media, 32 ms after the playlist's 12 s,
    // so that is where "2 s after the discontinuity" must land.
    const chat = join(copySample('vod-ts'), 'wallclock.json');
    const at = (id: string, sentAt: string, text: string) => ({ id, sentAt, author: { name: 'A' }, text });
    writeFileSync(
      chat,
      JSON.stringify({
        version: 1,
        messages: [
          at('w1', '2026-11-21T19:00:01.250Z', 'before'),
          at('w2', '2026-11-21T19:00:07.500Z', 'second segment'),
          at('w3', '2026-11-21T19:00:44.000Z', 'after the discontinuity'),
          at('w4', '2026-11-21T19:00:49.125Z', 'last segment'),
        ],
      }),
    );
    const summary = await expectInSync('vod-discontinuity', chat, [
      { cueId: 'm1250', timeMs: 1250 },
      { cueId: 'm7500', timeMs: 7500 },
      { cueId: 'm14000', timeMs: 14_000, domain: 1, domainStartMs: 12_000 },
      { cueId: 'm19125', timeMs: 19_125, domain: 1, domainStartMs: 12_000 },
    ]);
    expect(summary.timestampMaps).toHaveLength(2);
  }, 120_000);
});
