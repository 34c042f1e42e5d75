import * as fs from 'node:fs';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeNewFile, writeNewFileSync } from '../../src/io/atomic-write.js';

// Calls through unless a test makes the write itself fail (a full disk), after the create worked.
vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>();
  return { ...original, writeFile: vi.fn(original.writeFile), writeFileSync: vi.fn(original.writeFileSync) };
});

const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'atomic-write-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  vi.mocked(fs.writeFile).mockRestore();
  vi.mocked(fs.writeFileSync).mockRestore();
});

// The in-line variant, awaited the same way, so that both answer the same cases.
describe.each([
  ['writeNewFile', writeNewFile, () => vi.mocked(fs.writeFile).mockImplementationOnce(((_fd: unknown, _data: unknown, done: (err: Error) => void) => done(diskFull())) as never)],
  ['writeNewFileSync', async (path: string, data: Uint8Array) => writeNewFileSync(path, data), () => vi.mocked(fs.writeFileSync).mockImplementationOnce(() => { throw diskFull(); })],
] as const)('%s', (_name, write, failNextWrite) => {
  it('creates the file under its final name', async () => {
    expect(await write(join(root, 'a.vtt'), Buffer.from('WEBVTT\n'))).toEqual({ written: true });
    expect(readFileSync(join(root, 'a.vtt'), 'utf8')).toBe('WEBVTT\n');
  });

  it('writes nothing when the name is taken, not even through a symlink', async () => {
    const target = join(root, 'target.txt');
    writeFileSync(target, 'not ours');
    symlinkSync(target, join(root, 'a.vtt'));
    writeFileSync(join(root, 'b.vtt'), 'old');
    expect(await write(join(root, 'a.vtt'), Buffer.from('new'))).toEqual({ written: false });
    expect(await write(join(root, 'b.vtt'), Buffer.from('new'))).toEqual({ written: false });
    expect(readFileSync(target, 'utf8')).toBe('not ours');
    expect(readFileSync(join(root, 'b.vtt'), 'utf8')).toBe('old');
  });

  it('names the file when it cannot be created', async () => {
    const path = join(root, 'missing', 'a.vtt');
    await expect(write(path, Buffer.from('x'))).rejects.toMatchObject({ file: path, message: 'cannot write: no such file or directory' });
  });

  it('leaves no partial file when the write fails after the create', async () => {
    const path = join(root, 'a.vtt');
    failNextWrite();
    await expect(write(path, Buffer.from('WEBVTT\n'))).rejects.toMatchObject({ file: path, message: 'cannot write: no space left on device' });
    expect(existsSync(path)).toBe(false);
  });
});
