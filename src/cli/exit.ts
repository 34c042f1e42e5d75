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

export function errorLine(err: unknown): string {
  if (err instanceof ChatReplayError) return `chat-replay: ${err.format()}`;
  const e = err as NodeJS.ErrnoException;
  const where = e?.path ? `${e.path}: ` : '';
  return `chat-replay: ${where}${e?.message ?? String(err)}`;
}
