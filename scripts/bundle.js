#!/usr/bin/env node
// The second half of `npm run build`: bundles what bin/chat-replay.js runs into dist/bundle/.
//
// Loading the CLI as ~150 separate modules (ours, zod's, yargs') cost a run more than its reading
// thread's first 10 000 messages: every import is a resolve, a realpath, an open and a compile, on
// the main thread and again on the reading thread. One bundle per entry, with the lazily imported
// commands split into chunks of their own, saves ~0.3 s of CPU and ~0.2 s of wall time a run
// (bench/README.md). dist/'s per-module build (tsc) stays for the tests, the fuzz and the benchmark's
// in-process baselines, which import single modules.
//
// Flat on purpose: the reading worker and the block worker are found next to the module that starts
// them (`new URL('./read-worker.js', import.meta.url)`), which holds both in dist/ingest/worker/
// and here, where every chunk and entry shares one folder.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Emptied first: chunk names carry a content hash, so a rebuild would leave the old chunks beside the new.
rmSync(`${root}dist/bundle`, { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts', 'src/cli/early-read-worker.ts', 'src/ingest/worker/read-worker.ts', 'src/ingest/parallel/block-worker.ts'],
  outdir: 'dist/bundle',
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Class and function names stay as written: error names and stack frames read as in the source.
  keepNames: true,
  metafile: true,
  logLevel: 'warning',
  // Bundled CommonJS dependencies (proper-lockfile, and graceful-fs and signal-exit under it) call
  // require() for Node's own modules, which an ES module has no binding for.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

// Which source modules each output file holds: test/cli/startup.test.ts reads it to check that a
// command's --help or a usage error loads none of the work behind it.
writeFileSync(`${root}dist/bundle/meta.json`, JSON.stringify(result.metafile));
