import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeNewFile } from '../../src/io/atomic-write.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'atomic-write-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('writeNewFile', () => {
  it('creates the file under its final name', async () => {
    expect(await writeNewFile(join(root, 'a.vtt'), Buffer.from('WEBVTT\n'))).toEqual({ written: true });
    expect(readFileSync(join(root, 'a.vtt'), 'utf8')).toBe('WEBVTT\n');
  });

  it('writes nothing when the name is taken, not even through a symlink', async () => {
    const target = join(root, 'target.txt');
    writeFileSync(target, 'not ours');
    symlinkSync(target, join(root, 'a.vtt'));
    writeFileSync(join(root, 'b.vtt'), 'old');
    expect(await writeNewFile(join(root, 'a.vtt'), Buffer.from('new'))).toEqual({ written: false });
    expect(await writeNewFile(join(root, 'b.vtt'), Buffer.from('new'))).toEqual({ written: false });
    expect(readFileSync(target, 'utf8')).toBe('not ours');
    expect(readFileSync(join(root, 'b.vtt'), 'utf8')).toBe('old');
  });

  it('names the file when it cannot be created', async () => {
    const path = join(root, 'missing', 'a.vtt');
    await expect(writeNewFile(path, Buffer.from('x'))).rejects.toMatchObject({ file: path, message: 'cannot write: no such file or directory' });
  });
});
