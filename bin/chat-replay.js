#!/usr/bin/env node
// The CLI lives in src/cli, bundled into dist/bundle/ by `npm run build` (scripts/bundle.js), which
// `npm ci` runs via `prepare`.
// A package run's reading worker starts first, so that it loads its modules while the CLI's load
// (src/cli/early-read-worker.ts); the CLI is imported after it for the same reason.
import { startReadWorkerEarly, takeEarlyReadWorker } from '../dist/bundle/early-read-worker.js';

const argv = process.argv.slice(2);
await startReadWorkerEarly(argv);
const { main } = await import('../dist/bundle/main.js');
process.exitCode = await main(argv);
// Still here only when the run ended before reading the chat (a usage error): stopped, not left loading.
await takeEarlyReadWorker()?.worker.terminate();
