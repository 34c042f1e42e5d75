import type { Argv } from 'yargs';
import { usageError } from '../errors.js';
import { formatFindings, OUTPUT_FORMATS, type OutputFormat } from '../validate/format.js';
import { hasErrors } from '../validate/finding.js';
import { validateRendition } from '../validate/validate-rendition.js';
import { EXIT, type CliCommand } from './command.js';

export { validateRendition } from '../validate/validate-rendition.js';

function builder(y: Argv) {
  return y
    .positional('master', { type: 'string', demandOption: true, describe: 'Master (multivariant) playlist: a path or an http(s) URL' })
    .option('rendition', { type: 'string', describe: 'Check only the SUBTITLES rendition with this NAME [default: all]' })
    .option('format', { choices: OUTPUT_FORMATS, describe: 'text for people, json for machines, github for Actions annotations [default: text]' })
    .option('json', { type: 'boolean', default: false, describe: 'Same as --format json' })
    .example('$0 validate vod/master.m3u8', 'Check every subtitles rendition; exit 1 on any error')
    .example('$0 validate vod/master.m3u8 --rendition chat_kor --format github', 'Annotate a GitHub Actions run')
    .example('$0 validate https://cdn.example.com/vod/master.m3u8 --json', 'A served VOD, as one JSON report')
    .epilog('Exit codes: 0 no errors (warnings allowed), 1 at least one error, 2 usage error. Rules: see README.');
}

type ValidateArgs = ReturnType<typeof builder> extends Argv<infer A> ? A : never;

/** `--json` is shorthand for `--format json`; both at once must agree. */
function outputFormat(args: ValidateArgs): OutputFormat {
  if (args.json && args.format !== undefined && args.format !== 'json') {
    throw usageError(`--json and --format ${args.format} disagree; use one of them`);
  }
  return args.json ? 'json' : (args.format ?? 'text');
}

export const validateCommand: CliCommand<ValidateArgs> = {
  command: 'validate <master>',
  describe: 'Check the subtitles renditions of an HLS master against the HLS and WebVTT rules players depend on',
  builder,
  async run(args, io) {
    const format = outputFormat(args);
    const findings = await validateRendition(args.master, args.rendition === undefined ? {} : { rendition: args.rendition });
    io.stdout(formatFindings(findings, format));
    return hasErrors(findings) ? EXIT.input : EXIT.ok;
  },
};
