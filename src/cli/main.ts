import yargs, { type Argv } from 'yargs';
import { ChatReplayError, usageError } from '../errors.js';
import type { CliCommand, CliIo, CommandName } from './command.js';
import { COMMAND_INFO, EXIT } from './command.js';
import { errorLine, exitCodeFor } from './exit.js';
import { packageVersion } from './version.js';

/**
 * Each command's module, imported only when that command runs: together they pull in zod, the rules
 * registry, the pipeline, the validator and the preview server (most of the startup time), and any
 * one invocation needs at most one of them.
 */
const LOADERS: Record<CommandName, () => Promise<CliCommand<any>>> = {
  package: async () => (await import('./package-command.js')).packageCommand,
  validate: async () => (await import('./validate-command.js')).validateCommand,
  preview: async () => (await import('./preview-command.js')).previewCommand,
  rules: async () => (await import('./rules-command.js')).rulesCommand,
};
const COMMAND_NAMES = Object.keys(COMMAND_INFO) as CommandName[];

/**
 * yargs runs a command only when its name is an argument as typed, so loading the modules of the
 * names on the command line (normally one) before parsing keeps the builders synchronous and yargs'
 * behaviour unchanged. A command not loaded here can't be selected; if it were, its builder loads it.
 */
async function loadNamedCommands(argv: string[]): Promise<Map<CommandName, CliCommand<any>>> {
  const named = COMMAND_NAMES.filter((name) => argv.includes(name));
  return new Map(await Promise.all(named.map(async (name) => [name, await LOADERS[name]()] as const)));
}

/**
 * yargs renders the selected command's whole help text each time a command handler runs
 * (`cacheHelpMessage`, kept for a help shown after an async handler failed): with cliui and
 * string-width that is the largest part of yargs' cost per run. Here nothing reads it: the handler
 * only records the command's promise, which main awaits outside yargs, and `.fail()` replaces yargs'
 * help-on-failure with one line. `--help` renders the text when asked, as before.
 */
function skipHelpCache(parser: Argv): void {
  const usage = (parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } } })
    .getInternalMethods?.()
    .getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

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
    .version(packageVersion())
    // yargs' own words (Options:, Show help) in English like the rest of the output, whatever the
    // system's locale: a help page in one language, and the same from dist/ and from the bundle,
    // where yargs cannot find its translations.
    .locale('en')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .check(rejectRepeatedOptions)
    .fail((message, err) => {
      throw err instanceof ChatReplayError ? err : usageError(message || err?.message || 'invalid arguments');
    });
  try {
    const loaded = await loadNamedCommands(argv);
    for (const name of COMMAND_NAMES) {
      const { command, describe } = COMMAND_INFO[name];
      parser = parser.command(
        command,
        describe,
        (y: Argv) => {
          const module = loaded.get(name);
          if (module) return module.builder(y);
          return LOADERS[name]().then((m) => (loaded.set(name, m), m.builder(y)));
        },
        (args) => {
          ran = loaded.get(name)!.run(args as never, io);
        },
      );
    }
    skipHelpCache(parser);
    await parser.parseAsync();
    if (ran) exitCode = await ran;
  } catch (err) {
    // A usage error says where the options are, on the same line: one line per error.
    const command = argv.find((arg): arg is CommandName => (COMMAND_NAMES as string[]).includes(arg)) ?? '<command>';
    const hint = err instanceof ChatReplayError && err.kind === 'usage' ? ` (see "chat-replay ${command} --help")` : '';
    io.stderr(`${errorLine(err)}${hint}\n`);
    exitCode = exitCodeFor(err);
  }
  return exitCode;
}
