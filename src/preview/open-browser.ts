import { spawn } from 'node:child_process';

/** The command that hands a URL to the desktop's browser on this platform. */
export function browserOpenCommand(url: string, platform: NodeJS.Platform = process.platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd builtin; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/** Resolves true when the opener started, false when it is not installed (no desktop, a server). */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const { command, args } = browserOpenCommand(url, platform);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: platform === 'win32' });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      // The browser outlives us; do not keep the preview's event loop waiting on it.
      child.unref();
      resolve(true);
    });
  });
}
