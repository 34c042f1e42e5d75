import { spawn } from 'node:child_process';

/** The command that hands a URL to the desktop's browser on this platform. */
export function browserOpenCommand(url: string, platform: NodeJS.Platform = process.platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd builtin; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/**
 * `opened`, or why not: `missing` (no opener installed: a server, a container) or `failed` (the
 * opener ran and gave up, as xdg-open does with exit 3 when no browser is configured).
 */
export type OpenResult = 'opened' | 'missing' | 'failed';

/**
 * Openers normally hand the URL over and exit at once; one still running after `settleMs` is taken
 * to have started the browser in the foreground, and is left running.
 */
export function openInBrowser(url: string, opener = browserOpenCommand(url), settleMs = 3000): Promise<OpenResult> {
  const { command, args } = opener;
  return new Promise((resolve) => {
    // cmd's quoting rules are its own: hand it the `""` title as written.
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: command === 'cmd' });
    child.once('error', () => resolve('missing'));
    child.once('spawn', () => {
      const timer = setTimeout(() => resolve('opened'), settleMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code === 0 ? 'opened' : 'failed');
      });
      // The browser outlives us; do not keep the preview's event loop waiting on it.
      child.unref();
      timer.unref();
    });
  });
}
