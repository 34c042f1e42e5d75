/**
 * Where a worker's entry file is: beside the module that starts it, in dist/ and in the bundle
 * (dist/bundle/, flat) alike. Run from TypeScript source, as the tests do, there is no worker to
 * start beside the .ts module, and `envName` names the built one (vitest.config.ts). Built code
 * ignores that variable, so every process a test spawns runs the same workers a user's run does.
 */
export function workerEntryUrl(fileName: string, moduleUrl: string, envName: string): URL {
  const override = moduleUrl.endsWith('.ts') ? process.env[envName] : undefined;
  return override ? new URL(override, 'file:///') : new URL(`./${fileName}`, moduleUrl);
}
