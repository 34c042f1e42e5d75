import type { CliIo } from './command.js';

/** What the pipeline reports while it works (PackageOptions.onProgress has the same shape). */
export interface ProgressUpdate {
  stage: 'read' | 'write';
  /** Messages read so far, or segments written so far. */
  done: number;
  /** When known (segments: the video's segment count), the line shows a percentage and an ETA. */
  total?: number;
}

export interface ProgressReporter {
  update(p: ProgressUpdate): void;
  /** Draws the final state and ends the line, so the shell prompt starts on a fresh one. */
  finish(): void;
}

export interface ProgressOptions {
  /** False with `--json`; the reporter also stays silent when stderr is not a terminal. */
  enabled: boolean;
  /** Milliseconds clock; tests pass a fake one. */
  now?: () => number;
}

/** At most 10 redraws a second: a faster terminal costs CPU on a million updates and shows nothing more. */
const MIN_REDRAW_MS = 100;
/** Runs shorter than this print nothing: a bar that flashes for 50 ms is noise, not information. */
const QUIET_START_MS = 250;

const UNITS = { read: 'messages read', write: 'segments written' } as const;

/**
 * A one-line progress display on stderr, redrawn in place with `\r`. Only for people watching a
 * terminal: piped stderr (CI logs) and `--json` runs get nothing, so their output stays parseable.
 */
export function createProgressReporter(io: CliIo, opts: ProgressOptions): ProgressReporter {
  if (!opts.enabled || !io.stderrIsTTY) return { update() {}, finish() {} };
  const now = opts.now ?? (() => performance.now());
  const createdAt = now();
  /** The stage's latest update, when the stage started and when the update came. */
  let current: (ProgressUpdate & { startedAt: number; at: number }) | undefined;
  let lastDrawAt = -Infinity;
  let drawnWidth = 0;
  let anyDrawn = false;

  function draw(end: string): void {
    if (!current) return;
    // The rate runs to the latest update, not to the redraw: a stage's closing line must not count
    // the pause before the next stage began.
    const line = formatProgressLine(current, current.at - current.startedAt);
    // Pad over the previous, possibly longer, line instead of relying on terminal escape codes.
    io.stderr(`\r${line.padEnd(drawnWidth)}${end}`);
    drawnWidth = end === '' ? line.length : 0;
    lastDrawAt = now();
    anyDrawn = true;
  }

  return {
    update(p) {
      const at = now();
      if (current && current.stage !== p.stage) {
        // Keep the finished stage on screen as a record, then start the next one on a new line.
        if (anyDrawn) draw('\n');
        current = undefined;
      }
      // Updated in place: the pipeline may report once per message, a million times a run.
      if (current) {
        current.done = p.done;
        current.total = p.total;
        current.at = at;
      } else current = { stage: p.stage, done: p.done, total: p.total, startedAt: at, at };
      if (at - createdAt < QUIET_START_MS || at - lastDrawAt < MIN_REDRAW_MS) return;
      draw('');
    },
    finish() {
      if (anyDrawn && current) draw('\n');
      current = undefined;
    },
  };
}

/** `segments written 1,234/18,000 (6.9%)  2.1k/s  ETA 0:08` */
export function formatProgressLine(p: ProgressUpdate, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (p.done * 1000) / elapsedMs : 0;
  const parts = [`${UNITS[p.stage]} ${count(p.done)}`];
  if (p.total !== undefined && p.total > 0) {
    parts[0] += `/${count(p.total)} (${((100 * Math.min(p.done, p.total)) / p.total).toFixed(1)}%)`;
  }
  if (rate > 0) parts.push(`${compact(rate)}/s`);
  if (p.total !== undefined && rate > 0 && p.done < p.total) parts.push(`ETA ${duration((p.total - p.done) / rate)}`);
  return parts.join('  ');
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}

/** Seconds as m:ss, or h:mm:ss past an hour. */
function duration(seconds: number): string {
  const s = Math.ceil(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
