import { spawn } from 'node:child_process';

/** The command that hands a URL to the desktop's browser on this platform. */
export function browserOpenCommand(url: string, platform: NodeJS.Platform = process.platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd builtin; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/** Resolves true when the opener started, false when it is not installed (no desktop, a server). */
export function openInBrowser(url: string, opener = browserOpenCommand(url)): Promise<boolean> {
  const { command, args } = opener;
  return new Promise((resolve) => {
    // cmd's quoting rules are its own: hand it the `""` title as written.
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: command === 'cmd' });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      // The browser outlives us; do not keep the preview's event loop waiting on it.
      child.unref();
      resolve(true);
    });
  });
}
