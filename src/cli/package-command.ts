import type { Argv } from 'yargs';
import { FORMAT_NAMES, type ChatSource, type FormatName } from '../ingest/types.js';
import { parseChatArg } from '../ingest/chat-arg.js';
import type { PackageSummary } from '../pipeline.js';
import { usageError } from '../errors.js';
import { COMMAND_INFO, EXIT, type CliCommand } from './command.js';
import { formatPackageSummary } from './package-summary.js';
import { takeEarlyReadWorker } from './early-read-worker.js';
import { keepHeapsNearLiveSize } from './heap-growth.js';
import { createProgressReporter } from './progress.js';

function builder(y: Argv) {
  return y
    .option('chat', { type: 'string', array: true, demandOption: true, describe: 'Chat archive; repeat for several. FILE[:offset=SECONDS][:label=TEXT][:format=NAME]' })
    .option('master', { type: 'string', demandOption: true, describe: 'Master (multivariant) playlist to register the rendition in' })
    .option('rules', { type: 'string', describe: 'Rules file (JSON), e.g. rules/default.json' })
    .option('name', { type: 'string', default: 'chat_kor', describe: 'NAME of the rendition (unique in its group)' })
    .option('language', { type: 'string', default: 'ko', describe: 'LANGUAGE, a BCP-47 tag' })
    .option('group', { type: 'string', default: 'chat', describe: 'GROUP-ID when the variants reference no subtitles group yet' })
    .option('default', { type: 'boolean', default: false, describe: 'DEFAULT=YES and AUTOSELECT=YES (players turn it on by themselves)' })
    .option('out', { type: 'string', describe: 'Output folder, relative to the master\'s folder [default: subs/<name>]' })
    .option('allow-outside', { type: 'boolean', default: false, describe: 'Allow --out outside the master\'s folder' })
    .option('video', { type: 'string', describe: 'Variant URI (as written in the master) whose segments set the timeline [default: the first]' })
    .option('format', { choices: FORMAT_NAMES, describe: 'Force the archive format of every --chat without its own :format=' })
    .option('layout', { choices: ['message', 'window'] as const, default: 'message' as const, describe: 'message: one cue per message; window: a rolling chat box' })
    .option('hold', { type: 'number', default: 5, describe: 'Seconds a message stays on screen' })
    .option('max-visible', { type: 'number', default: 6, describe: 'Most messages on screen at once (message layout)' })
    .option('lines', { type: 'number', default: 6, describe: 'Lines in the chat box (window layout)' })
    .option('update-rate', { type: 'number', default: 0.5, describe: 'Seconds between chat box updates (window layout)' })
    .option('position', { choices: ['right', 'left', 'bottom'] as const, default: 'right' as const, describe: 'Where the chat box sits (window layout)' })
    .option('show-labels', { type: 'boolean', default: false, describe: 'Prefix each message with its source label: [YT] Name: text' })
    .option('keep-preroll', { type: 'boolean', default: false, describe: 'Show messages sent before the video start at 0 s instead of dropping them' })
    .option('mpegts', { type: 'number', describe: 'X-TIMESTAMP-MAP MPEGTS (90 kHz) instead of probing it from the video' })
    .option('started-at', { type: 'string', describe: 'ISO-8601 instant of the video\'s first frame, for absolute message times' })
    .option('lock-timeout', { type: 'number', default: 60, describe: 'Seconds to wait while another run writes the same master' })
    .option('validate', { type: 'boolean', default: false, describe: 'Run `validate` on the rendition just written; exit 1 on any error finding' })
    .option('dry-run', { type: 'boolean', default: false, describe: 'Do everything but write files' })
    .option('json', { type: 'boolean', default: false, describe: 'Print one JSON summary on stdout' })
    .example('$0 package --chat chat.json --master vod/master.m3u8', 'Package with the defaults (subs/chat_kor, LANGUAGE="ko")')
    .example('$0 package --chat chat.json --master vod/master.m3u8 --rules rules/default.json --name chat_en --language en --default', 'An English chat track players select by default')
    .example('$0 package --chat twitch.json --chat yt.live_chat.json:offset=-2.5:label=YT --show-labels --master vod/master.m3u8', 'Merge a simulcast\'s two archives, the YouTube one 2.5 s earlier')
    .example('$0 package --chat chat.json --master vod/master.m3u8 --layout window --lines 8 --position left', 'A rolling 8-line chat box on the left');
}

type PackageArgs = ReturnType<typeof builder> extends Argv<infer A> ? A : never;

