/** Reads a protobuf varint at `at`; undefined if it runs off the end. */
function varint(bytes: Buffer, at: number): { value: number; next: number } | undefined {
  let value = 0;
  let shift = 0;
  for (let i = at; i < bytes.length && shift < 35; i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return { value, next: i + 1 };
    shift += 7;
  }
  return undefined;
}

/** The bytes of field 1 (length-delimited) when it is the first field of `bytes`. */
function firstField(bytes: Buffer): Buffer | undefined {
  if (bytes[0] !== 0x0a) return undefined;
  const length = varint(bytes, 1);
  if (!length || length.next + length.value > bytes.length) return undefined;
  return bytes.subarray(length.next, length.next + length.value);
}

/**
 * The server id inside a YouTube chat item id. Ids are base64url(protobuf): the short form is
 * {1:{1:"<server id>"}}, the long form (seen in deletion targets and live captures) is
 * {1:{1:"<server id>", 2:"<client id + ms>"}}, so the same message can be named two ways
 * (chat-formats.md §2.2). Anything that does not decode that way is its own key.
 */
export function canonicalYouTubeId(id: string): string {
  let text = id;
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return id;
    }
  }
  const outer = firstField(Buffer.from(text, 'base64url'));
  const inner = outer && firstField(outer);
  if (!inner || inner.length === 0) return id;
  const serverId = inner.toString('latin1');
  // A real server id is printable ASCII; anything else means this was not an encoded id after all.
  return /^[\x21-\x7e]+$/.test(serverId) ? serverId : id;
}
