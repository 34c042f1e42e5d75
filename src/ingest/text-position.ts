import { ChatReplayError } from '../errors.js';

/**
 * The 1-based line and column of byte `offset` of UTF-8 text: lines end at LF, CRLF or a lone CR
 * (as editors count them; JSON allows all three as whitespace, and an old Mac export has only CRs),
 * and a column counts characters (code points, so `한` is one column, not three bytes). For an
 * error line a person can open in an editor; JSON errors are found by byte offset, and an archive
 * may be indented over millions of lines. Reads the text up to the offset: an error path only.
 */
export async function lineAndColumnAt(text: AsyncIterable<Uint8Array>, offset: number): Promise<{ line: number; column: number }> {
  let line = 1;
  let column = 1;
  let at = 0;
  /** The byte before was a CR: an LF now ends no new line (CRLF), and may come in the next chunk. */
  let afterCr = false;
  for await (const chunk of text) {
    const end = Math.min(chunk.length, offset - at);
    for (let i = 0; i < end; i++) {
      const b = chunk[i]!;
      if (b === 0x0d || (b === 0x0a && !afterCr)) {
        line++;
        column = 1;
      } else if (b !== 0x0a && (b & 0xc0) !== 0x80) column++;
      afterCr = b === 0x0d;
    }
    at += end;
    if (at >= offset) break;
  }
  return { line, column };
}

/** The 1-based column of byte `byte` of a line's UTF-8 bytes: the characters (code points) before it, plus one. */
export function columnAt(line: Uint8Array, byte: number): number {
  let column = 1;
  for (let i = 0; i < byte && i < line.length; i++) if ((line[i]! & 0xc0) !== 0x80) column++;
  return column + Math.max(0, byte - line.length);
}

/**
 * `err` with the line and column of its text offset, when it has one and no line yet; `text`
 * reads the archive's text again from its start. Any failure to read it again leaves `err` as it
 * was: the position is a help, the error is what matters.
 */
export async function withTextPosition(err: unknown, text: () => AsyncIterable<Uint8Array>): Promise<unknown> {
  if (!(err instanceof ChatReplayError) || err.position?.offset === undefined || err.position.line !== undefined) return err;
  try {
    const { line, column } = await lineAndColumnAt(text(), err.position.offset);
    return new ChatReplayError(err.kind, err.message, err.file, { ...err.position, line, column }, { cause: err.cause });
  } catch {
    return err;
  }
}
