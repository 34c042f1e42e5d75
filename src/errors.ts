/**
 * Errors are values with a file, a position and a message. The CLI turns them into one stderr
 * line and an exit code in one place (src/cli/exit.ts), so every stage just throws one of these.
 */
export type ErrorKind = 'input' | 'usage' | 'io';

/** Where in a file the problem is: a line/column for text, a path like `messages[12].author.name` for JSON. */
export interface ErrorPosition {
  line?: number;
  column?: number;
  /** JSON path or record index, e.g. `messages[12].author.name` or `line 40`. */
  path?: string;
  /**
   * Byte offset into a chat archive's text (UTF-8 after any BOM, gunzip or UTF-16 decoding), where
   * a JSON error was found. Not printed (the message says it); the source reader turns it into a
   * line and column when it can read the file again (withTextPosition).
   */
  offset?: number;
}

export class ChatReplayError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly file?: string,
    readonly position?: ErrorPosition,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ChatReplayError';
  }

  /** `file:line:col: message` or `file: path: message`, the one line a person reads. */
  format(): string {
    const where: string[] = [];
    if (this.file) {
      let loc = this.file;
      if (this.position?.line !== undefined) {
        loc += `:${this.position.line}`;
        if (this.position.column !== undefined) loc += `:${this.position.column}`;
      }
      where.push(loc);
    }
    if (this.position?.path) where.push(this.position.path);
    return where.length ? `${where.join(': ')}: ${this.message}` : this.message;
  }
}

export const inputError = (message: string, file?: string, position?: ErrorPosition, cause?: unknown) =>
  new ChatReplayError('input', message, file, position, { cause });
export const usageError = (message: string) => new ChatReplayError('usage', message);
export const ioError = (message: string, file?: string, cause?: unknown) =>
  new ChatReplayError('io', message, file, undefined, { cause });

/** Node's fs errors carry a code; name it in words a person understands. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'a path component is not a directory';
    case 'ENOSPC': return 'no space left on device';
    case 'EROFS': return 'read-only file system';
    case 'EEXIST': return 'already exists';
    default: return (err as Error)?.message ?? String(err);
  }
}

/** Turns a Node fs error into a ChatReplayError: I/O (exit 3). */
export function fsError(action: string, file: string, err: unknown): ChatReplayError {
  if (err instanceof ChatReplayError) return err;
  return ioError(`cannot ${action}: ${describeFsError(err)}`, file, err);
}
