import { describe, expect, test } from 'vitest';
import { browserOpenCommand, openInBrowser } from '../../src/preview/open-browser.js';

describe('opening the browser', () => {
  const url = 'http://127.0.0.1:8080/';

  test.each([
    ['linux', 'xdg-open', [url]],
    ['freebsd', 'xdg-open', [url]],
    ['darwin', 'open', [url]],
    ['win32', 'cmd', ['/c', 'start', '""', url]],
  ] as const)('%s uses %s', (platform, command, args) => {
    expect(browserOpenCommand(url, platform)).toEqual({ command, args });
  });

  test('reports whether the opener started, was missing, or gave up', async () => {
    expect(await openInBrowser(url, { command: process.execPath, args: ['-e', ''] })).toBe('opened');
    expect(await openInBrowser(url, { command: '/nonexistent/chat-replay-opener', args: [url] })).toBe('missing');
    expect(await openInBrowser(url, { command: process.execPath, args: ['-e', 'process.exit(3)'] })).toBe('failed');
  });

  test('an opener still running after the settle time is taken to have opened the browser', async () => {
    expect(await openInBrowser(url, { command: process.execPath, args: ['-e', 'setTimeout(() => {}, 2000)'] }, 100)).toBe('opened');
  });
});
