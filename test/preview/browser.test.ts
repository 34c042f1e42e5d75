import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server.js';
import {
  collectPageErrors,
  expectPaneAt as expectPaneOn,
  launchChromium,
  paneMessages,
  playUntil,
  seek as seekOn,
  waitForPlayerReady,
  dueAt,
  type HookWindow,
  type Timeline,
} from './browser-harness.js';

/**
 * The player page in Debian's headless Chromium, on the hand-packaged sample in
 * test/fixtures/preview (the sample TS VOD plus a chat and a captions rendition).
 */
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MASTER = path.join(REPO, 'test/fixtures/preview/master.m3u8');
const SCREENSHOT = path.join(REPO, 'test-results/preview.png');

/** The chat cues of the fixture, as the pane must show them: entities decoded, markup gone. */
const CHAT: Timeline = [
  [0.5, 'Streamer: 방송 시작합니다! Welcome everyone'],
  [1.5, '민지: 안녕하세요 ㅎㅎ'],
  [3.0, 'ModKim: Be nice in chat & have fun'],
  [5.2, 'viewer42: first time here <3'],
  [8.0, 'BigFan: <b>not bold</b>'],
  [11.5, '민지: ㅋㅋㅋㅋ'],
  [13.0, 'VIPguest: 10/10 stream'],
  [16.4, 'Streamer: thanks for the follow!'],
  [19.0, '철수: 이거 몇 시에 끝나요?'],
  [22.0, 'viewer42: a --> b'],
  [25.5, 'ModKim: reminder: no spoilers'],
  [28.0, 'BigFan: 🎉🎉🎉'],
  [31.0, '민지: 다음 방송 언제예요?'],
  [34.5, 'Donor: ₩5,000 — keep it up!'],
  [37.0, 'Streamer: bye 👋'],
  [39.2, '철수: 수고하셨습니다'],
];

/** The captions rendition: no `Name: `, so the pane shows the text alone. */
const CAPTIONS: Timeline = [
  [0.0, '[upbeat music]'],
  [10.0, '[laughter]'],
  [30.0, '[applause]'],
];

let browser: Browser;
let server: PreviewServer;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  server = await startPreviewServer({ root: REPO, masterPath: MASTER, host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 640 } });
  pageErrors = collectPageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const pane = (): Promise<string[]> => paneMessages(page);
const seek = (t: number): Promise<void> => seekOn(page, t);
const expectPaneAt = (t: number, { timeline = CHAT, ...options }: { timeline?: Timeline; exact?: boolean; atLeast?: number } = {}) =>
  expectPaneOn(page, timeline, t, options);

