import type { Argv } from 'yargs';
import { usageError } from '../errors.js';
import { formatFindings, OUTPUT_FORMATS, type OutputFormat } from '../validate/format.js';
import { COMMAND_INFO, EXIT, type CliCommand } from './command.js';

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
  ...COMMAND_INFO.validate,
  builder,
  async run(args, io) {
    const format = outputFormat(args);
    // Imported here, not at the top: `validate --help` and usage errors need neither the checks nor zod.
    const [{ hasErrors }, { validateRendition }] = await Promise.all([
      import('../validate/finding.js'),
      import('../validate/validate-rendition.js'),
    ]);
    const findings = await validateRendition(args.master, args.rendition === undefined ? {} : { rendition: args.rendition });
    io.stdout(formatFindings(findings, format));
    return hasErrors(findings) ? EXIT.input : EXIT.ok;
  },
};
