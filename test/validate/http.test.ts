import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRendition } from '../../src/validate/validate-rendition.js';

/** Serves the repository read-only, so fixtures resolve their ../../samples URIs over HTTP too. */
let server: Server;
let base: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    readFile(join(process.cwd(), path)).then(
      (body) => res.end(body),
      () => { res.statusCode = 404; res.end(); },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('validate over HTTP', () => {
  it('passes the correct fixture served by URL, probing the video over HTTP', async () => {
    expect(await validateRendition(`${base}/test/fixtures/validate/good/master.m3u8`)).toEqual([]);
    expect(requests).toBeGreaterThan(9); // master, two playlists, seven segments, the probed video segment
  });

  it('names findings by URL, and a 404 as file-unreadable', async () => {
    const findings = await validateRendition(`${base}/test/fixtures/validate/zero-byte/master.m3u8`);
    expect(findings).toEqual([expect.objectContaining({ rule: 'segment-empty', file: `${base}/test/fixtures/validate/zero-byte/seg_003.vtt` })]);
    expect(await validateRendition(`${base}/nope/master.m3u8`)).toEqual([
      expect.objectContaining({ rule: 'file-unreadable', file: `${base}/nope/master.m3u8`, message: 'cannot read master playlist: HTTP 404' }),
    ]);
  });
});
