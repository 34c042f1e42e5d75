import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copySample, ROOT, runCli, SAMPLE_CHAT, SAMPLE_RULES } from '../support/cli.js';

/**
 * docs/ci.md promises its GitHub Actions job and Airflow task run tested commands: read them from
 * the document, check both recipes run the same two, and run those through the real CLI entry point
 * (src/cli/main.ts) on a copy of each sample VOD.
 */
const doc = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
const yamlCommands = [...doc.matchAll(/^\s+run: (npx chat-replay .+)$/gm)].map((m) => m[1] as string);
const airflowCommands = [...doc.matchAll(/bash_command='(npx chat-replay [^']+)'/g)].map((m) => m[1] as string);

/** The shell words of a documented command with its "$VAR" quoted variables substituted. */
function argv(command: string, env: Record<string, string>): string[] {
  return command.replace(/^npx chat-replay /, '').split(/\s+/).map((word) =>
    word.replace(/^"\$([A-Z]+)"$/, (_, name: string) => {
      const value = env[name];
      if (value === undefined) throw new Error(`docs/ci.md uses $${name}, which the test does not set`);
      return value;
    }));
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('docs/ci.md', () => {
  it('has one package and one validate --format github command, the same in both recipes', () => {
    expect(yamlCommands).toEqual([
      'npx chat-replay package --chat "$CHAT" --master "$MASTER" --rules "$RULES"',
      'npx chat-replay validate "$MASTER" --format github',
    ]);
    expect(airflowCommands).toEqual(yamlCommands);
  });

  for (const sample of ['vod-ts', 'vod-fmp4', 'vod-discontinuity']) {
    it(`its commands package ${sample} and pass the gate with exit 0`, async () => {
      const dir = copySample(sample);
      made.push(dir);
      const env = { CHAT: SAMPLE_CHAT, MASTER: join(dir, 'master.m3u8'), RULES: SAMPLE_RULES };
      const [packageCommand, validateCommand] = yamlCommands.map((c) => argv(c, env));
      const packaged = await runCli(packageCommand as string[]);
      expect(packaged.stderr).toBe('');
      expect(packaged.code).toBe(0);
      const gate = await runCli(validateCommand as string[]);
      expect(gate).toEqual({ code: 0, stdout: 'chat-replay validate: no problems found\n', stderr: '' });
    });
  }

  it('its gate fails with exit 1 and ::error annotations when the rendition is broken', async () => {
    const dir = copySample('vod-ts');
    made.push(dir);
    const env = { CHAT: SAMPLE_CHAT, MASTER: join(dir, 'master.m3u8'), RULES: SAMPLE_RULES };
    const [packageCommand, validateCommand] = yamlCommands.map((c) => argv(c, env));
    expect((await runCli([...(packageCommand as string[]), '--mpegts', '900000'])).code).toBe(0);
    const gate = await runCli(validateCommand as string[]);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toMatch(/^::error file=[^,]+\/[^/,]+\.vtt,line=2::\[segment-map-mpegts\] MPEGTS:900000 /m);
  });
});
