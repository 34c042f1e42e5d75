import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { locatePreviewTarget } from '../../src/preview/locate-master.js';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server.js';
import { collectPageErrors, expectPaneAt, launchChromium, paneMessages, playUntil, seek, waitForPlayerReady, type HookWindow, type Timeline } from './browser-harness.js';

/**
 * End to end: the built CLI packages the sample VOD and chat (as `npm run demo` does), and the
 * preview of that copy shows, at each moment, exactly the chat the packaged rendition holds.
 */
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(REPO, 'bin/chat-replay.js');
const CHAT = path.join(REPO, 'samples/chat/hangyeol-2026-11-21.json');
const RULES = path.join(REPO, 'samples/chat/rules.json');
const SCREENSHOT = path.join(REPO, 'test-results/preview-packaged.png');

/**
 * The chat timeline as the packaged files hold it: every cue once (segments repeat spanning cues),
 * in the order first written, markup stripped and the three escapes undone. Read independently of
 * the page's own parser, so the two can disagree.
 */
async function timelineFromRendition(dir: string): Promise<Timeline> {
  const playlist = await readFile(path.join(dir, 'index.m3u8'), 'utf8');
  const segments = playlist.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const seen = new Map<string, readonly [number, string]>();
  for (const segment of segments) {
    const text = await readFile(path.join(dir, segment), 'utf8');
    for (const block of text.split(/\n\n+/).slice(1)) {
      const lines = block.split('\n').filter((l) => l !== '');
      const timing = lines.findIndex((l) => l.includes('-->'));
      if (timing < 0) continue;
      const [start = ''] = lines[timing]!.split(' --> ');
      const [h = 0, m = 0, s = 0] = start.split(':').map(Number);
      const payload = lines
        .slice(timing + 1)
        .join('\n')
        .replace(/<[^>]*>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
      const id = timing > 0 ? lines[0]! : `${lines[timing]}\n${payload}`;
      if (!seen.has(id)) seen.set(id, [h * 3600 + m * 60 + s, payload]);
    }
  }
  return [...seen.values()];
}

let tmp: string;
let browser: Browser;
let server: PreviewServer;
let page: Page;
let pageErrors: string[];
let timeline: Timeline;

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'dist/bundle/main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  }
  tmp = await mkdtemp(path.join(os.tmpdir(), 'chat-replay-preview-e2e-'));
  await cp(path.join(REPO, 'samples/vod-ts'), path.join(tmp, 'vod-ts'), { recursive: true });
  const master = path.join(tmp, 'vod-ts/master.m3u8');
  const run = spawnSync(process.execPath, [CLI, 'package', '--chat', CHAT, '--master', master, '--rules', RULES, '--default'], {
    cwd: REPO,
    encoding: 'utf8',
    // Synchronous: a child that never exits would block this process past the hook's timeout.
    timeout: 60_000,
  });
  expect(run.error).toBeUndefined();
  expect(run.status, `chat-replay package failed:\n${run.stderr}`).toBe(0);
  timeline = await timelineFromRendition(path.join(tmp, 'vod-ts/subs/chat_kor'));

  server = await startPreviewServer({ ...(await locatePreviewTarget(path.join(tmp, 'vod-ts'))), host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 640 } });
  pageErrors = collectPageErrors(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('preview of the packaged sample', () => {
  test('the pane replays the packaged chat in sync, with the rules applied and the text literal', { timeout: 90_000 }, async () => {
    expect(timeline.length).toBeGreaterThan(30);
    await page.goto(server.url);
    await waitForPlayerReady(page);
    expect(await page.evaluate(() => (window as HookWindow).__chatReplay!.subtitleTracks())).toEqual(['chat_kor (ko)']);

    const playedTo = await playUntil(page, 2.2);
    await expectPaneAt(page, timeline, playedTo, { exact: true });

    // 12.0: a burst of eight messages in one millisecond; 33.0: four in one second; then the end.
    for (const t of [12.5, 33.5, 23.5, 6.0, 40.0]) {
      await seek(page, t);
      await expectPaneAt(page, timeline, t);
    }
    // Messages sharing an instant appear in the order they were sent (the archive's order).
    const archive = JSON.parse(await readFile(CHAT, 'utf8')) as { messages: { offsetMs?: number; author: { name: string }; text: string }[] };
    const sentAt = (ms: number) => archive.messages.filter((m) => m.offsetMs === ms).map((m) => `${m.author.name}: ${m.text}`);
    expect(sentAt(12_000)).toHaveLength(8);
    await seek(page, 12.5);
    expect((await expectPaneAt(page, timeline, 12.5, { atLeast: 8 })).slice(-8)).toEqual(sentAt(12_000));
    await seek(page, 33.5);
    expect((await expectPaneAt(page, timeline, 33.5, { atLeast: 4 })).slice(-4)).toEqual(sentAt(33_000));

    // Straight from the archive, not from the packaged files: what the rules did and what escaping kept.
    await seek(page, 24.0);
    const at24 = await expectPaneAt(page, timeline, 24.0);
    expect(at24).toContain('소라하늘: </c> <i>italic</i> &lt;not a tag&gt;');
    await seek(page, 40.0);
    const all = [...(await paneMessages(page)), ...timeline.map(([, line]) => line)].join('\n');
    expect(all).not.toMatch(/spam_lord|Nightbot|after the video ends/);

    // The picture of what `npm run demo` then `chat-replay preview` shows, overlay on.
    await page.click('#overlay-toggle');
    await seek(page, 16.6);
    await expectPaneAt(page, timeline, 16.6);
    await page.waitForTimeout(300);
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    expect(await page.evaluate(() => (window as HookWindow).__chatReplay!.warnings)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
