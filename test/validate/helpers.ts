import yargs from 'yargs';
import { ChatReplayError } from '../../src/errors.js';
import { EXIT, type CliIo } from '../../src/cli/command.js';
import { validateCommand } from '../../src/cli/validate-command.js';
import type { Finding } from '../../src/validate/finding.js';
import { FindingCollector, type Report } from '../../src/validate/reporter.js';

/** Fixture masters, addressed the way a CI job would: relative to the repository root. */
export const fixture = (name: string): string => `test/fixtures/validate/${name}/master.m3u8`;

/** The distinct rule ids of one severity, sorted, so a test can state exactly what a fixture breaks. */
export function ruleIds(findings: readonly Finding[], severity: Finding['severity'] = 'error'): string[] {
  return [...new Set(findings.filter((f) => f.severity === severity).map((f) => f.rule))].sort();
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `chat-replay <argv>` with only the validate command registered, parsed the way src/cli/main.ts
 * parses (strict, no process exit, yargs failures are usage errors with exit 2).
 */
export async function runCli(argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, stderrIsTTY: false };
  let ran: Promise<number> | undefined;
  try {
    await yargs(argv)
      .scriptName('chat-replay')
      .strict()
      .exitProcess(false)
      .fail((message, err) => { throw err ?? new ChatReplayError('usage', message); })
      .command(validateCommand.command, validateCommand.describe, validateCommand.builder, (args) => {
        ran = validateCommand.run(args as never, io);
      })
      .parseAsync();
    return { code: ran ? await ran : EXIT.ok, stdout, stderr };
  } catch (err) {
    if (err instanceof ChatReplayError && err.kind === 'usage') return { code: EXIT.usage, stdout, stderr: stderr + err.message };
    throw err;
  }
}

/** Runs checks that report into a fresh collector and returns what they found. */
export function collect(run: (report: Report) => void): Finding[] {
  const collector = new FindingCollector();
  run(collector.report);
  return collector.result();
}
