import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatReplayError } from '../../../src/errors.js';
import { probeMpegtsOrigin, type ProbeInput } from '../../../src/hls/probe/index.js';
import { AUDIO_PID, concatBytes, packetize, pesPacket, programTables, VIDEO_PID } from '../../fixtures/probe/ts-builder.js';

const samples = new URL('../../../samples/', import.meta.url);
const sample = (path: string) => readFile(new URL(path, samples));

async function probeError(input: ProbeInput, timeoutMs?: number): Promise<ChatReplayError> {
  const err = await probeMpegtsOrigin(input, { timeoutMs }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ChatReplayError);
  return err as ChatReplayError;
}

/**
 * One file laid out as a byte-range playlist packs it (EXT-X-BYTERANGE, byte-ranged EXT-X-MAP):
 * junk, then the fMP4 init segment, segment 0, segment 1, and a TS segment after more junk.
 */
let dir: string;
let packed: Uint8Array;
const ranges: Record<'init' | 'fmp4seg0' | 'fmp4seg1' | 'ts', { offset: number; length: number }> = {} as never;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'probe-'));
  const parts: [keyof typeof ranges | 'junk', Buffer][] = [
    ['junk', Buffer.alloc(1000, 0x5a)],
    ['init', await sample('vod-fmp4/v360/init_0.mp4')],
    ['fmp4seg0', await sample('vod-fmp4/v360/seg_000.m4s')],
    ['fmp4seg1', await sample('vod-fmp4/v360/seg_001.m4s')],
    ['junk', Buffer.alloc(333, 0x47)],
    ['ts', await sample('vod-ts/v360/seg_000.ts')],
  ];
  let offset = 0;
  for (const [name, bytes] of parts) {
    if (name !== 'junk') ranges[name] = { offset, length: bytes.length };
    offset += bytes.length;
  }
  packed = Buffer.concat(parts.map(([, bytes]) => bytes));
  await writeFile(join(dir, 'packed.bin'), packed);
  const corrupt = Buffer.from(packed);
  corrupt[ranges.ts.offset + 5 * 188] = 0x00; // the sixth packet's sync byte
  await writeFile(join(dir, 'corrupt.bin'), corrupt);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('probeMpegtsOrigin reading files', () => {
  const packedUrl = () => pathToFileURL(join(dir, 'packed.bin'));

  it('probes a TS segment given by EXT-X-BYTERANGE inside a larger file', async () => {
    const result = await probeMpegtsOrigin({ segmentUrl: packedUrl(), segmentByteRange: ranges.ts });
    expect(result).toEqual({ mpegts: 126000, container: 'ts', detail: 'min(audio PTS 131280, video DTS 126000)' });
  });

  it('probes an fMP4 segment with a byte-ranged EXT-X-MAP in the same file', async () => {
    const result = await probeMpegtsOrigin({
      segmentUrl: packedUrl(),
      segmentByteRange: ranges.fmp4seg1,
      initUrl: packedUrl(),
      initByteRange: ranges.init,
    });
    expect(result).toMatchObject({ mpegts: 535680, container: 'fmp4' });
  });

  it('names the absolute byte of a fault inside a byte range', async () => {
    const corrupt = join(dir, 'corrupt.bin');
    const err = await probeError({ segmentUrl: pathToFileURL(corrupt), segmentByteRange: ranges.ts });
    expect(err.kind).toBe('input');
    expect(err.format()).toBe(`${corrupt}: byte ${ranges.ts.offset + 5 * 188}: lost MPEG-TS sync: expected 0x47, found 0x00`);
  });

  it('names the range start when a byte range holds no segment at all', async () => {
    const off = { offset: ranges.init.offset + 1, length: 2000 }; // one byte past a box boundary
    const err = await probeError({ segmentUrl: packedUrl(), segmentByteRange: off });
    expect(err.format()).toBe(
      `${join(dir, 'packed.bin')}: byte ${off.offset}: first segment is neither MPEG-TS (no 0x47 sync byte) nor fMP4 (no ISO BMFF box) at its start`,
    );
  });

  it('reads the PAT/PMT from a TS EXT-X-MAP when the segment carries none', async () => {
    const [initPath, segmentPath] = [join(dir, 'init.ts'), join(dir, 'no-psi.ts')];
    await writeFile(initPath, concatBytes(programTables()));
    const pes = [pesPacket({ streamId: 0xe0, pts: 903600, dts: 896400 }), pesPacket({ streamId: 0xc0, pts: 901920 })];
    await writeFile(segmentPath, concatBytes([...packetize(VIDEO_PID, pes[0]!), ...packetize(AUDIO_PID, pes[1]!)]));
    const result = await probeMpegtsOrigin({ segmentUrl: pathToFileURL(segmentPath), initUrl: pathToFileURL(initPath) });
    expect(result).toEqual({ mpegts: 896400, container: 'ts', detail: 'min(audio PTS 901920, video DTS 896400)' });
  });

  it('rejects a byte range that runs past the end of the file', async () => {
    const err = await probeError({ segmentUrl: packedUrl(), segmentByteRange: { offset: packed.length - 10, length: 100 } });
    expect(err.kind).toBe('input');
    expect(err.format()).toBe(
      `${join(dir, 'packed.bin')}: byte ${packed.length}: byte range 100@${packed.length - 10} runs past the end of the data (only 10 bytes there)`,
    );
  });

  it('rejects a negative or empty byte range', async () => {
    expect((await probeError({ segmentUrl: packedUrl(), segmentByteRange: { offset: -1, length: 10 } })).message).toBe(
      'invalid byte range 10@-1: need an offset ≥ 0 and a length > 0',
    );
    expect((await probeError({ segmentUrl: packedUrl(), segmentByteRange: { offset: 0, length: 0 } })).kind).toBe('input');
  });

  it('reports a missing file as an I/O error naming it', async () => {
    const missing = join(dir, 'nope.ts');
    const err = await probeError({ segmentUrl: pathToFileURL(missing) });
    expect(err.kind).toBe('io');
    expect(err.format()).toBe(`${missing}: cannot read: no such file or directory`);
  });

  it('rejects a playlist passed where a segment belongs', async () => {
    const err = await probeError({ segmentUrl: new URL('vod-ts/v360/index.m3u8', samples) });
    expect(err.message).toBe('first segment is neither MPEG-TS (no 0x47 sync byte) nor fMP4 (no ISO BMFF box) at its start');
  });

  it('rejects URL schemes it cannot read', async () => {
    const err = await probeError({ segmentUrl: new URL('ftp://example.com/seg.ts') });
    expect(err.format()).toBe('ftp://example.com/seg.ts: cannot read media from a ftp: URL (only file:, http: and https:)');
  });
});

