/**
 * Reader throughput against plain JSON.parse on a ~50 MB TwitchDownloader archive (the largest
 * size where JSON.parse still works comfortably). Run: npx vitest bench --run test/ingest/throughput.bench.ts
 */
import { createReadStream, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { readTwitchDownloader } from '../../src/ingest/twitchdownloader.js';
import { writeTwitchArchive } from './generate-twitch.js';

const file = join(tmpdir(), `chat-replay-bench-${process.pid}.json`);
const size = await writeTwitchArchive(file, 72_000, 0);
afterAll(() => rmSync(file, { force: true }));

const options = { iterations: 5, warmupIterations: 1, time: 0, warmupTime: 0 };

describe(`TwitchDownloader archive, ${(size / 1e6).toFixed(0)} MB`, () => {
  bench(
    'streaming reader (projection scanner + zod + normalize)',
    async () => {
      const stats = { records: 0, skipped: {} };
      for await (const batch of readTwitchDownloader(createReadStream(file, { highWaterMark: 1 << 20 }), { file, timeBase: {}, stats })) void batch;
    },
    options,
  );
  bench('readFileSync + JSON.parse (whole file, no normalization)', () => void JSON.parse(readFileSync(file, 'utf8')), options);
});
