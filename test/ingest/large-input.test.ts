import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { readTwitchDownloader } from '../../src/ingest/twitchdownloader.js';
import type { IngestStats } from '../../src/ingest/types.js';
import { syntheticVod } from '../reliability/support.js';
import { expectedMessages, writeTwitchArchive } from './generate-twitch.js';

// ~600 MB: more than V8 can hold as one string (~512 MB), so only a streaming reader can pass.
const COMMENTS = 850_000;
const file = join(tmpdir(), `chat-replay-large-${process.pid}.json`);
const vodDir = mkdtempSync(join(tmpdir(), 'chat-replay-large-vod-'));
afterAll(() => {
  rmSync(file, { force: true });
  rmSync(vodDir, { recursive: true, force: true });
});
const BIN = fileURLToPath(new URL('../../bin/chat-replay.js', import.meta.url));

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

  test(
    'packages end to end with a heap far smaller than its messages: the pipeline holds none of them',
    () => {
      // 850 k messages over 42 500 s: 21 250 segments of 2 s. Holding the messages alone would take
      // ~180 MB of heap (the code before streaming needed over 300 MB for 1 M); each thread here
      // gets 96 MB.
      const master = syntheticVod(vodDir, 21_250);
      const run = spawnSync(process.execPath, ['--max-old-space-size=96', BIN, 'package', '--chat', file, '--master', master, '--mpegts', '126000', '--json'], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
        // Synchronous: a child that never exits would block this process past the test's timeout.
        timeout: 300_000,
      });
      expect(run.error).toBeUndefined();
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const summary = JSON.parse(run.stdout);
      expect(summary.messages.read).toBe(expectedMessages(COMMENTS));
      expect(summary.segments.total).toBe(21_250);
      expect(readdirSync(join(vodDir, 'subs', 'chat_kor'))).toHaveLength(21_251);
    },
    600_000,
  );
});
