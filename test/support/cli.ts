import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SAMPLES = join(ROOT, 'samples');
export const SAMPLE_CHAT = join(SAMPLES, 'chat', 'hangyeol-2026-11-21.json');
export const SAMPLE_RULES = join(SAMPLES, 'chat', 'rules.json');

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
  });
  return { code, stdout, stderr };
}

/** A scratch copy of a sample VOD folder (samples/ itself is never written). */
export function copySample(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `chat-replay-${name}-`));
  cpSync(join(SAMPLES, name), dir, { recursive: true });
  return dir;
}

/** Every file under a folder with its bytes, for byte-identity checks. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}
