import type { ChatLine } from './chat-cue.js';
import type { ChatCueLike, PaneLine } from './pane-lines.js';

export interface ChatPane {
  /** Shows the last messages whose cue started at or before `time` (seconds), newest at the bottom. */
  sync(cues: readonly ChatCueLike[], time: number): void;
  /** What the pane shows, one `Name: message` string per line, oldest first (the test hook reads this). */
  messages(): string[];
}

/**
 * Renders chat cues into `list` like a chat replay: role badges, the author in their colour, the
 * message. Rebuilt from the cues on every sync rather than fed by cuechange, so seeking backwards
 * or switching tracks can never leave stale lines; when only new lines arrived they are appended, so
 * the reader's scroll position survives playback.
 *
 * Sent to the browser as source text (see player-script.ts): it must not refer to anything outside
 * its body; the pure parts come in as parameters.
 */
export function createChatPane(
  list: HTMLElement,
  logic: { parse: (cueText: string) => ChatLine; linesDueAt: (cues: readonly ChatCueLike[], time: number) => PaneLine[] },
  maxMessages: number,
  cueStyles: CSSStyleSheet | null,
): ChatPane {
  const { parse, linesDueAt } = logic;
  const ROLE_BADGES: Record<string, string> = {
    broadcaster: 'host', owner: 'host', moderator: 'mod', mod: 'mod', vip: 'vip',
    subscriber: 'sub', sub: 'sub', member: 'member', verified: '✓', staff: 'staff',
  };
  // Authors without a colour class still get a stable colour, as chat UIs do.
  const PALETTE = ['#ff7f50', '#1e90ff', '#2e8b57', '#daa520', '#d2691e', '#5f9ea0', '#b22222', '#9acd32', '#ff69b4', '#8a2be2'];
  const colorClass = /^colou?r-([0-9a-fA-F]{6})$/;
  const styledColors = new Set<string>();
  let shownKeys: string[] = [];

  const fallbackColor = (name: string): string => {
    let hash = 0;
    for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
    return PALETTE[hash % PALETTE.length] ?? '#1e90ff';
  };

  // The native overlay only colours classes the page declares (hls.js#4897), so declare each colour once seen.
  const declareCueColor = (cls: string, hex: string): void => {
    if (!cueStyles || styledColors.has(cls)) return;
    styledColors.add(cls);
    try {
      cueStyles.insertRule(`::cue(.${cls}) { color: #${hex}; }`, cueStyles.cssRules.length);
    } catch {
      // A browser without ::cue support just shows plain overlay text.
    }
  };

  const render = (entry: PaneLine): HTMLElement => {
    const line = parse(entry.text);
    const item = document.createElement('li');
    item.className = 'chat-line';
    for (const cls of line.classes) {
      if (/^[\w-]+$/.test(cls)) item.classList.add(`cue-${cls}`);
    }
    item.dataset.start = entry.startTime.toFixed(3);
    item.dataset.line = line.author ? `${line.author}: ${line.message}` : line.message;
    item.title = new Date(entry.startTime * 1000).toISOString().slice(11, 19);

    if (line.author) {
      let color = '';
      const badges = document.createElement('span');
      badges.className = 'badges';
      if (line.source) {
        const el = document.createElement('span');
        el.className = 'badge badge-source';
        el.textContent = line.source;
        badges.append(el);
      }
      for (const cls of line.authorClasses) {
        const hex = colorClass.exec(cls)?.[1];
        if (hex) {
          color = `#${hex}`;
          declareCueColor(cls, hex);
        }
        const badge = ROLE_BADGES[cls.toLowerCase()];
        if (badge) {
          const el = document.createElement('span');
          el.className = `badge badge-${cls.toLowerCase()}`;
          el.textContent = badge;
          badges.append(el);
        }
      }
      const author = document.createElement('span');
      author.className = 'author';
      author.textContent = line.author;
      author.style.color = color || fallbackColor(line.author);
      item.append(badges, author, document.createTextNode(': '));
    } else {
      item.classList.add('no-author');
    }
    const message = document.createElement('span');
    message.className = 'message';
    message.textContent = line.message;
    item.append(message);
    return item;
  };

  return {
    sync(cues, time) {
      const due = linesDueAt(cues, time);
      const shown = due.slice(Math.max(0, due.length - maxMessages));
      const keys = shown.map((line) => line.key);
      if (keys.length === shownKeys.length && keys.every((k, i) => k === shownKeys[i])) return;

      const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
      // Playback only adds lines at the bottom and drops old ones at the top: keep the nodes that stay.
      const firstKept = shownKeys.indexOf(keys[0] ?? '');
      const kept = firstKept < 0 ? [] : shownKeys.slice(firstKept);
      const appendOnly = kept.length > 0 && kept.length <= keys.length && kept.every((k, i) => k === keys[i]);
      if (appendOnly) {
        for (let i = 0; i < firstKept; i++) list.firstElementChild?.remove();
        for (const line of shown.slice(kept.length)) list.append(render(line));
      } else {
        list.replaceChildren(...shown.map(render));
      }
      shownKeys = keys;
      if (atBottom || !appendOnly) list.scrollTop = list.scrollHeight;
    },
    messages() {
      return [...list.children].map((el) => (el as HTMLElement).dataset.line ?? '');
    },
  };
}
