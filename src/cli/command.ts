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
