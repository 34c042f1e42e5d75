import { inputError, type ChatReplayError } from '../../errors.js';
import { JsonSyntaxError } from './cursor.js';

/**
 * Input errors found at a byte of an archive's text, shared by the sequential reader
 * (document-stream.ts) and the parallel one (parallel/block-parse.ts) so that both say the same
 * thing. Each carries its offset, which the source reader turns into a line and column
 * (text-position.ts); the message names the byte too.
 */
export function errorAtByte(description: string, offset: number, detail: string, file: string, path?: string): ChatReplayError {
  return inputError(`${description} at byte ${offset}${detail}`, file, { path, offset });
}

export const invalidJson = (err: JsonSyntaxError, file: string, path: string) => errorAtByte('invalid JSON', err.offset, `: ${err.message}`, file, path);

export const truncatedAt = (offset: number, file: string, path: string) =>
  errorAtByte('unexpected end of input', offset, ' (the file looks truncated)', file, path);
