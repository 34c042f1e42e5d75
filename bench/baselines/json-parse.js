// Baseline (a): what a naive reader does with an archive — read it whole into a string and
// JSON.parse it. Run as its own process so its wall time and peak RSS are measured like `package`.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const started = performance.now();
try {
  const text = readFileSync(file, 'utf8');
  // JSON Lines (yt-dlp): the same naive reader, one JSON.parse a line.
  const lines = /^\s*\{[^\n]*\}\s*\n\s*\{/.test(text.slice(0, 1 << 16));
  let items = 0;
  if (lines) {
    for (const line of text.split('\n')) if (line.trim() !== '' && JSON.parse(line)) items++;
  } else {
    const doc = JSON.parse(text);
    items = (Array.isArray(doc) ? doc : (doc.comments ?? doc.messages)).length;
  }
  process.stdout.write(`${JSON.stringify({ ok: true, items, insideMs: Math.round(performance.now() - started) })}\n`);
} catch (err) {
  // Past V8's string limit (~512 MiB of UTF-16 code units) this is where a naive reader dies.
  process.stdout.write(`${JSON.stringify({ ok: false, error: String(err?.message ?? err).slice(0, 120) })}\n`);
  process.exitCode = 1;
}
