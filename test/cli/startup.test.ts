/**
 * Startup cost: `chat-replay` loads a command's module (and with it zod, the rules registry, the
 * pipeline, the validator or the preview server) only when that command runs, and yargs does not
 * render help nobody asked for. These tests pin both, and that help and errors still come out whole.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import yargs from 'yargs';
import { COMMAND_INFO } from '../../src/cli/command.js';
import { ROOT, runCli } from '../support/cli.js';
import { ensureBuilt } from '../reliability/child.js';

const BIN = join(ROOT, 'bin', 'chat-replay.js');
let hooksDir: string;

/**
 * The source modules each file of dist/bundle/ holds (scripts/bundle.js writes esbuild's metafile):
 * what bin/ loads is a handful of bundle files, and what they hold is what these tests are about.
 */
function bundleInputs(): Map<string, string[]> {
  const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle', 'meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  return new Map(
    Object.entries(meta.outputs).map(([output, { inputs }]) => [
      output,
      Object.entries(inputs)
        .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
        .map(([input]) => input),
    ]),
  );
}

/**
 * Runs bin/chat-replay.js with a module hook that records every module it loads, relative to ROOT:
 * `files` as loaded, `modules` with each bundle file replaced by the source modules it holds.
 */
function loadedModules(args: string[]): { code: number | null; stdout: string; files: string[]; modules: string[] } {
  const log = join(hooksDir, `load-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(join(hooksDir, 'register.mjs')).href, BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, CHAT_REPLAY_LOAD_LOG: log },
    encoding: 'utf8',
    // Synchronous: a child that never exits would block this process past vitest's own timeout.
    timeout: 20_000,
  });
  if (run.error) throw run.error;
  const root = pathToFileURL(ROOT).href.replace(/\/?$/, '/');
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((url) => url.replace(root, ''));
  const inputs = bundleInputs();
  const modules = files.flatMap((file) => inputs.get(file) ?? [file]);
  return { code: run.status, stdout: run.stdout, files, modules };
}

/** What a command needs to work, but its --help, --version and usage errors don't. */
const HEAVY =
  /^node_modules\/(zod|m3u8-parser|proper-lockfile|mime)\/|^src\/(pipeline\.ts|rules\/|hls\/|ingest\/read-sources\.ts|validate\/(validate-rendition|finding)\.ts|preview\/server\.ts)/;
const COMMAND_MODULE = /^src\/cli\/.*-command\.ts$/;
const heavy = (modules: string[]) => modules.filter((m) => HEAVY.test(m));

describe('what each invocation loads (bin/ as a child process)', () => {
  beforeAll(() => {
    ensureBuilt();
    hooksDir = mkdtempSync(join(tmpdir(), 'chat-replay-startup-'));
    writeFileSync(
      join(hooksDir, 'hooks.mjs'),
      "import { appendFileSync } from 'node:fs';\n" +
        'export async function load(url, context, next) {\n' +
        '  appendFileSync(process.env.CHAT_REPLAY_LOAD_LOG, `${url}\\n`);\n' +
        '  return next(url, context);\n' +
        '}\n',
    );
    writeFileSync(
      join(hooksDir, 'register.mjs'),
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(hooksDir, 'hooks.mjs')).href)});\n`,
    );
  }, 120_000);

  it('--version and --help load no command module', () => {
    for (const args of [['--version'], ['--help']]) {
      const run = loadedModules(args);
      expect(run.code).toBe(0);
      if (args[0] === '--version') expect(run.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
      expect(run.modules).toContain('src/cli/main.ts');
      expect(run.modules.filter((m) => COMMAND_MODULE.test(m))).toEqual([]);
      expect(heavy(run.modules)).toEqual([]);
    }
  });

  it('a command\'s --help loads that command\'s module only, not the work behind it', () => {
    for (const name of ['package', 'validate', 'preview'] as const) {
      const run = loadedModules([name, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`chat-replay ${COMMAND_INFO[name].command}`);
      expect(run.modules.filter((m) => COMMAND_MODULE.test(m))).toEqual([`src/cli/${name}-command.ts`]);
      expect(heavy(run.modules)).toEqual([]);
    }
  });

  it('package loads the pipeline but not the validator unless --validate', () => {
    const run = loadedModules(['package', '--chat', 'none.json', '--master', join(hooksDir, 'missing', 'master.m3u8')]);
    expect(run.code).not.toBe(0);
    expect(run.modules).toContain('src/pipeline.ts');
    expect(run.modules).not.toContain('src/validate/validate-rendition.ts');
    expect(run.modules.filter((m) => COMMAND_MODULE.test(m))).toEqual(['src/cli/package-command.ts']);
  });

  it('bin/ runs the bundle: none of the per-module build, and no dependency loaded on its own', () => {
    const run = loadedModules(['package', '--chat', 'none.json', '--master', join(hooksDir, 'missing', 'master.m3u8')]);
    const ours = run.files.filter((file) => !file.startsWith('node:'));
    expect(ours).toContain('dist/bundle/main.js');
    expect(ours.filter((file) => !file.startsWith('dist/bundle/') && file !== 'bin/chat-replay.js')).toEqual([]);
  });
});

