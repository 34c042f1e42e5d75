import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Writes text in ~1 MB chunks and waits for the disk when the stream is full, so a 500 MB archive
 * is produced in bounded memory: never one giant string.
 */
export function createChunkedWriter(path) {
  const stream = createWriteStream(path);
  let parts = [];
  let size = 0;
  let bytes = 0;
  async function flush() {
    if (parts.length === 0) return;
    const chunk = parts.join('');
    parts = [];
    size = 0;
    bytes += Buffer.byteLength(chunk);
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  return {
    async write(text) {
      parts.push(text);
      size += text.length;
      if (size >= 1 << 20) await flush();
    },
    async close() {
      await flush();
      stream.end();
      await once(stream, 'finish');
      return bytes;
    },
  };
}
