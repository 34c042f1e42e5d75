import { readFileSync } from 'node:fs';

/**
 * This package's version, from its package.json. Passed to yargs rather than left to it: yargs looks
 * for package.json above the folder its own module is in, which inside the bundle (dist/bundle/)
 * is no longer under node_modules. Every layout this module runs in (src/cli/, dist/cli/ and
 * dist/bundle/) is two folders below the package root.
 */
export function packageVersion(): string {
  try {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}
