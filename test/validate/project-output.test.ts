import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copySample, runCli as runChatReplay, SAMPLE_CHAT, SAMPLE_RULES } from '../support/cli.js';
import { validateRendition } from '../../src/validate/validate-rendition.js';

/**
 * The project's own output under options docs/ci.md does not use, and the MPEGTS rule against the
 * probe on the real ffmpeg segments.
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

// docs/ci.md's commands on all three samples are run by ci-doc.test.ts; these are the other options.
describe('chat-replay package output and validate', () => {
  it('vod-ts with the rolling chat box layout and --default: no finding', async () => {
    const master = await packaged('vod-ts', ['--layout', 'window', '--default', '--name', 'chat_box']);
    expect(await validateRendition(master, { rendition: 'chat_box' })).toEqual([]);
  });

  it('a forced --mpegts 900000 on the ffmpeg TS sample fails segment-map-mpegts, once', async () => {
    const master = await packaged('vod-ts', ['--mpegts', '900000']);
    const findings = await validateRendition(master);
    expect(findings.map((f) => f.rule)).toEqual(['segment-map-mpegts']);
  });

  it('one --mpegts for both discontinuity domains fails on the domain whose origin differs', async () => {
    const master = await packaged('vod-discontinuity', ['--mpegts', '126000']);
    const findings = await validateRendition(master);
    expect(findings).toEqual([expect.objectContaining({ rule: 'segment-map-mpegts', line: 2 })]);
    // Segments 0-1 are part A (origin 126000), 2-3 part B, shifted by -output_ts_offset 100.
    expect(findings[0]?.file).toMatch(/seg_00002_[0-9a-f]+\.vtt$/);
    expect(findings[0]?.message).toMatch(/every cue shows 99\.920 s early/);
  });
});
