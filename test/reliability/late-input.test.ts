/**
 * The chat is streamed: segments are written while the archive is still being read, so a fault near
 * the end of a long archive surfaces after files went to disk. Such a run must still leave the
 * folder exactly as it found it; and an archive that is not in time order (streaming assumes it)
 * must package exactly as its sorted twin.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { atPath, expectRejected, removeAll, STATES } from './matrix.js';
import { generatedMessages, scratch, snapshot, syntheticVod, writeArchive } from './support.js';

// ~4.5 MB of native archive over 400 s of video: several read chunks and dozens of segments.
const COUNT = 40_000;
const SPAN_MS = 400_000;
const made: string[] = [];
afterAll(() => removeAll(...made));

function vod(state: string): { dir: string; master: string } {
  const dir = scratch(`late-${state}`);
  made.push(dir);
  return { dir, master: syntheticVod(dir, 200) };
}

const pkg = (chat: string, master: string) => runCli(['package', '--chat', chat, '--master', master, '--mpegts', '126000', '--json']);

describe('a fault at the end of a long archive', () => {
  it.each(STATES)('leaves a %s VOD folder untouched, though segments were written before it', async (state) => {
    const { dir, master } = vod(state);
    if (state === 'packaged') {
      const earlier = writeArchive(join(dir, 'earlier.json'), generatedMessages(500, SPAN_MS));
      expect((await pkg(earlier, master)).code).toBe(0);
    }
    const messages: unknown[] = generatedMessages(COUNT, SPAN_MS);
    messages.push({ id: 'bad', offsetMs: 'soon', author: { name: 'x' }, text: 'late' });
    const chat = writeArchive(join(dir, 'chat.json'), messages);
    await expectRejected(dir, ['--chat', chat, '--master', master, '--mpegts', '126000'], { code: 1, file: chat, position: atPath(chat, `messages[${COUNT}].offsetMs`) });
  });
});

describe('an archive out of time order', () => {
  it('packages exactly as the same messages in order', async () => {
    const messages = generatedMessages(COUNT, SPAN_MS);
    const late = { ...messages[0]!, id: 'late', offsetMs: 1234, text: 'sent late' };
    const sorted = [...messages];
    sorted.splice(sorted.findIndex((m) => (m.offsetMs ?? 0) > 1234), 0, late);
    const a = vod('sorted');
    const b = vod('unsorted');
    const runA = await pkg(writeArchive(join(a.dir, 'chat.json'), sorted), a.master);
    const runB = await pkg(writeArchive(join(b.dir, 'chat.json'), [...messages, late]), b.master);
    expect(runA.code).toBe(0);
    expect(runB.code, runB.stderr).toBe(0);
    expect(JSON.parse(runB.stdout).messages).toEqual(JSON.parse(runA.stdout).messages);
    expect(snapshot(join(b.dir, 'subs'))).toEqual(snapshot(join(a.dir, 'subs')));
    expect(readFileSync(join(b.dir, 'subs', 'chat_kor', 'index.m3u8'), 'utf8')).toContain('seg_00000_');
  });

  it('is refused from a pipe, which cannot be read again to sort it: one line naming it, the folder untouched', async () => {
    const messages: unknown[] = generatedMessages(COUNT, SPAN_MS);
    messages.push({ id: 'late', offsetMs: 1234, author: { name: 'x' }, text: 'sent late' });
    const { dir, master } = vod('pipe');
    // The pipe lives outside the VOD folder, whose snapshot would otherwise try to read it.
    const pipes = scratch('late-pipe-fifo');
    made.push(pipes);
    const fifo = join(pipes, 'chat.fifo');
    execFileSync('mkfifo', [fifo]);
    const archive = join(pipes, 'chat.json');
    writeFileSync(archive, JSON.stringify({ version: 1, messages }));
    // Fed by another process, as a real pipe is: the CLI runs in this one, and its main thread
    // blocks (Atomics.wait) while the reading worker waits for input, so a writer on this thread's
    // event loop would never get to write: both would wait for ever. `cat` blocks until the CLI
    // opens the pipe, and gets EPIPE if it stops reading before the end.
    const writer = new Promise<void>((resolve) => spawn('sh', ['-c', 'cat "$1" > "$2" 2>/dev/null', 'sh', archive, fifo], { stdio: 'ignore' }).on('exit', () => resolve()));
    const line = await expectRejected(dir, ['--chat', fifo, '--master', master, '--mpegts', '126000'], { code: 1, file: fifo });
    await writer;
    expect(line).toContain('not in time order, and a pipe cannot be read again to sort it');
  });
});
