// Runs a Node script in this process and, at exit, writes this process's resource usage to a file:
// how the bench measures peak RSS where GNU /usr/bin/time is missing. Usage:
//   node rusage-wrapper.js OUT.json SCRIPT [ARGS...]
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [out, script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(script), ...args];
process.on('exit', () => {
  const usage = process.resourceUsage();
  // maxRSS is in kilobytes, like GNU time's %M.
  writeFileSync(out, JSON.stringify({ maxRssKb: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 }));
});
await import(pathToFileURL(resolve(script)).href);
