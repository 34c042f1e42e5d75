import type { ChatMessage } from '../ingest/message.js';
import type { Cue } from './cue.js';

export type WindowPosition = 'right' | 'left' | 'bottom';

export interface WindowLayoutOptions {
  /** Messages shown at once, newest at the bottom (`--lines`). */
  lines: number;
  /** Shortest time between two cues (`--update-rate`, in ms). */
  updateRateMs: number;
  /** The box empties after this much silence (`--hold`, in ms). */
  holdMs: number;
  /** Where the box sits (`--position`). */
  position: WindowPosition;
  /** One message as one line of escaped cue text (no `\n`). */
  renderLine: (m: ChatMessage) => string;
  /**
   * Filled in as the cues are read: `hidden` counts messages that never appeared because more
   * than `lines` of them arrived for one update (pair with `rate-limit` to make it 0).
   */
  stats?: WindowLayoutStats;
}

export interface WindowLayoutStats {
  cues: number;
  hidden: number;
}

/**
 * Cue settings per position. The box is anchored by its bottom edge just above the player's
 * controls (`line:92%,end`), so it grows upwards as lines arrive; side boxes take 35% of the
 * width with left-aligned text, the bottom box is centred like ordinary subtitles. Explicit
 * position alignment keeps right-to-left text from flipping the box to the other side.
 */
export const WINDOW_SETTINGS: Readonly<Record<WindowPosition, string>> = {
  right: 'line:92%,end position:98%,line-right size:35% align:left',
  left: 'line:92%,end position:2%,line-left size:35% align:left',
  bottom: 'line:92%,end position:50%,center size:90% align:center',
};

/**
 * `--layout window`: a rolling chat box. Each cue shows the last `lines` messages, newest at the
 * bottom. The first message after a pause updates the box at once; later ones wait until
 * `updateRateMs` after the previous update and all arrive together, so there are never more than
 * duration / updateRate + 1 cues whatever the chat volume. Each cue ends when the next begins (one
 * cue on screen at a time, nothing to stack or reflow), or `holdMs` after it began when the chat
 * falls silent — then the box is empty and starts afresh with the next message.
 *
 * Ids are `w<startMs>`: stable across runs, unique because updates are at least 1 ms apart, and
 * distinct from the message layout's `m…` ids. Input must be in time order (as rules leave it);
 * a message earlier than the one before it is treated as arriving with it, and times before the
 * video (pre-roll) are shown from 0.
 */
export function* windowLayout(messages: Iterable<ChatMessage>, options: WindowLayoutOptions): Generator<Cue> {
  const { lines, updateRateMs, holdMs, renderLine } = options;
  for (const [name, value] of Object.entries({ lines, updateRateMs, holdMs })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`windowLayout: ${name} must be a positive integer, got ${value}`);
  }
  const settings = WINDOW_SETTINGS[options.position];
  const stats = options.stats ?? { cues: 0, hidden: 0 };

  // The box's lines, oldest first; `fresh` of them (at the end) arrived for the update being built.
  const box: string[] = [];
  let fresh = 0;
  // The update being built: it starts at `updateMs` and takes every message up to that time.
  let updateMs: number | undefined;
  let lastTimeMs = 0;

  const cueFor = (startMs: number, nextStartMs: number | undefined): Cue => {
    stats.cues++;
    const holdEnd = startMs + holdMs;
    return {
      id: `w${startMs}`,
      startMs,
      endMs: nextStartMs === undefined ? holdEnd : Math.min(nextStartMs, holdEnd),
      settings,
      payload: box.join('\n'),
    };
  };

  for (const m of messages) {
    const t = Math.max(lastTimeMs, m.timeMs);
    lastTimeMs = t;
    if (updateMs === undefined || t > updateMs) {
      const next = updateMs === undefined ? t : Math.max(t, updateMs + updateRateMs);
      if (updateMs !== undefined) {
        yield cueFor(updateMs, next);
        // Silence outlasted the hold: the box emptied, so old lines must not come back.
        if (updateMs + holdMs < next) box.length = 0;
      }
      updateMs = next;
      fresh = 0;
    }
    box.push(renderLine(m));
    fresh++;
    if (box.length > lines) {
      box.shift();
      // A line that arrived for this very update scrolled off before it was ever shown.
      if (fresh > lines) stats.hidden++;
    }
  }
  if (updateMs !== undefined) yield cueFor(updateMs, undefined);
}
