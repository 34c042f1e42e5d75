import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ChatReplayHook } from '../../src/preview/page/player-main.js';

/**
 * Debian's Chromium, never a downloaded one: a machine without /usr/bin/chromium fails the browser
 * tests, loudly (CI installs the package), instead of skipping them.
 */
export const CHROMIUM = '/usr/bin/chromium';

export type HookWindow = Window & { __chatReplay?: ChatReplayHook };

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium); the browser tests never download a browser`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** Collects what would show in the devtools console as an error, including failed requests. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
  });
  return errors;
}

export async function waitForPlayerReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as HookWindow).__chatReplay?.ready === true, null, { timeout: 20_000 });
}

export const paneMessages = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as HookWindow).__chatReplay?.paneMessages() ?? []);

export async function seek(page: Page, t: number): Promise<void> {
  await page.evaluate(
    (to) =>
      new Promise<void>((resolve) => {
        const video = document.querySelector('video')!;
        video.addEventListener('seeked', () => resolve(), { once: true });
        video.currentTime = to;
      }),
    t,
  );
}

/** Plays muted from where the video is until `t`, then pauses; returns where it stopped. */
export async function playUntil(page: Page, t: number): Promise<number> {
  await page.evaluate(() => {
    const video = document.querySelector('video')!;
    video.muted = true;
    return video.play();
  });
  await page.waitForFunction((to) => document.querySelector('video')!.currentTime > to, t, { timeout: 20_000 });
  return page.evaluate(() => {
    const video = document.querySelector('video')!;
    video.pause();
    return video.currentTime;
  });
}

export type Timeline = readonly (readonly [start: number, line: string])[];

export const dueAt = (timeline: Timeline, t: number): string[] => timeline.filter(([start]) => start <= t).map(([, line]) => line);

/**
 * Waits until the pane shows the lines of `timeline` due at `t`. hls.js loads subtitle segments
 * around the playhead, so after a jump the oldest lines may not be loaded yet: the pane must end
 * with exactly the newest due lines, in order, at least the last `atLeast` (all with `exact`), and
 * never a line from the future.
 */
export async function expectPaneAt(page: Page, timeline: Timeline, t: number, { exact = false, atLeast = 3 } = {}): Promise<string[]> {
  const due = dueAt(timeline, t);
  const need = exact ? due.length : Math.min(atLeast, due.length);
  let shown: string[] = [];
  const deadline = Date.now() + 10_000;
  for (;;) {
    shown = await paneMessages(page);
    const isSuffix = shown.length <= due.length && shown.every((line, i) => line === due[due.length - shown.length + i]);
    if (isSuffix && shown.length >= need) return shown;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(shown, `chat pane at ${t.toFixed(3)} s`).toEqual(due.slice(-Math.max(shown.length, need)));
  return shown;
}
