/**
 * Helpers shared by the reliability tests: scratch VODs (the committed sample or a synthetic long
 * one without media files), generated archives, folder snapshots, and the one-error-line check.
 * Everything is written under os.tmpdir(); samples/ is only ever read.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { ROOT, SAMPLES } from '../support/cli.js';

export const BIN = join(ROOT, 'bin', 'chat-replay.js');

export function scratch(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `chat-replay-rel-${prefix}-`));
}

/** A scratch copy of samples/vod-ts at `dir` (created), so tests can choose the folder name. */
export function copyVodTs(dir: string): string {
  mkdirSync(dir, { recursive: true });
  cpSync(join(SAMPLES, 'vod-ts'), dir, { recursive: true });
  return join(dir, 'master.m3u8');
}

export interface ArchiveMessage {
  id: string;
  offsetMs?: number;
  sentAt?: string;
  author: { name: string; id?: string };
  text: string;
}

/** `count` messages spread evenly over `spanMs`, each with a distinct id and a recognisable text. */
export function generatedMessages(count: number, spanMs: number): ArchiveMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    offsetMs: Math.floor((i * spanMs) / Math.max(count, 1)),
    author: { name: `viewer${i % 97}`, id: `u${i % 97}` },
    text: `message ${i} 채팅 <b>&amp;</b> -->`,
  }));
}

export function writeArchive(path: string, messages: unknown[]): string {
  writeFileSync(path, JSON.stringify({ version: 1, messages }));
  return path;
}

/**
 * A VOD whose video playlist has `segments` segments of 2 s and no media files: packaging with
 * `--mpegts` never opens a segment, so a long timeline costs only playlist lines.
 */
export function syntheticVod(dir: string, segments: number): string {
  mkdirSync(join(dir, 'video'), { recursive: true });
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD'];
  for (let i = 0; i < segments; i++) lines.push('#EXTINF:2.000,', `seg_${i}.ts`);
  lines.push('#EXT-X-ENDLIST');
  writeFileSync(join(dir, 'video', 'index.m3u8'), `${lines.join('\n')}\n`);
  const master = join(dir, 'master.m3u8');
  writeFileSync(
    master,
    '#EXTM3U\n#EXT-X-VERSION:3\n# vendor comment kept byte for byte\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\nvideo/index.m3u8\n',
  );
  return master;
}

/** Every file and folder under `dir` (folders as `<dir>`), with file bytes, for byte-identity checks. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        out[relative(dir, p)] = '<dir>';
        walk(p);
      } else out[relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** Temporary files of atomic writes (`.<name>.chat-replay-<random>.tmp`) anywhere under `dir`. */
export function tempFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/^\..*\.chat-replay-.*\.tmp$/.test(name)) found.push(relative(dir, p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

/**
 * The error contract of issue 2: exactly one line on stderr, `chat-replay: <file>...`, naming the file
 * and (when given) matching the position. Usage errors may add the one "Run ... --help" hint line.
 */
export function expectOneErrorLine(stderr: string, file: string, position?: RegExp): string {
  const lines = stderr.split('\n').filter((l) => l !== '');
  expect(lines, `stderr was:\n${stderr}`).toHaveLength(1);
  const line = lines[0]!;
  expect(line.startsWith('chat-replay: '), line).toBe(true);
  expect(line, 'the line names the file').toContain(file);
  if (position) expect(line, 'the line names the position').toMatch(position);
  expect(line, 'no stack trace').not.toMatch(/\n\s+at |node:internal|\.ts:\d+:\d+\)/);
  return line;
}

/** The URI lines of a playlist (not tags, not blank), in order. */
export function uriLines(playlist: string): string[] {
  return playlist.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

/** URI="..." of every EXT-X-MEDIA line of a master. */
export function mediaUris(master: string): string[] {
  return [...master.matchAll(/^#EXT-X-MEDIA:.*?URI="([^"]*)"/gm)].map((m) => m[1]!);
}
