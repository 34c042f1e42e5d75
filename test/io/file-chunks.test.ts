import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileChunks } from '../../src/io/file-chunks.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'file-chunks-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const openDescriptors = () => readdirSync('/proc/self/fd').length;

describe('FileChunks', () => {
  it('hands out the whole file in full chunks, the last one short, all in one reused buffer', async () => {
    const bytes = Buffer.from(Array.from({ length: 2500 }, (_, i) => i % 251));
    const path = join(root, 'a.json');
    writeFileSync(path, bytes);
    const chunks = new FileChunks(path, 1000);
    const copies: Buffer[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for await (const chunk of chunks) {
      copies.push(Buffer.from(chunk));
      buffers.add(chunk.buffer);
    }
    expect(copies.map((c) => c.length)).toEqual([1000, 1000, 500]);
    expect(Buffer.concat(copies).equals(bytes)).toBe(true);
    expect(buffers.size).toBe(1);
    await chunks.close();
  });

  it('an empty file gives no chunk', async () => {
    const path = join(root, 'empty.json');
    writeFileSync(path, '');
    const chunks = new FileChunks(path, 1000);
    const seen: Uint8Array[] = [];
    for await (const chunk of chunks) seen.push(chunk);
    expect(seen).toEqual([]);
    await chunks.close();
  });

  it('close() mid-way releases the file and ends the iteration', async () => {
    const path = join(root, 'b.json');
    writeFileSync(path, Buffer.alloc(5000, 0x20));
    const before = openDescriptors();
    const chunks = new FileChunks(path, 1000);
    const iterator = chunks[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toHaveLength(1000);
    expect(openDescriptors()).toBe(before + 1);
    await chunks.close();
    expect(openDescriptors()).toBe(before);
    expect((await iterator.next()).done).toBe(true);
  });

  it('a consumer that breaks out of its loop closes the file; so does close() before the file is open', async () => {
    const path = join(root, 'c.json');
    writeFileSync(path, Buffer.alloc(5000, 0x20));
    const before = openDescriptors();
    const chunks = new FileChunks(path, 1000);
    for await (const chunk of chunks) {
      expect(chunk).toHaveLength(1000);
      break;
    }
    expect(openDescriptors()).toBe(before);
    const early = new FileChunks(path, 1000);
    const iterator = early[Symbol.asyncIterator]();
    const first = iterator.next();
    await early.close();
    expect((await first).done).toBe(true);
    expect(openDescriptors()).toBe(before);
  });

  it('a missing file fails on the first read with its error code', async () => {
    const chunks = new FileChunks(join(root, 'missing.json'), 1000);
    await expect(chunks[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
