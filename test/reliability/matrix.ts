/**
 * The bad-input matrix's common shape: a scratch VOD in one of two states — never packaged, or
 * already carrying a rendition from an earlier good run — one `package` run with a bad input, and
 * the checks every rejection must pass: the exit code, one stderr line naming the file and
 * position, and a folder byte-identical to before (nothing written, earlier outputs untouched).
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { runCli, SAMPLE_CHAT } from '../support/cli.js';
import { copyVodTs, expectOneErrorLine, scratch, snapshot, tempFiles } from './support.js';

export type VodState = 'fresh' | 'packaged';
export const STATES: VodState[] = ['fresh', 'packaged'];

/** Builds the two template folders once; each case copies one, so cases never share files. */
export async function makeTemplates(): Promise<Record<VodState, string>> {
  const fresh = scratch('template-fresh');
  copyVodTs(fresh);
  const packaged = scratch('template-packaged');
  copyVodTs(packaged);
  const run = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', join(packaged, 'master.m3u8')]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return { fresh, packaged };
}

export function caseDir(templates: Record<VodState, string>, state: VodState): { dir: string; master: string } {
  const dir = scratch(`case-${state}`);
  cpSync(templates[state], dir, { recursive: true });
  return { dir, master: join(dir, 'master.m3u8') };
}

export interface Rejection {
  code: 1 | 2 | 3;
  /** What the one stderr line must name. */
  file: string;
  position?: RegExp;
}

/**
 * Runs `package` with `args` in `dir` and checks the rejection. The folder is snapshotted before and
 * compared after, so any write (a new file, a changed master, a leftover temporary) fails the case.
 */
export async function expectRejected(dir: string, args: string[], want: Rejection): Promise<string> {
  const before = snapshot(dir);
  const run = await runCli(['package', ...args]);
  expect(run.code, `exit code; stderr: ${run.stderr}`).toBe(want.code);
  expect(run.stdout).toBe('');
  const line = expectOneErrorLine(run.stderr, want.file, want.position);
  expect(tempFiles(dir)).toEqual([]);
  expect(snapshot(dir)).toEqual(before);
  return line;
}

/**
 * Where a JSON syntax error is: `file:LINE[:COL]: ` right after the file name (the line, when given,
 * must be that one), or a byte offset in the message (`at byte N`, V8's `at position N`). Both let a
 * person jump to the spot; a message with neither does not.
 */
export function atLine(file: string, line?: number): RegExp {
  const f = escapeRegExp(file);
  return new RegExp(`${f}:${line ?? '\\d+'}(:\\d+)?: |${f}: .*\\b(at byte|at position|byte|offset) \\d+`);
}

/** `file: <json path>: ` — the JSON path of the field at fault. */
export function atPath(file: string, path: string): RegExp {
  return new RegExp(`${escapeRegExp(file)}(:\\d+(:\\d+)?)?: ${escapeRegExp(path)}(?=: )`);
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function removeAll(...dirs: string[]): void {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

/**
 * Per-file scratch templates (a never-packaged and an already-packaged VOD) and a `newCase(state)`
 * that copies one; every folder made is removed after the file's tests.
 */
export function useCaseTemplates(): (state: VodState) => { dir: string; master: string } {
  let templates: Record<VodState, string>;
  const made: string[] = [];
  beforeAll(async () => {
    templates = await makeTemplates();
    made.push(templates.fresh, templates.packaged);
  });
  afterAll(() => removeAll(...made));
  return (state) => {
    const c = caseDir(templates, state);
    made.push(c.dir);
    return c;
  };
}
