import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { parseByteRange } from './byte-range.js';
import { contentTypeFor } from './content-type.js';

export interface FileToSend {
  filePath: string;
  size: number;
  mtime: Date;
}

/** Answers GET or HEAD for one file: 200, or 206/416 when the request names a byte range. */
export async function sendFile(req: IncomingMessage, res: ServerResponse, file: FileToSend): Promise<void> {
  res.setHeader('Content-Type', contentTypeFor(file.filePath));
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Last-Modified', file.mtime.toUTCString());

  const range = parseByteRange(req.headers.range, file.size);
  if (range.kind === 'unsatisfiable') {
    res.statusCode = 416;
    res.setHeader('Content-Range', `bytes */${file.size}`);
    res.end();
    return;
  }

  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : file.size - 1;
  res.statusCode = range.kind === 'partial' ? 206 : 200;
  if (range.kind === 'partial') res.setHeader('Content-Range', `bytes ${start}-${end}/${file.size}`);
  res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));

  if (req.method === 'HEAD' || file.size === 0) {
    res.end();
    return;
  }
  await pipeline(createReadStream(file.filePath, { start, end }), res);
}