describe('preview page in Chromium', () => {
  test('plays the VOD and replays the chat in sync, through seeks and rendition switches', { timeout: 90_000 }, async () => {
    await page.goto(server.url);
    await waitForPlayerReady(page);
    const hook = await page.evaluate(() => {
      const h = (window as HookWindow).__chatReplay!;
      return { engine: h.engine, tracks: h.subtitleTracks(), selected: h.selectedSubtitleTrack() };
    });
    expect(hook.engine).toBe('hls.js');
    expect(hook.tracks).toEqual(['English captions (en)', 'chat_kor (ko)']);
    expect(hook.selected, 'the DEFAULT=YES chat rendition is selected').toBe(1);

    // Real playback first: H.264/AAC through MSE, from 0 until past the third message.
    const playedTo = await playUntil(page, 3.6);
    expect(await page.evaluate(() => document.querySelector('video')!.videoWidth)).toBe(426);
    await expectPaneAt(playedTo, { exact: true });
    expect(dueAt(CHAT, playedTo)).toHaveLength(3);

    // Forward, back, and to the end: the pane is rebuilt from the cues each time.
    for (const t of [9.0, 26.0, 2.0, 17.0, 39.6]) {
      await seek(t);
      await expectPaneAt(t);
    }
    // Scrolling: newest line in view after a seek; a reader who scrolled up is not yanked down by new lines.
    await page.setViewportSize({ width: 1280, height: 360 });
    await seek(33.0);
    await expectPaneAt(33.0);
    const paneScroll = () =>
      page.evaluate(() => {
        const list = document.getElementById('chat-list')!;
        return { overflows: list.scrollHeight > list.clientHeight, atBottom: list.scrollHeight - list.scrollTop - list.clientHeight < 2, top: list.scrollTop };
      });
    expect(await paneScroll()).toMatchObject({ overflows: true, atBottom: true });
    await page.evaluate(() => document.getElementById('chat-list')!.scrollTo(0, 0));
    await seek(39.6);
    await expectPaneAt(39.6);
    expect(await paneScroll()).toMatchObject({ atBottom: false, top: 0 });
    await page.setViewportSize({ width: 1280, height: 640 });

    await seek(12.2);
    await expectPaneAt(12.2);

    // Styling from the cue classes: colour and role badge of the author, entities shown literally.
    const bigFan = await page.evaluate(() => {
      const item = [...document.querySelectorAll<HTMLElement>('#chat-list li')].find((li) => li.dataset.line?.startsWith('BigFan'));
      return item && {
        color: getComputedStyle(item.querySelector('.author')!).color,
        badges: [...item.querySelectorAll('.badge')].map((b) => b.textContent),
        message: item.querySelector('.message')!.textContent,
        html: item.innerHTML,
      };
    });
    expect(bigFan?.color).toBe('rgb(255, 69, 0)');
    expect(bigFan?.badges).toEqual(['sub']);
    expect(bigFan?.message).toBe('<b>not bold</b>');
    expect(bigFan?.html).not.toContain('<b>');

    // The captions rendition in the same group: the pane follows the selector.
    await page.selectOption('#track-select', '0');
    // Only the newest caption is sure to be loaded: its segment holds the playhead.
    await expectPaneAt(12.2, { timeline: CAPTIONS, atLeast: 1 });
    await page.selectOption('#track-select', '-1');
    await expect.poll(pane).toEqual([]);
    expect(await page.getAttribute('#chat-list', 'data-empty')).toBe('No subtitle rendition selected.');
    await page.selectOption('#track-select', '1');
    await expectPaneAt(12.2);

    // Overlay toggle: the selected track renders natively over the video, or is hidden.
    const modeAfterToggle = async (): Promise<string | undefined> => {
      await page.click('#overlay-toggle');
      return page.evaluate(() => [...document.querySelector('video')!.textTracks].find((t) => t.mode !== 'disabled')?.mode);
    };
    expect(await modeAfterToggle()).toBe('showing');
    expect(await modeAfterToggle()).toBe('hidden');
    expect(await modeAfterToggle()).toBe('showing');

    // The picture for the README: Korean, emoji, badges, a donation, the overlay on.
    await seek(35.0);
    await expectPaneAt(35.0);
    // Let the native overlay paint the active cues before the picture is taken.
    await page.waitForFunction(() => [...document.querySelector('video')!.textTracks].some((t) => t.mode === 'showing' && (t.activeCues?.length ?? 0) > 0));
    await page.waitForTimeout(300);
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    expect(await page.evaluate(() => (window as HookWindow).__chatReplay?.error ?? null)).toBeNull();
    expect(await page.evaluate(() => (window as HookWindow).__chatReplay?.warnings)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('?engine=native runs the Safari path: Chromium\'s own HLS (if any) plays, and the page says it has no renditions', { timeout: 60_000 }, async () => {
    const native = await browser.newPage();
    const errors: string[] = [];
    native.on('pageerror', (err) => errors.push(err.message));
    await native.goto(`${server.url}?engine=native`);
    expect(await native.evaluate(() => (window as HookWindow).__chatReplay!.engine)).toBe('native');
    const playsHls = await native.evaluate(() => document.querySelector('video')!.canPlayType('application/vnd.apple.mpegurl') !== '');
    if (playsHls) {
      // Chromium 14x+ plays HLS itself but exposes no subtitle renditions as text tracks.
      await waitForPlayerReady(native);
      expect(await native.evaluate(() => document.querySelector('video')!.duration)).toBeCloseTo(40, 0);
      await expect.poll(() => native.textContent('#status'), { timeout: 5_000 }).toContain('this player exposes no subtitle renditions');
    } else {
      expect(await native.evaluate(() => (window as HookWindow).__chatReplay!.error)).toContain('cannot play HLS by itself');
    }
    expect(errors).toEqual([]);
    await native.close();
  });

  test('a chat rendition without DEFAULT=YES is still shown, and a broken segment of it is a warning on the page', { timeout: 60_000 }, async () => {
    // A copy with one variant, the chat rendition not DEFAULT, and one zero-byte chat segment
    // (hls.js: "Empty subtitle payload").
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'chat-replay-preview-broken-'));
    try {
      await cp(path.join(REPO, 'samples/vod-ts/v360'), path.join(tmp, 'v360'), { recursive: true });
      await cp(path.join(REPO, 'test/fixtures/preview/subs/chat_kor'), path.join(tmp, 'subs/chat_kor'), { recursive: true });
      await writeFile(path.join(tmp, 'subs/chat_kor/seg_002.vtt'), '');
      await writeFile(
        path.join(tmp, 'master.m3u8'),
        [
          '#EXTM3U',
          '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="chat",NAME="chat_kor",LANGUAGE="ko",DEFAULT=NO,AUTOSELECT=NO,URI="subs/chat_kor/index.m3u8"',
          '#EXT-X-STREAM-INF:BANDWIDTH=233200,RESOLUTION=426x240,CODECS="avc1.4d4015,mp4a.40.2",SUBTITLES="chat"',
          'v360/index.m3u8',
          '',
        ].join('\n'),
      );
      const broken = await startPreviewServer({ root: tmp, masterPath: path.join(tmp, 'master.m3u8'), host: '127.0.0.1', port: 0 });
      const tab = await browser.newPage();
      try {
        await tab.goto(broken.url);
        await waitForPlayerReady(tab);
        await expect.poll(() => tab.evaluate(() => (window as HookWindow).__chatReplay!.selectedSubtitleTrack())).toBe(0);
        await seekOn(tab, 4.0);
        await expect.poll(() => paneMessages(tab), { timeout: 10_000 }).toContain('Streamer: 방송 시작합니다! Welcome everyone');
        await tab.evaluate(() => {
          document.querySelector('video')!.currentTime = 14;
        });
        await expect
          .poll(() => tab.evaluate(() => (window as HookWindow).__chatReplay!.warnings.join('\n')), { timeout: 15_000 })
          .toMatch(/seg_002\.vtt/);
        expect(await tab.getAttribute('#status', 'class')).toContain('warning');
        expect(await tab.evaluate(() => (window as HookWindow).__chatReplay!.error)).toBeNull();
      } finally {
        await tab.close();
        await broken.close();
      }
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
