import { describe, expect, it } from 'vitest';
import { FindingSchema } from '../../src/validate/finding.js';
import { validateRendition } from '../../src/validate/validate-rendition.js';
import { fixture, ruleIds, runCli } from './helpers.js';

/**
 * Each defective fixture and exactly the error rules it must break (no more: a finding that is not
 * listed here is noise a CI user would have to read past). `file` and `line` pin the key finding.
 */
const CASES: { name: string; errors: string[]; key: { rule: string; file: string; line?: number } }[] = [
  { name: 'dup-name', errors: ['master-media-name-duplicate'],
    key: { rule: 'master-media-name-duplicate', file: fixture('dup-name'), line: 4 } },
  { name: 'default-without-autoselect', errors: ['master-media-default-without-autoselect'],
    key: { rule: 'master-media-default-without-autoselect', file: fixture('default-without-autoselect'), line: 3 } },
  { name: 'iframe-subtitles', errors: ['master-iframe-subtitles'],
    key: { rule: 'master-iframe-subtitles', file: fixture('iframe-subtitles'), line: 6 } },
  { name: 'zero-byte', errors: ['segment-empty'],
    key: { rule: 'segment-empty', file: 'test/fixtures/validate/zero-byte/seg_003.vtt' } },
  { name: 'unescaped', errors: ['cue-payload-arrow', 'cue-payload-unescaped'],
    key: { rule: 'cue-payload-unescaped', file: 'test/fixtures/validate/unescaped/seg_003.vtt', line: 6 } },
  { name: 'spanning-missing', errors: ['cue-spanning-missing'],
    key: { rule: 'cue-spanning-missing', file: 'test/fixtures/validate/spanning-missing/seg_002.vtt' } },
  { name: 'spanning-differs', errors: ['cue-spanning-differs'],
    key: { rule: 'cue-spanning-differs', file: 'test/fixtures/validate/spanning-differs/seg_002.vtt', line: 4 } },
  { name: 'fixed-900000', errors: ['segment-map-mpegts'],
    key: { rule: 'segment-map-mpegts', file: 'test/fixtures/validate/fixed-900000/seg_000.vtt', line: 2 } },
  { name: 'ffmpeg-no-map', errors: ['cue-spanning-missing', 'playlist-type-mismatch', 'segment-map-missing'],
    key: { rule: 'segment-map-missing', file: 'test/fixtures/validate/ffmpeg-no-map/stream_00.vtt', line: 2 } },
];

describe('validateRendition on the fixtures', () => {
  it('passes the correct fixture with no finding at all', async () => {
    expect(await validateRendition(fixture('good'))).toEqual([]);
  });

  for (const c of CASES) {
    it(`${c.name}: breaks exactly ${c.errors.join(', ')}`, async () => {
      const findings = await validateRendition(fixture(c.name));
      for (const f of findings) FindingSchema.parse(f);
      expect(ruleIds(findings)).toEqual(c.errors);
      expect(findings).toContainEqual(expect.objectContaining(c.key));
    });
  }
});

describe('chat-replay validate output formats', () => {
  it('exits 0 and says so on the correct fixture, in every format', async () => {
    const text = await runCli(['validate', fixture('good')]);
    expect(text).toMatchObject({ code: 0, stdout: 'chat-replay validate: no problems found\n' });
    const json = await runCli(['validate', fixture('good'), '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, errors: 0, warnings: 0, findings: [] });
    const github = await runCli(['validate', fixture('good'), '--format', 'github']);
    expect(github.code).toBe(0);
    expect(github.stdout).not.toContain('::error');
  });

  for (const c of CASES) {
    const { rule, file, line } = c.key;
    const where = line === undefined ? file : `${file}:${line}`;

    it(`${c.name}: text names ${where} and [${rule}], exit 1`, async () => {
      const run = await runCli(['validate', fixture(c.name)]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`${where}: error [${rule}] `);
      expect(run.stdout).toMatch(/chat-replay validate: \d+ error\(s\), \d+ warning\(s\)\n$/);
    });

    it(`${c.name}: --format json carries ${rule}, exit 1`, async () => {
      const run = await runCli(['validate', fixture(c.name), '--format', 'json']);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { ok: boolean; errors: number; findings: unknown[] };
      expect(report.ok).toBe(false);
      expect(report.errors).toBeGreaterThan(0);
      expect(report.findings.map((f) => FindingSchema.parse(f))).toContainEqual(expect.objectContaining(c.key));
    });

    it(`${c.name}: --format github annotates ${where} with ${rule}, exit 1`, async () => {
      const run = await runCli(['validate', fixture(c.name), '--format', 'github']);
      expect(run.code).toBe(1);
      const props = line === undefined ? `file=${file}` : `file=${file},line=${line}`;
      expect(run.stdout.split('\n')).toContainEqual(expect.stringMatching(new RegExp(`^::error ${escape(props)}::\\[${rule}\\] `)));
    });
  }
});

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
