import { describe, expect, it } from 'vitest';
import { validateRendition } from '../../src/validate/validate-rendition.js';
import { fixture, ruleIds, runCli } from './helpers.js';

describe('chat-replay validate: usage', () => {
  it('exits 2 without a master', async () => {
    expect((await runCli(['validate'])).code).toBe(2);
  });

  it('exits 2 on an unknown --format and on --json with another --format', async () => {
    expect((await runCli(['validate', fixture('good'), '--format', 'xml'])).code).toBe(2);
    const both = await runCli(['validate', fixture('good'), '--json', '--format', 'github']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--json and --format github disagree');
  });

  it('accepts --json together with --format json', async () => {
    expect((await runCli(['validate', fixture('good'), '--json', '--format', 'json'])).code).toBe(0);
  });
});

describe('chat-replay validate: what it checks', () => {
  it('exits 1 with file-unreadable when the master does not exist', async () => {
    const run = await runCli(['validate', 'test/fixtures/validate/nope/master.m3u8']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('test/fixtures/validate/nope/master.m3u8: error [file-unreadable] cannot read master playlist: no such file');
  });

  it('--rendition picks one rendition by NAME and fails on an unknown NAME', async () => {
    expect(await validateRendition(fixture('good'), { rendition: 'chat_kor' })).toEqual([]);
    const run = await runCli(['validate', fixture('good'), '--rendition', 'chat_en']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[master-rendition-not-found] no SUBTITLES rendition named "chat_en" (found "chat_kor")');
  });

  it('checks the playlist each rendition of a group points to once, even when NAMEs repeat', async () => {
    const findings = await validateRendition(fixture('dup-name'));
    expect(findings.filter((f) => f.file.endsWith('.vtt'))).toEqual([]);
    expect(ruleIds(findings)).toEqual(['master-media-name-duplicate']);
  });

  it('reports a probe failure as a warning and still checks everything else', async () => {
    const findings = await validateRendition(fixture('fixed-900000'), { probe: async () => { throw new Error('no TS sync byte'); } });
    expect(findings).toEqual([expect.objectContaining({
      severity: 'warning', rule: 'segment-map-probe-failed', file: 'samples/vod-ts/v360/seg_000.ts',
    })]);
  });
});
