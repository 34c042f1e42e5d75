import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fsError, inputError } from '../errors.js';
import { PLAYER_CSS } from './page/player-css.js';
import { playerHtml } from './page/player-html.js';
import { playerScript } from './page/player-script.js';
import { isInside, resolveServedPath } from './served-path.js';
import { sendFile } from './send-file.js';

export interface PreviewServerOptions {
  /** The folder served; nothing outside it is reachable. */
  root: string;
  /** The master playlist the page plays; must be inside `root`. */
  masterPath: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
}

export interface PreviewServer {
  /** The player page, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  close(): Promise<void>;
}

/**
 * The page's own files live under this prefix, a folder name no packager writes, so they never
 * shadow a file of the served folder; `/` itself is the page.
 */
export const ASSET_PREFIX = '/__chat-replay/';

/** Enough scrollback to read a burst; more only costs DOM nodes. */
const PANE_MAX_MESSAGES = 200;

const HLS_JS_PATH = createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js');

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const realRoot = await fs.realpath(options.root).catch((err: unknown) => {
    throw fsError('open', options.root, err);
  });
  const realMaster = await fs.realpath(options.masterPath).catch((err: unknown) => {
    throw fsError('open', options.masterPath, err);
  });
  if (!isInside(realRoot, realMaster)) {
    throw inputError(`not inside the served folder ${options.root}`, options.masterPath);
  }
  const masterUrl = '/' + path.relative(realRoot, realMaster).split(path.sep).map(encodeURIComponent).join('/');
  const assets: Record<string, { type: string; body: string }> = {
    'player.js': { type: 'text/javascript; charset=utf-8', body: playerScript({ masterUrl, maxMessages: PANE_MAX_MESSAGES }) },
    'player.css': { type: 'text/css; charset=utf-8', body: PLAYER_CSS },
  };
  // The page's header names the master the way the user would type it: relative when below the cwd.
  const fromCwd = path.relative(process.cwd(), realMaster);
  const title = fromCwd.startsWith('..') || path.isAbsolute(fromCwd) ? realMaster : fromCwd;
  const page = playerHtml({ title, assetBase: ASSET_PREFIX });

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A client that hangs up mid-segment is normal while seeking; anything else is worth a 500.
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end(String((err as Error)?.message ?? err));
      } else {
        res.destroy();
      }
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Players on another local origin (a dev server, hls.js's demo page) may load these files too.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Re-packaging rewrites files in place: never let the browser show a stale playlist.
    res.setHeader('Cache-Control', 'no-store');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Range');
      res.statusCode = 204;
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD, OPTIONS');
      return sendText(req, res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }

    const target = req.url ?? '/';
    const pathOnly = target.split(/[?#]/, 1)[0] ?? '/';
    if (pathOnly === '/') return sendText(req, res, 200, 'text/html; charset=utf-8', page);
    if (pathOnly.startsWith(ASSET_PREFIX)) {
      const name = pathOnly.slice(ASSET_PREFIX.length);
      if (name === 'hls.min.js') {
        const stat = await fs.stat(HLS_JS_PATH);
        return sendFile(req, res, { filePath: HLS_JS_PATH, size: stat.size, mtime: stat.mtime });
      }
      const asset = assets[name];
      if (asset) return sendText(req, res, 200, asset.type, asset.body);
      return sendText(req, res, 404, 'text/plain; charset=utf-8', 'not found\n');
    }

    const resolved = await resolveServedPath(realRoot, target);
    if (resolved.kind === 'refused') {
      return sendText(req, res, resolved.status, 'text/plain; charset=utf-8', `${resolved.reason}\n`);
    }
    return sendFile(req, res, resolved);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return { url: `http://${hostForUrl(address)}:${address.port}/`, close: () => closeServer(server) };
}

/** A wildcard bind (0.0.0.0, ::) is reachable through loopback; print an address a browser can open. */
function hostForUrl(address: AddressInfo): string {
  if (address.address === '0.0.0.0') return '127.0.0.1';
  if (address.address === '::') return '[::1]';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Browsers keep connections alive; without this close() would wait for them to time out.
    server.closeAllConnections();
  });
}

function sendText(req: http.IncomingMessage, res: http.ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', String(Buffer.byteLength(body)));
  res.end(req.method === 'HEAD' ? undefined : body);
}
