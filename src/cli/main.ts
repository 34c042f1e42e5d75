import yargs, { type Argv } from 'yargs';
import { ChatReplayError, usageError } from '../errors.js';
import type { CliCommand, CliIo } from './command.js';
import { EXIT } from './command.js';
import { errorLine, exitCodeFor } from './exit.js';
import { packageCommand } from './package-command.js';
import { previewCommand } from './preview-command.js';
import { rulesCommand } from './rules-command.js';
import { validateCommand } from './validate-command.js';

const COMMANDS: CliCommand<any>[] = [packageCommand, validateCommand, previewCommand, rulesCommand];

const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTTY: Boolean(process.stderr.isTTY),
};

/** Options that may be given several times; any other repeated option is a usage error, not a silent pick. */
const REPEATABLE = new Set(['_', 'chat']);

function rejectRepeatedOptions(argv: Record<string, unknown>): true {
  for (const [key, value] of Object.entries(argv)) {
    // yargs also sets camelCase aliases (lockTimeout for lock-timeout): name the flag as typed.
    const camelAlias = /[A-Z]/.test(key);
    if (Array.isArray(value) && !REPEATABLE.has(key) && !camelAlias) {
      throw usageError(`--${key} was given more than once; give it once`);
    }
  }
  return true;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  let ran: Promise<number> | undefined;
  let parser: Argv = yargs(argv)
    .scriptName('chat-replay')
    .usage('$0 <command> [options]\n\nReplay a live broadcast\'s chat on its VOD, as an HLS WebVTT subtitles track.')
    .strict()
    .demandCommand(1, 'Name a command: package, validate, preview or rules.')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .check(rejectRepeatedOptions)
    .fail((message, err) => {
      throw err instanceof ChatReplayError ? err : usageError(message || err?.message || 'invalid arguments');
    });
  for (const command of COMMANDS) {
    parser = parser.command(command.command, command.describe, command.builder, (args) => {
      ran = command.run(args as never, io);
    });
  }
  try {
    await parser.parseAsync();
    if (ran) exitCode = await ran;
  } catch (err) {
    io.stderr(`${errorLine(err)}\n`);
    if (err instanceof ChatReplayError && err.kind === 'usage') io.stderr('Run "chat-replay <command> --help" for the options.\n');
    exitCode = exitCodeFor(err);
  }
  return exitCode;
}
