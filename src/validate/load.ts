import { decodeUtf8 } from './decode.js';
import type { Report } from './reporter.js';
import { describeReadError, displayName, readBytes } from './source.js';

export type Loaded = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/** Reads a resource, turning a failure into a value (see readInOrder). */
export async function load(url: URL): Promise<Loaded> {
  try {
    return { ok: true, bytes: await readBytes(url) };
  } catch (err) {
    return { ok: false, error: describeReadError(err) };
  }
}

/** Reads and decodes a playlist, reporting file-unreadable / file-bom / file-not-utf8. */
export async function loadText(url: URL, report: Report, what: string): Promise<string | undefined> {
  const file = displayName(url);
  const loaded = await load(url);
  if (!loaded.ok) {
    report('file-unreadable', file, `cannot read ${what}: ${loaded.error}`);
    return undefined;
  }
  return decodeUtf8(loaded.bytes, file, report);
}