function positive(name: string, value: number, integer = false): number {
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw usageError(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got ${value}`);
  }
  return value;
}

/** Seconds, 0 allowed (`--lock-timeout 0`: fail at once); a negative or non-number value is a mistake, not 0. */
function seconds(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw usageError(`--${name} must be 0 or more seconds, got ${value}`);
  return value;
}

/**
 * package writes beside the master (segments, playlist, the patched master itself), so the master
 * must be a local file; validate reads URLs too, which is why one may be tried here.
 */
function assertLocalMaster(master: string): void {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(master)) {
    throw usageError(`--master ${master} is a URL: package writes beside the master, so give the path of a local copy (validate accepts URLs)`);
  }
}

export const packageCommand: CliCommand<PackageArgs> = {
  ...COMMAND_INFO.package,
  builder,
  async run(args, io) {
    assertLocalMaster(args.master);
    // A dry run writes nothing, so there would be nothing to validate: saying so beats skipping it.
    if (args.validate && args['dry-run']) {
      throw usageError('--validate checks the files a run writes, and --dry-run writes none: drop one of them');
    }
    const lockWaitMs = Math.round(seconds('lock-timeout', args['lock-timeout']) * 1000);
    const sources: ChatSource[] = args.chat.map((arg) => {
      const source = parseChatArg(arg);
      return source.format === undefined && args.format ? { ...source, format: args.format as FormatName } : source;
    });
    if (args.mpegts !== undefined && (!Number.isInteger(args.mpegts) || args.mpegts < 0 || args.mpegts >= 2 ** 33)) {
      throw usageError(`--mpegts must be an integer from 0 to 2^33-1 (90 kHz ticks), got ${args.mpegts}`);
    }
    const holdMs = Math.round(positive('hold', args.hold) * 1000);
    const maxVisible = positive('max-visible', args['max-visible'], true);
    const lines = positive('lines', args.lines, true);
    const updateRateMs = Math.max(1, Math.round(positive('update-rate', args['update-rate']) * 1000));
    // Set before the reading worker starts, so that its heap is sized the same way.
    keepHeapsNearLiveSize();
    // The reading worker loads zod and the readers (~0.3 s) while this thread loads the pipeline
    // and reads the master and the video: reading starts that much sooner. bin/ started it before
    // the CLI's modules loaded, when the command line was plainly a package run; otherwise it is
    // started here. Imported here, not at the top: `package --help` and usage errors need neither
    // the pipeline nor zod.
    const readWorker = takeEarlyReadWorker() ?? (await import('../ingest/worker/chat-feed.js')).startReadWorker();
    const { packageChatReplay } = await import('../pipeline.js');
    const progress = createProgressReporter(io, { enabled: !args.json });
    const summary: PackageSummary = await packageChatReplay({
      chat: sources,
      readWorker,
      masterPath: args.master,
      rulesFile: args.rules,
      name: args.name,
      language: args.language,
      group: args.group,
      out: args.out,
      allowOutside: args['allow-outside'],
      default: args.default,
      holdMs,
      maxVisible,
      layout: args.layout,
      lines,
      updateRateMs,
      position: args.position,
      showLabels: args['show-labels'],
      keepPreroll: args['keep-preroll'],
      mpegts: args.mpegts,
      startedAt: args['started-at'],
      videoUri: args.video,
      dryRun: args['dry-run'],
      lockWaitMs,
      onProgress: (p) => progress.update(p),
    }).finally(() => {
      progress.finish();
      // Unused when the run failed before reading the chat; a no-op when the feed closed it.
      void readWorker.worker.terminate();
    });
    if (!args.validate) {
      io.stdout(args.json ? `${JSON.stringify(summary, null, 2)}\n` : formatPackageSummary(summary));
      return EXIT.ok;
    }
    const { formatFindings, hasErrors, validateRendition } = await import('../validate/index.js');
    const findings = await validateRendition(args.master, { rendition: args.name });
    const failed = hasErrors(findings);
    if (args.json) {
      io.stdout(`${JSON.stringify({ ...summary, validation: JSON.parse(formatFindings(findings, 'json')) }, null, 2)}\n`);
    } else {
      io.stdout(formatPackageSummary(summary));
      io.stdout(formatFindings(findings, 'text'));
    }
    if (failed) io.stderr(`chat-replay: ${args.master}: the rendition just written fails validation (see the findings above)\n`);
    return failed ? EXIT.input : EXIT.ok;
  },
};
