import { ChatReplayError } from '../errors.js';
import { EXIT } from './command.js';

/** The one place errors become an exit code and one stderr line. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof ChatReplayError) {
    return err.kind === 'input' ? EXIT.input : err.kind === 'usage' ? EXIT.usage : EXIT.io;
  }
  // Anything unclassified escaped from the file system or the network.
  return EXIT.io;
}

/**
 * One line, whatever the message holds: yargs writes some of its errors over several lines
 * ("Invalid values:\n  Argument: layout, …"), and a script reading stderr takes the first.
 */
export function errorLine(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const text = err instanceof ChatReplayError ? err.format() : `${e?.path ? `${e.path}: ` : ''}${e?.message ?? String(err)}`;
  return `chat-replay: ${text.trim().replace(/\s*\n\s*/g, ' ')}`;
}
