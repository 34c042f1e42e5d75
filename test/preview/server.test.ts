import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server.js';
import { rawRequest } from './http-client.js';

const SECRET = 'outside-secret-7f3a';
const BYTES = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
let tmp: string;
let root: string;
let server: PreviewServer;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'chat-replay-preview-'));
  root = path.join(tmp, 'vod');
  const outside = path.join(tmp, 'outside');
  await fs.mkdir(path.join(root, 'sub'), { recursive: true });
  await fs.mkdir(outside);
  await fs.writeFile(path.join(outside, 'secret.txt'), SECRET);
  await fs.writeFile(path.join(root, 'master.m3u8'), '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv/index.m3u8\n');
  await fs.writeFile(path.join(root, 'seg.ts'), BYTES);
  await fs.writeFile(path.join(root, 'empty.ts'), '');
  await fs.writeFile(path.join(root, 'sub', 'cues.vtt'), 'WEBVTT\n\n00:00.000 --> 00:01.000\n민지: 안녕\n');
  await fs.writeFile(path.join(root, 'sub', 'part.m4s'), 'm4s');
  await fs.writeFile(path.join(root, 'sub', 'init.mp4'), 'mp4');
  await fs.writeFile(path.join(root, 'page.html'), '<p>hi</p>');
  await fs.writeFile(path.join(root, 'app.js'), 'x');
  await fs.writeFile(path.join(root, 'site.css'), 'p{}');
  await fs.writeFile(path.join(root, 'notes.json'), '{}');
  await fs.writeFile(path.join(root, 'blob.unknownext'), 'x');
  await fs.writeFile(path.join(root, '.env'), SECRET);
  await fs.symlink(outside, path.join(root, 'link-out'));
  await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, 'link-file.txt'));
  await fs.symlink(path.join(root, 'sub', 'cues.vtt'), path.join(root, 'link-in.vtt'));
  server = await startPreviewServer({ root, masterPath: path.join(root, 'master.m3u8'), host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

const get = (target: string, headers?: Record<string, string>) => rawRequest(server.url, target, { headers });

describe('preview server', () => {
  test('listens on loopback at a free port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.url).not.toBe('http://127.0.0.1:0/');
  });

  test.each([
    ['/master.m3u8', 'application/vnd.apple.mpegurl'],
    ['/sub/cues.vtt', 'text/vtt; charset=utf-8'],
    ['/seg.ts', 'video/mp2t'],
    ['/sub/part.m4s', 'video/mp4'],
    ['/sub/init.mp4', 'video/mp4'],
    ['/page.html', 'text/html; charset=utf-8'],
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/site.css', 'text/css; charset=utf-8'],
    ['/notes.json', 'application/json; charset=utf-8'],
    ['/blob.unknownext', 'application/octet-stream'],
  ])('%s is served as %s', async (target, type) => {
    const res = await get(target);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['accept-ranges']).toBe('bytes');
  });

  test('serves UTF-8 text byte for byte', async () => {
    const res = await get('/sub/cues.vtt');
    expect(res.body.toString('utf8')).toContain('민지: 안녕');
    expect(res.headers['content-length']).toBe(String(res.body.length));
  });

  test('the root is the player page, loading hls.js and the player from this server', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body.toString();
    expect(html).toContain('<script src="/__chat-replay/hls.min.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    const player = await get('/__chat-replay/player.js');
    expect(player.status).toBe(200);
    expect(player.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(player.body.toString()).toContain('"masterUrl":"/master.m3u8"');
    expect((await get('/__chat-replay/player.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/__chat-replay/nope.js')).status).toBe(404);
  });

  test('hls.js comes from the installed npm package', async () => {
    const installed = await fs.readFile(createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js'));
    const res = await get('/__chat-replay/hls.min.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.body.equals(installed)).toBe(true);
  });

  describe('byte ranges', () => {
    test.each([
      ['bytes=10-19', 10, 19],
      ['bytes=90-', 90, 99],
      ['bytes=95-500', 95, 99],
      ['bytes=-5', 95, 99],
      ['bytes=-500', 0, 99],
      ['bytes=0-0', 0, 0],
    ])('%s → 206 for bytes %i-%i', async (range, start, end) => {
      const res = await get('/seg.ts', { Range: range });
      expect(res.status).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/100`);
      expect(res.headers['content-length']).toBe(String(end - start + 1));
      expect(res.body.equals(BYTES.subarray(start, end + 1))).toBe(true);
    });

    test.each(['bytes=100-', 'bytes=500-600', 'bytes=-0'])('%s → 416 with the size', async (range) => {
      const res = await get('/seg.ts', { Range: range });
      expect(res.status).toBe(416);
      expect(res.headers['content-range']).toBe('bytes */100');
    });

    test('any range of an empty file is unsatisfiable', async () => {
      expect((await get('/empty.ts', { Range: 'bytes=0-' })).status).toBe(416);
    });

    test.each(['bytes=5-2', 'bytes=0-1,5-6', 'items=0-5', 'bytes=x-y'])('%s is ignored: the whole file, 200', async (range) => {
      const res = await get('/seg.ts', { Range: range });
      expect(res.status).toBe(200);
      expect(res.body.equals(BYTES)).toBe(true);
    });
  });

  test('HEAD gives the headers of GET and no body', async () => {
    const res = await rawRequest(server.url, '/seg.ts', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('video/mp2t');
    expect(res.headers['content-length']).toBe('100');
    expect(res.body.length).toBe(0);
    const ranged = await rawRequest(server.url, '/seg.ts', { method: 'HEAD', headers: { Range: 'bytes=0-9' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-length']).toBe('10');
    expect(ranged.body.length).toBe(0);
  });

  test('missing files and folders are 404, with no directory listing', async () => {
    for (const target of ['/missing.ts', '/sub/missing.vtt', '/sub', '/sub/']) {
      const res = await get(target);
      expect(res.status, target).toBe(404);
      expect(res.body.toString(), target).not.toContain('cues.vtt');
    }
  });

  test('a symlink that stays inside the folder is followed', async () => {
    const res = await get('/link-in.vtt');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/vtt; charset=utf-8');
  });

  test.each([
    '/../outside/secret.txt',
    '/sub/../../outside/secret.txt',
    '/%2e%2e/outside/secret.txt',
    '/%2E%2E/outside/secret.txt',
    '/%2e%2e%2foutside%2fsecret.txt',
    '/sub/..%2f..%2foutside%2fsecret.txt',
    '/%252e%252e%252foutside%252fsecret.txt',
    '/%25%32%65%25%32%65/outside/secret.txt',
    '/..%5coutside%5csecret.txt',
    '/sub\\..\\..\\outside\\secret.txt',
    `/${encodeURIComponent(path.join(os.tmpdir(), 'x'))}`,
    '//outside/secret.txt',
    '/C:/outside/secret.txt',
    '/seg.ts%00.vtt',
    '/%00',
    '/%e0%a4%a',
    '/.env',
    '/link-out/secret.txt',
    '/link-file.txt',
  ])('refuses %s', async (target) => {
    const res = await get(target);
    expect([400, 403, 404]).toContain(res.status);
    expect(res.body.toString()).not.toContain(SECRET);
  });

  test('an absolute path to a real file outside is not served', async () => {
    const res = await get(path.join(tmp, 'outside', 'secret.txt'));
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain(SECRET);
  });

  test('OPTIONS answers CORS preflights; other methods are 405', async () => {
    const options = await rawRequest(server.url, '/seg.ts', { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers['access-control-allow-headers']).toBe('Range');
    const post = await rawRequest(server.url, '/seg.ts', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  test('refuses a master outside the served folder', async () => {
    await expect(
      startPreviewServer({ root: path.join(root, 'sub'), masterPath: path.join(root, 'master.m3u8'), host: '127.0.0.1', port: 0 }),
    ).rejects.toThrow(/not inside the served folder/);
  });
});
