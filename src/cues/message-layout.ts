import type { ChatMessage } from '../ingest/message.js';
import type { Cue } from './cue.js';
import { makeCueIdAllocator } from './cue-ids.js';

export interface MessageLayoutOptions {
  /** How long a message stays on screen (`--hold`). */
  holdMs: number;
  /** At most this many cues active at any instant (`--max-visible`). */
  maxVisible: number;
  renderLine: (m: ChatMessage) => string;
}

/**
 * `--layout message`: one cue per message, lasting `holdMs`, but ending no later than the start of
 * the cue `maxVisible` messages after it, so never more than `maxVisible` are on screen.
 *
 * A burst of more than `maxVisible` messages in one millisecond could not satisfy both that bound
 * and "no zero-length cue", so such starts are nudged later by 1 ms each, only as far as needed
 * (start[i] ≥ start[i − maxVisible] + 1). Input must be sorted by time.
 */
export function* messageLayout(messages: Iterable<ChatMessage>, options: MessageLayoutOptions): Generator<Cue> {
  const { holdMs, maxVisible } = options;
  const allocateId = makeCueIdAllocator();
  // Ring of the last `maxVisible` pending messages and their (possibly nudged) starts.
  const pending: { message: ChatMessage; startMs: number }[] = [];
  const recentStarts: number[] = [];

  const emit = (entry: { message: ChatMessage; startMs: number }, nextWindowStart: number | undefined): Cue => {
    let endMs = entry.startMs + holdMs;
    if (nextWindowStart !== undefined && nextWindowStart < endMs) endMs = nextWindowStart;
    return {
      id: allocateId(entry.message.id),
      startMs: entry.startMs,
      endMs: Math.max(endMs, entry.startMs + 1),
      settings: '',
      payload: options.renderLine(entry.message),
    };
  };

  for (const message of messages) {
    let startMs = Math.max(0, message.timeMs);
    const bound = recentStarts.length === maxVisible ? recentStarts[0]! + 1 : 0;
    if (startMs < bound) startMs = bound;
    recentStarts.push(startMs);
    if (recentStarts.length > maxVisible) recentStarts.shift();

    pending.push({ message, startMs });
    if (pending.length > maxVisible) yield emit(pending.shift()!, startMs);
  }
  for (const entry of pending) yield emit(entry, undefined);
}
