/**
 * Reads from `input` until `bytes` bytes (or the end) are buffered, and returns them together with
 * a stream that replays them before the rest: detection looks at the head, the reader gets it all.
 * Chunks are copied as they are gathered: an input may reuse one buffer for every chunk.
 */
export async function peekHead(
  input: AsyncIterable<Uint8Array>,
  bytes: number,
): Promise<{ head: Buffer; stream: AsyncIterable<Uint8Array> }> {
  const iterator = input[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    parts.push(Buffer.from(next.value));
    size += next.value.length;
  }
  const head = Buffer.concat(parts, size);
  async function* replay(): AsyncGenerator<Uint8Array> {
    if (head.length) yield head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, stream: replay() };
}

/** The first byte that is not JSON whitespace, if any. */
export function firstNonWhitespace(head: Uint8Array): number | undefined {
  for (const b of head) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return b;
  return undefined;
}
