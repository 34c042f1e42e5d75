/**
 * One chat line as the pane shows it, read back from a WebVTT cue's text. The packager writes
 * `Name: message`, escaped, and rules may wrap the name or the whole line in class spans such as
 * `<c.moderator.color-ff4500>Name</c>: message`.
 */
export interface ChatLine {
  /** Empty when the cue has no `Name: ` prefix (captions, system lines). */
  author: string;
  /** The archive label of `--show-labels` (`[YT] Name: text`), shown as a badge. */
  source: string;
  /** Classes of the spans covering the author's name. */
  authorClasses: string[];
  message: string;
  /** Every class anywhere in the cue (`donation`, `highlight`, ...). */
  classes: string[];
}

/**
 * Parses cue text into a ChatLine without touching the DOM, so it runs in a test as well as in the page.
 *
 * This function is sent to the browser as its own source text (see player-script.ts): it must not
 * refer to anything outside its body.
 */
export function parseChatCueText(cueText: string): ChatLine {
  // WebVTT's named character references plus numeric ones; anything else stays as written (§3.3).
  const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', lrm: '\u200e', rlm: '\u200f', nbsp: '\u00a0' };
  const decode = (text: string): string =>
    text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
      if (ref.startsWith('#')) {
        const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
      }
      return NAMED[ref] ?? whole;
    });

  // Walk the markup: text runs carry the classes of every span open around them.
  const runs: { text: string; classes: string[] }[] = [];
  const open: { tag: string; classes: string[] }[] = [];
  let voice = '';
  let pos = 0;
  while (pos < cueText.length) {
    const lt = cueText.indexOf('<', pos);
    const textEnd = lt < 0 ? cueText.length : lt;
    if (textEnd > pos) runs.push({ text: decode(cueText.slice(pos, textEnd)), classes: open.flatMap((s) => s.classes) });
    if (lt < 0) break;
    const gt = cueText.indexOf('>', lt);
    if (gt < 0) {
      // An unterminated tag is dropped by WebVTT's tokenizer too.
      break;
    }
    const tag = cueText.slice(lt + 1, gt);
    pos = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const at = open.map((s) => s.tag).lastIndexOf(name);
      if (at >= 0) open.length = at;
      continue;
    }
    if (/^\d/.test(tag)) continue; // karaoke timestamp
    const space = tag.search(/[\s]/);
    const head = space < 0 ? tag : tag.slice(0, space);
    const annotation = space < 0 ? '' : tag.slice(space + 1).trim();
    const [name = '', ...classes] = head.split('.');
    if (name === 'v' && annotation && !voice) voice = decode(annotation);
    open.push({ tag: name, classes: classes.filter((c) => c !== '') });
  }

  const plain = runs.map((r) => r.text).join('');
  const unique = (list: string[]): string[] => [...new Set(list)];
  const classes = unique(runs.flatMap((r) => r.classes));
  // `Name: message`: the first ": " on the first line. A colon later in the message stays in it.
  const firstLineEnd = plain.indexOf('\n');
  const sep = plain.indexOf(': ');
  if (sep <= 0 || (firstLineEnd >= 0 && sep > firstLineEnd)) {
    return { author: voice, source: '', authorClasses: voice ? classes : [], message: plain.trim(), classes };
  }
  const authorClasses: string[] = [];
  let offset = 0;
  for (const run of runs) {
    if (offset < sep && run.text.length > 0) authorClasses.push(...run.classes);
    offset += run.text.length;
  }
  const labelled = /^\[([^\]]+)\]\s+(.+)$/.exec(plain.slice(0, sep).trim());
  return {
    author: labelled?.[2] ?? plain.slice(0, sep).trim(),
    source: labelled?.[1] ?? '',
    authorClasses: unique(authorClasses),
    message: plain.slice(sep + 2).trim(),
    classes,
  };
}
