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
 * (start[i] ≥ start[i − maxVisible] + 1). Input must be sorted by time (as rules leave it); a
 * message earlier than the one before it starts with it, so starts never go back, which the cue
 * ids rely on (cue-ids.ts).
 */
export function* messageLayout(messages: Iterable<ChatMessage>, options: MessageLayoutOptions): Generator<Cue> {
  const { holdMs, maxVisible, renderLine } = options;
  if (!Number.isInteger(maxVisible) || maxVisible < 1) throw new RangeError(`messageLayout: maxVisible must be a positive integer, got ${maxVisible}`);
  const allocateId = makeCueIdAllocator();
  // The last `maxVisible` messages and their (possibly nudged) starts, in two rings indexed by
  // message number modulo `maxVisible`: the slot message i is about to take holds message
  // i − maxVisible, the one whose start bounds message i's and whose end message i's start caps.
  // No per-message entry objects and no Array#shift: this runs once per message.
  const ringMessages = new Array<ChatMessage | undefined>(maxVisible).fill(undefined);
  const ringStarts = new Array<number>(maxVisible).fill(0);

  const cueFor = (message: ChatMessage, startMs: number, endMs: number): Cue => ({
    id: allocateId(startMs),
    startMs,
    endMs: Math.max(endMs, startMs + 1),
    settings: '',
    payload: renderLine(message),
  });

  let count = 0;
  let slot = 0;
  let lastStartMs = 0;
  for (const message of messages) {
    let startMs = message.timeMs > lastStartMs ? message.timeMs : lastStartMs;
    if (count >= maxVisible) {
      const earlierStart = ringStarts[slot]!;
      if (startMs < earlierStart + 1) startMs = earlierStart + 1;
      const holdEnd = earlierStart + holdMs;
      yield cueFor(ringMessages[slot]!, earlierStart, startMs < holdEnd ? startMs : holdEnd);
    }
    ringMessages[slot] = message;
    ringStarts[slot] = startMs;
    lastStartMs = startMs;
    count++;
    if (++slot === maxVisible) slot = 0;
  }
  // The last ones, oldest first: nothing comes after them to cut them short.
  for (let k = Math.min(count, maxVisible); k > 0; k--) {
    const i = (count - k) % maxVisible;
    yield cueFor(ringMessages[i]!, ringStarts[i]!, ringStarts[i]! + holdMs);
  }
}
