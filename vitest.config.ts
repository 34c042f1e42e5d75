import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end and browser tests spawn processes and browsers: give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The pipeline reads chat in a worker thread, which cannot start from a .ts file: tests use the
    // built one (`npm test` builds first). Only the TypeScript sources read these (worker-entry.ts):
    // the CLI processes tests spawn run the bundle's own workers.
    env: {
      CHAT_REPLAY_READ_WORKER: fileURLToPath(new URL('./dist/ingest/worker/read-worker.js', import.meta.url)),
      CHAT_REPLAY_BLOCK_WORKER: fileURLToPath(new URL('./dist/ingest/parallel/block-worker.js', import.meta.url)),
    },
  },
});