/** yargs prints help with console.log, not through the CliIo. */
async function helpText(argv: string[]): Promise<{ code: number; stdout: string }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const { code } = await runCli(argv);
  const stdout = log.mock.calls.map((args) => `${args.join(' ')}\n`).join('');
  return { code, stdout };
}

describe('help and errors with lazily loaded commands (in-process)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('the top-level help lists every command with its description', async () => {
    const { code, stdout } = await helpText(['--help']);
    expect(code).toBe(0);
    for (const { command, describe } of Object.values(COMMAND_INFO)) {
      expect(stdout).toContain(`chat-replay ${command}`);
      expect(stdout.replace(/\s+/g, ' ')).toContain(describe);
    }
  });

  it('each command\'s help shows its own options', async () => {
    expect((await helpText(['package', '--help'])).stdout).toMatch(/--chat[\s\S]*--master[\s\S]*--lock-timeout[\s\S]*Examples:/);
    expect((await helpText(['validate', '--help'])).stdout).toMatch(/--rendition[\s\S]*--format[\s\S]*Exit codes:/);
    expect((await helpText(['preview', '--help'])).stdout).toMatch(/--port[\s\S]*--host[\s\S]*--open/);
    expect((await helpText(['rules', '--help'])).stdout).toMatch(/--json[\s\S]*chat-replay rules --json/);
  });

  it('usage errors are still one line and exit 2', async () => {
    const missing = await runCli(['package']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('chat-replay: Missing required arguments: chat, master (see "chat-replay package --help")\n');
    const unknown = await runCli(['rules', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('chat-replay: Unknown argument: bogus (see "chat-replay rules --help")\n');
    // yargs writes this one over three lines.
    const choice = await runCli(['package', '--chat', 'a.json', '--master', 'm.m3u8', '--layout', 'grid']);
    expect(choice.code).toBe(2);
    expect(choice.stderr).toBe('chat-replay: Invalid values: Argument: layout, Given: "grid", Choices: "message", "window" (see "chat-replay package --help")\n');
    // The command typed, even when a later argument is another command's name.
    expect((await runCli(['preview', 'validate', '--port', '-5'])).stderr).toMatch(/\(see "chat-replay preview --help"\)\n$/);
    expect((await runCli(['bogus'])).stderr).toMatch(/^chat-replay: [^\n]* \(see "chat-replay <command> --help"\)\n$/);
  });

  it('yargs\' own words are English whatever the locale, as the rest of the help is', async () => {
    const saved = process.env.LANG;
    process.env.LANG = 'de_DE.UTF-8';
    try {
      const { stdout } = await helpText(['--help']);
      expect(stdout).toMatch(/^Options:$/m);
      expect(stdout).toContain('Show help');
    } finally {
      if (saved === undefined) delete process.env.LANG;
      else process.env.LANG = saved;
    }
  });

  it('yargs still has the help cache main.ts turns off (else a yargs upgrade silently brings the cost back)', () => {
    const usage = (yargs([]) as unknown as { getInternalMethods(): { getUsageInstance(): Record<string, unknown> } })
      .getInternalMethods()
      .getUsageInstance();
    expect(typeof usage.cacheHelpMessage).toBe('function');
  });
});
