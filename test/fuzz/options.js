/**
 * Random `package` command lines over the generated VOD and archive: rendition names, languages
 * and output folders with spaces and non-ASCII, both cue layouts with extreme settings, rules,
 * source offsets and labels, and a second archive to merge.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Names with `"`, CR or LF are refused (exit 2, test/reliability/path-safety.test.ts); every name
// here is valid, so the fuzz expects exit 0 for all of them.
const NAMES = ['chat_kor', '채팅', 'chat en', 'Chat (KO) ★', 'a,b=c', 'live/chat', 'x'.repeat(60), 'ÉQUIPE 🎮'];
const LANGUAGES = ['ko', 'en', 'EN-us', 'pt-BR', 'zh-Hant-TW', 'und', 'sr-Latn-RS', 'ja'];
const OUTS = [undefined, undefined, 'subs/chat', 'subs/채팅 로그', 'a b/c%20d', 'deep/er/still/here'];

/** A valid rules file: a random subset, in random order, of rules with options they accept. */
function rulesFile(r, dir) {
  const all = [
    { rule: 'drop-deleted' },
    { rule: 'collapse-whitespace' },
    { rule: 'block-users', users: ['Nightbot', 'mod_kim'] },
    { rule: 'banned-words', words: ['바보', 'noob'], action: r.pick(['mask', 'drop']) },
    { rule: 'max-length', chars: r.int(2, 40) },
    { rule: 'min-length', chars: r.int(1, 3) },
    { rule: 'dedupe', windowMs: r.int(1, 30_000) },
    { rule: 'rate-limit', perSecond: r.int(1, 5) },
    { rule: 'highlight' },
    { rule: 'kinds', keep: ['chat', 'donation'] },
    { rule: 'drop-bots' },
    { rule: 'links', action: 'drop' },
  ];
  const rules = r.shuffle(all).slice(0, r.int(1, all.length));
  const path = join(dir, 'rules.json');
  writeFileSync(path, JSON.stringify({ rules }));
  return path;
}

/**
 * Returns { argv, name, usesRules, layout } for one run. `vod` says which flags would make the input
 * invalid (--default next to an existing DEFAULT=YES), so a valid case never sets them.
 */
export function generateOptions(r, { dir, master, chatPath, archive, vod, mpegts }) {
  const name = r.pick(NAMES);
  // An empty JSON Lines file has no first record to detect the format from: name it, as a user must.
  const base = archive.format === 'jsonl' && (archive.messages.length === 0 || r.chance(0.2)) ? `${chatPath}:format=native-jsonl` : chatPath;
  const chatArg = r.weighted([
    [8, base],
    [1, `${base}:offset=${r.pick(['-2.5', '0', '1.25', '-30', '+3'])}`],
    [1, `${base}:label=${r.pick(['YT', '트위치', 'A B'])}`],
  ]);
  const argv = ['package', '--chat', chatArg, '--master', master, '--json', '--mpegts', String(mpegts), '--name', name, '--lock-timeout', '5'];
  if (r.chance(0.1)) argv.push('--chat', base);
  if (r.chance(0.5)) argv.push('--language', r.pick(LANGUAGES));
  if (r.chance(0.3)) argv.push('--group', r.pick(['chat', 'subs', '채팅']));
  if (r.chance(0.3) && !vod.existingDefault) argv.push('--default');
  const out = r.pick(OUTS);
  if (out) argv.push('--out', out);
  if (archive.needsStart || r.chance(0.05)) argv.push('--started-at', archive.startedAt);
  if (r.chance(0.2)) argv.push('--keep-preroll');
  if (r.chance(0.1)) argv.push('--show-labels');
  const layout = r.weighted([[4, 'message'], [1, 'window']]);
  if (layout === 'window') {
    argv.push('--layout', 'window', '--lines', String(r.int(1, 12)), '--update-rate', String(r.pick([0.05, 0.25, 0.5, 1, 2.5])));
    if (r.chance(0.5)) argv.push('--position', r.pick(['right', 'left', 'bottom']));
  } else if (r.chance(0.5)) {
    argv.push('--max-visible', String(r.int(1, 10)));
  }
  if (r.chance(0.5)) argv.push('--hold', String(r.pick([0.001, 0.1, 1, 2.5, 5, 30, 600])));
  const usesRules = r.chance(0.3);
  if (usesRules) argv.push('--rules', rulesFile(r, dir));
  return { argv, name, layout, usesRules, extraSource: argv.filter((a) => a === '--chat').length > 1 };
}