describe('probeMpegtsOrigin over HTTP', () => {
  let server: Server;
  let base: string;
  const requests: { path: string; range?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      requests.push({ path, range: req.headers.range });
      if (path === '/slow.ts') return; // never answers: exercises the timeout
      if (path === '/wrong-range/packed.bin') {
        res.writeHead(206, { 'Content-Range': `bytes 0-99/${packed.length}` }).end(packed.subarray(0, 100));
        return;
      }
      if (path !== '/packed.bin' && path !== '/no-ranges/packed.bin') {
        res.writeHead(404, 'Not Found').end();
        return;
      }
      const match = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
      if (match && path === '/packed.bin') {
        const [start, end] = [Number(match[1]), Math.min(Number(match[2]), packed.length - 1)];
        res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${packed.length}` }).end(packed.subarray(start, end + 1));
      } else {
        res.writeHead(200).end(packed); // a server (or CDN) that ignores Range
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    server.close();
  });

  it('fetches byte-ranged segments and init segments with a Range header', async () => {
    requests.length = 0;
    const url = new URL(`${base}/packed.bin`);
    const result = await probeMpegtsOrigin({ segmentUrl: url, segmentByteRange: ranges.fmp4seg1, initUrl: url, initByteRange: ranges.init });
    expect(result.mpegts).toBe(535680);
    const { offset, length } = ranges.init;
    expect(requests).toContainEqual({ path: '/packed.bin', range: `bytes=${offset}-${offset + length - 1}` });
  });

  it('cuts the range itself when the server ignores Range and answers 200', async () => {
    const result = await probeMpegtsOrigin({ segmentUrl: new URL(`${base}/no-ranges/packed.bin`), segmentByteRange: ranges.ts });
    expect(result.mpegts).toBe(126000);
  });

  it('refuses a 206 response that starts elsewhere than the requested range', async () => {
    const err = await probeError({ segmentUrl: new URL(`${base}/wrong-range/packed.bin`), segmentByteRange: ranges.ts });
    expect(err.format()).toBe(
      `${base}/wrong-range/packed.bin: asked for bytes from ${ranges.ts.offset}, the server sent bytes 0-99/${packed.length}`,
    );
  });

  it('reports an HTTP error status as an I/O error naming the URL', async () => {
    const err = await probeError({ segmentUrl: new URL(`${base}/v360/seg_000.ts`) });
    expect(err.kind).toBe('io');
    expect(err.format()).toBe(`${base}/v360/seg_000.ts: HTTP 404 Not Found`);
  });

  it('gives up after the timeout', async () => {
    const err = await probeError({ segmentUrl: new URL(`${base}/slow.ts`) }, 200);
    expect(err.format()).toBe(`${base}/slow.ts: no complete response within 200 ms`);
  });

  it('reports a refused connection as an I/O error', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const err = await probeError({ segmentUrl: new URL(`http://127.0.0.1:${port}/seg.ts`) });
    expect(err.kind).toBe('io');
    expect(err.message).toMatch(/^cannot fetch: /);
  });
});
