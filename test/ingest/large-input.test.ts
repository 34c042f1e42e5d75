import { createReadStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readTwitchDownloader } from '../../src/ingest/twitchdownloader.js';
import type { IngestStats } from '../../src/ingest/types.js';
import { expectedMessages, writeTwitchArchive } from './generate-twitch.js';

// ~600 MB: more than V8 can hold as one string (~512 MB), so only a streaming reader can pass.
const COMMENTS = 850_000;
const file = join(tmpdir(), `chat-replay-large-${process.pid}.json`);
afterAll(() => rmSync(file, { force: true }));

describe.skipIf(process.env.CHAT_REPLAY_SKIP_LARGE === '1')('a ~600 MB TwitchDownloader archive', () => {
  test(
    'streams in bounded memory: every message counted, RSS growth far below the file size',
    async () => {
      const size = await writeTwitchArchive(file, COMMENTS);
      expect(size).toBeGreaterThan(580e6);
      globalThis.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peakRss = rssBefore;
      let messages = 0;
      let batches = 0;
      const stats: IngestStats = { records: 0, skipped: {} };
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      // Count batch by batch and let each go: the test itself must not hold a million messages.
      const stream = createReadStream(file, { highWaterMark: 1 << 20 });
      for await (const batch of readTwitchDownloader(stream, { file, timeBase: {}, stats })) {
        messages += batch.length;
        if (++batches % 16 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const growthMb = (peakRss - rssBefore) / 1e6;
      console.log(`large input: ${(size / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s = ${(size / 1e6 / seconds).toFixed(0)} MB/s (${(size / 1e6 / cpuSeconds).toFixed(0)} MB per CPU second), ${messages} messages in ${batches} batches, RSS growth ${growthMb.toFixed(0)} MB`);
      expect(messages).toBe(expectedMessages(COMMENTS));
      expect(stats.records).toBe(COMMENTS);
      expect(stats.skipped).toEqual({ 'commenter: null': COMMENTS - expectedMessages(COMMENTS) });
      expect(growthMb).toBeLessThan(250);
    },
    600_000,
  );
});
