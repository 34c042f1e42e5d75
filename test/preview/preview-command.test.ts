import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { describe, expect, test } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { previewCommand } from '../../src/cli/preview-command.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/preview');

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), stderrIsTTY: false };
}

type PreviewArgs = Parameters<typeof previewCommand.run>[0];

/** Parses argv through the command's own definition, the way main.ts registers it. */
async function parse(argv: string[]): Promise<PreviewArgs> {
  let args: PreviewArgs | undefined;
  await yargs(['preview', ...argv])
    .exitProcess(false)
    .strict()
    .fail((message, err) => {
      throw err ?? new Error(message);
    })
    .command(previewCommand.command, previewCommand.describe, previewCommand.builder, (parsed) => {
      args = parsed as unknown as PreviewArgs;
    })
    .parseAsync();
  if (!args) throw new Error('the preview command did not run');
  return args;
}

async function waitFor<T>(probe: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('chat-replay preview', () => {
  test('defaults: loopback, a free port, no browser', async () => {
    const args = await parse([FIXTURE]);
    expect(args).toMatchObject({ target: FIXTURE, port: 0, host: '127.0.0.1', open: false });
    await expect(parse([])).rejects.toThrow(/Not enough non-option arguments/);
  });

  test.each(['SIGINT', 'SIGTERM'] as const)('serves the folder, prints the page URL, and %s stops it with 0', async (signal) => {
    const io = captureIo();
    const running = previewCommand.run(await parse([FIXTURE]), io);
    const url = await waitFor(() => /Player: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(io.out.join(''))?.[1]);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('chat-replay preview');
    const player = await (await fetch(`${url}__chat-replay/player.js`)).text();
    expect(player).toContain('"masterUrl":"/master.m3u8"');
    const master = await fetch(`${url}master.m3u8`);
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');

    process.emit(signal, signal);
    expect(await running).toBe(0);
    expect(io.out.join('')).toContain('Stopped.');
    await expect(fetch(url)).rejects.toThrow();
    expect(process.listenerCount(signal)).toBe(0);
  });

  test('a non-loopback --host is allowed but warned about', async () => {
    const io = captureIo();
    const running = previewCommand.run(await parse([path.join(FIXTURE, 'master.m3u8'), '--host', '0.0.0.0']), io);
    await waitFor(() => (io.out.join('').includes('Player:') ? true : undefined));
    expect(io.out.join('')).toMatch(/Player: http:\/\/127\.0\.0\.1:\d+\//);
    expect(io.err.join('')).toContain('listening on 0.0.0.0: anyone who can reach it can read');
    process.emit('SIGINT', 'SIGINT');
    expect(await running).toBe(0);
  });

  test('a port in use is an I/O error that says so', async () => {
    const io = captureIo();
    const first = previewCommand.run(await parse([FIXTURE]), io);
    const url = await waitFor(() => /Player: (http:\/\/[^\s]+)/.exec(io.out.join(''))?.[1]);
    const port = new URL(url).port;
    await expect(previewCommand.run(await parse([FIXTURE, '--port', port]), captureIo())).rejects.toMatchObject({
      kind: 'io',
      message: expect.stringContaining(`port ${port} on 127.0.0.1 is already in use`),
    });
    process.emit('SIGINT', 'SIGINT');
    expect(await first).toBe(0);
  });

  test('bad --port is a usage error; a missing target an I/O error', async () => {
    await expect(previewCommand.run(await parse([FIXTURE, '--port', '70000']), captureIo())).rejects.toMatchObject({ kind: 'usage' });
    await expect(previewCommand.run(await parse([FIXTURE, '--port', '1.5']), captureIo())).rejects.toMatchObject({ kind: 'usage' });
    await expect(previewCommand.run(await parse([path.join(FIXTURE, 'nope.m3u8')]), captureIo())).rejects.toMatchObject({ kind: 'io' });
  });
});
