import type { Argv } from 'yargs';
import { ChatReplayError, ioError, usageError } from '../errors.js';
import { locatePreviewTarget } from '../preview/locate-master.js';
import { openInBrowser } from '../preview/open-browser.js';
import type { PreviewServer } from '../preview/server.js';
import { COMMAND_INFO, EXIT, type CliCommand, type CliIo } from './command.js';

function builder(y: Argv) {
  return y
    .positional('target', { type: 'string', demandOption: true, describe: 'Master playlist, or the folder holding it' })
    .option('port', { type: 'number', default: 0, describe: 'TCP port; 0 picks a free one' })
    .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on; anything but loopback exposes the files to the network' })
    .option('open', { type: 'boolean', default: false, describe: 'Open the page in the system browser' })
    .example('$0 preview vod/master.m3u8', 'Serve vod/ and print the player page URL')
    .example('$0 preview vod --port 8080 --open', 'A fixed port, and open the browser');
}

type PreviewArgs = ReturnType<typeof builder> extends Argv<infer A> ? A : never;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export const previewCommand: CliCommand<PreviewArgs> = {
  ...COMMAND_INFO.preview,
  builder,
  async run(args, io) {
    if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
      throw usageError(`--port must be an integer from 0 to 65535, got ${args.port}`);
    }
    const target = await locatePreviewTarget(args.target);
    // Imported here, not at the top: the server, its player page and mime are not needed by
    // `preview --help` or a usage error.
    const { startPreviewServer } = await import('../preview/server.js');
    let server: PreviewServer;
    try {
      server = await startPreviewServer({ ...target, host: args.host, port: args.port });
    } catch (err) {
      throw listenError(err, args.host, args.port);
    }
    io.stdout(`Serving ${target.root}\nPlayer: ${server.url}\n`);
    if (!LOOPBACK.has(args.host)) io.stderr(`chat-replay: listening on ${args.host}: anyone who can reach it can read ${target.root}\n`);
    if (args.open) await openPage(server.url, io);
    io.stdout('Press Ctrl-C to stop.\n');
    await stopSignal();
    await server.close();
    io.stdout('Stopped.\n');
    return EXIT.ok;
  },
};

async function openPage(url: string, io: CliIo): Promise<void> {
  const result = await openInBrowser(url);
  if (result === 'missing') io.stderr(`chat-replay: no browser opener found (xdg-open, open or start); open ${url} yourself\n`);
  if (result === 'failed') io.stderr(`chat-replay: the system could not open a browser; open ${url} yourself\n`);
}

/** Resolves on the first SIGINT or SIGTERM, and stops listening for them, so Ctrl-C ends a preview cleanly with 0. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function listenError(err: unknown, host: string, port: number): ChatReplayError {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') return ioError(`port ${port} on ${host} is already in use; try --port 0`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return usageError(`--host ${host} is not an address of this machine`);
  if (code === 'EACCES') return ioError(`not allowed to listen on ${host}:${port} (ports below 1024 need privileges)`);
  return err instanceof ChatReplayError ? err : ioError((err as Error)?.message ?? String(err));
}
