import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FindingSchema, type Finding } from '../../src/validate/finding.js';
import { formatFindings } from '../../src/validate/format.js';
import { FindingCollector } from '../../src/validate/reporter.js';
import { RULES } from '../../src/validate/rules.js';

const findings: Finding[] = [
  { severity: 'error', rule: 'segment-map-missing', file: 'subs/chat, 1/seg_000.vtt', line: 2, message: 'no map: 100% off' },
  { severity: 'warning', rule: 'master-media-forced', file: 'master.m3u8', message: 'FORCED=YES' },
];

describe('findings', () => {
  it('take their severity from the rule table', () => {
    const c = new FindingCollector();
    c.report('master-media-forced', 'm', 'x', 3);
    c.report('segment-empty', 's', 'y');
    expect(c.result()).toEqual([
      { severity: 'warning', rule: 'master-media-forced', file: 'm', line: 3, message: 'x' },
      { severity: 'error', rule: 'segment-empty', file: 's', message: 'y' },
    ]);
  });

  it('cap one rule per file and per run, and count the rest in one summary finding', () => {
    const c = new FindingCollector({ perRuleAndFile: 2, perRule: 3 });
    for (let i = 0; i < 5; i++) c.report('playlist-extinf-mismatch', 'a.m3u8', `#${i}`, i + 1);
    for (let i = 0; i < 3; i++) c.report('playlist-extinf-mismatch', 'b.m3u8', `#${i}`, i + 1);
    const result = c.result();
    expect(result.map((f) => `${f.file}:${f.line ?? '-'} ${f.message}`)).toEqual([
      'a.m3u8:1 #0', 'a.m3u8:2 #1', 'b.m3u8:1 #0', 'a.m3u8:- 5 more playlist-extinf-mismatch finding(s) not listed',
    ]);
  });

  it('are one line each; the schema refuses a message with a line break', () => {
    expect(() => FindingSchema.parse({ ...findings[1], message: 'a\nb' })).toThrow();
    for (const [rule, info] of Object.entries(RULES)) {
      expect(rule).toMatch(/^(file|master|playlist|segment|cue)-[a-z0-9-]+$/);
      expect(info.description).not.toMatch(/\n/);
    }
  });
});

describe('output formats', () => {
  it('text: file:line: severity [rule] message, then a summary', () => {
    expect(formatFindings(findings, 'text')).toBe([
      'subs/chat, 1/seg_000.vtt:2: error [segment-map-missing] no map: 100% off',
      'master.m3u8: warning [master-media-forced] FORCED=YES',
      'chat-replay validate: 1 error(s), 1 warning(s)',
      '',
    ].join('\n'));
  });

  it('json: ok, counts and the findings', () => {
    expect(JSON.parse(formatFindings(findings, 'json'))).toEqual({ ok: false, errors: 1, warnings: 1, findings });
    expect(JSON.parse(formatFindings(findings.slice(1), 'json'))).toMatchObject({ ok: true, errors: 0, warnings: 1 });
  });

  it('github: workflow commands with escaped properties and data', () => {
    expect(formatFindings(findings, 'github').split('\n')).toEqual([
      '::error file=subs/chat%2C 1/seg_000.vtt,line=2::[segment-map-missing] no map%3A 100%25 off'.replace('map%3A', 'map:'),
      '::warning file=master.m3u8::[master-media-forced] FORCED=YES',
      'chat-replay validate: 1 error(s), 1 warning(s)',
      '',
    ]);
  });
});

describe('the README\'s table of rules', () => {
  it('lists every rule the validator can report, with its severity and description, and no other', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-z0-9-]+)` \| (error|warning) \| (.*) \|$/gm)].map(([, id, severity, description]) => [id, severity, description]);
    expect(rows).toEqual(Object.entries(RULES).map(([id, info]) => [id, info.severity, info.description]));
  });
});
