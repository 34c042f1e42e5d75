import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copySample, runCli as runChatReplay, SAMPLE_CHAT, SAMPLE_RULES } from '../support/cli.js';
import { validateRendition } from '../../src/validate/validate-rendition.js';
import { runCli } from './helpers.js';

/**
 * Issue 6 "done when": validate passes every sample the project packages. The package command line
 * is the one docs/ci.md runs; the MPEGTS rule runs against the probe on the real ffmpeg segments.
 */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

async function packaged(sample: string, extra: string[] = []): Promise<string> {
  const dir = copySample(sample);
  made.push(dir);
  const master = join(dir, 'master.m3u8');
  const run = await runChatReplay(['package', '--chat', SAMPLE_CHAT, '--master', master, '--rules', SAMPLE_RULES, ...extra]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return master;
}

describe('chat-replay package output passes validate', () => {
  for (const sample of ['vod-ts', 'vod-fmp4', 'vod-discontinuity']) {
    it(`${sample}: no finding, exit 0 with --format github`, async () => {
      const master = await packaged(sample);
      expect(await validateRendition(master)).toEqual([]);
      const run = await runCli(['validate', master, '--format', 'github']);
      expect(run).toMatchObject({ code: 0, stdout: 'chat-replay validate: no problems found\n' });
    });
  }

  it('vod-ts with the rolling chat box layout and --default: no finding', async () => {
    const master = await packaged('vod-ts', ['--layout', 'window', '--default', '--name', 'chat_box']);
    expect(await validateRendition(master, { rendition: 'chat_box' })).toEqual([]);
  });

  it('a forced --mpegts 900000 on the ffmpeg TS sample fails segment-map-mpegts', async () => {
    const master = await packaged('vod-ts', ['--mpegts', '900000']);
    const findings = await validateRendition(master);
    expect(findings.map((f) => f.rule)).toEqual(['segment-map-mpegts']);
  });
});
