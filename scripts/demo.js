#!/usr/bin/env node
// `npm run demo`: packages the bundled sample into a scratch copy (samples/ itself is never modified)
// and says what it wrote and how to look at it.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../dist/cli/main.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'chat-replay-demo-'));
cpSync(join(root, 'samples', 'vod-ts'), join(scratch, 'vod-ts'), { recursive: true });
const master = join(scratch, 'vod-ts', 'master.m3u8');
const chat = join(root, 'samples', 'chat', 'hangyeol-2026-11-21.json');
const rules = join(root, 'samples', 'chat', 'rules.json');

const argv = ['package', '--chat', chat, '--master', master, '--rules', rules, '--name', 'chat_kor', '--language', 'ko', '--default'];
console.log(`$ chat-replay ${argv.map((a) => (a.includes(root) ? relative(root, a) || '.' : a)).join(' ')}\n`);
const code = await main(argv);
if (code !== 0) process.exit(code);
console.log(`
The packaged VOD is in ${join(scratch, 'vod-ts')} (a copy; samples/ is untouched).
  master:    ${master}
  subtitles: ${join(scratch, 'vod-ts', 'subs', 'chat_kor', 'index.m3u8')}
Watch it with the chat replay beside the video:
  node bin/chat-replay.js preview ${master}
Check it like a CI gate would:
  node bin/chat-replay.js validate ${master}`);
