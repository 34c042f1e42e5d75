import type { Argv } from 'yargs';

/**
 * One `chat-replay <command>`: yargs options in `builder`, the work in `run`, which returns the exit
 * code (0 ok, 1 invalid input, 2 usage, 3 I/O) or throws a ChatReplayError that src/cli/exit.ts turns
 * into one stderr line and the matching code. main.ts registers every command module.
 */
export interface CliCommand<Args = Record<string, unknown>> {
  command: string;
  describe: string;
  builder: (yargs: Argv) => Argv<Args>;
  run: (args: Args, io: CliIo) => Promise<number>;
}

/** Where a command writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars only then). */
  stderrIsTTY: boolean;
}

export const EXIT = { ok: 0, input: 1, usage: 2, io: 3 } as const;

/**
 * What the top-level help lists, without loading any command module: main.ts imports a command's
 * module only when that command runs (its name is on the command line), because the modules pull in
 * zod, the rules registry, the pipeline or the preview server. Each module spreads its entry here.
 */
export const COMMAND_INFO = {
  package: {
    command: 'package',
    describe: 'Package chat archives as a WebVTT SUBTITLES rendition of an HLS VOD',
  },
  validate: {
    command: 'validate <master>',
    describe: 'Check the subtitles renditions of an HLS master against the HLS and WebVTT rules players depend on',
  },
  preview: {
    command: 'preview <target>',
    describe: 'Watch a packaged VOD with its chat replay in a local player page',
  },
  rules: {
    command: 'rules',
    describe: 'List the rules a rules file can use, with their options',
  },
} as const;

export type CommandName = keyof typeof COMMAND_INFO;
