/**
 * Puts the chat in time order on the main thread, from batches still in their encoded form.
 *
 * Archives are only nearly sorted, so a message is handed on only once its source has reached a
 * message `windowMs` later (read-sources.ts inTimeOrder, REORDER_WINDOW_MS). Holding that window
 * as message objects in the reading worker cost a tenth of a 1 M run: five minutes of a busy chat
 * is ~9 000 messages, each outliving two scavenges and being copied twice into the old generation.
 * Held here, a batch is two strings and three typed arrays, which the garbage collector does not
 * copy, and a message becomes an object only when it is handed on.
 *
 * The order and the errors are those of inTimeOrder on each source, then mergeByTime across them:
 * the stable sort of the sources' messages by time (source order, then file order, on equal
 * times), and a source that steps back before a message already released is reported (`add`
 * returns false) instead of being misplaced.
 */
import type { Author, ChatMessage } from '../message.js';
import { SourceClock, type TimedRun } from '../source-clock.js';
import { decodeMessage, type EncodedBatch } from './batch-codec.js';

interface HeldBatch extends TimedRun {
  readonly batch: EncodedBatch;
  readonly authors: readonly Author[];
  readonly source: number;
  /** Arrival order: among one source's batches, file order. */
  readonly seq: number;
  /** The first message not handed on yet. */
  next: number;
}

interface SourceState {
  clock: SourceClock<HeldBatch>;
  /** Released messages not handed on yet, over all its batches. */
  pending: number;
}

export class TimeOrderMerge {
  private readonly sources: SourceState[];
  private held: HeldBatch[] = [];
  private seq = 0;
  private open: number;

  constructor(sourceCount: number, windowMs: number) {
    this.sources = Array.from({ length: sourceCount }, () => ({ clock: new SourceClock<HeldBatch>(windowMs), pending: 0 }));
    this.open = sourceCount;
  }

  /** True once every source has ended and every message was handed on. */
  get done(): boolean {
    return this.open === 0 && this.held.length === 0;
  }

  /**
   * Takes a batch of `source` (sorted by time on its own), whose authors `authors` resolves. False
   * when it starts before a message of its source already released: too late to be placed.
   */
  add(source: number, batch: EncodedBatch, authors: readonly Author[]): boolean {
    const state = this.sources[source]!;
    if (batch.count === 0) return true;
    if (!state.clock.accepts(batch.times[0]!)) return false;
    const held: HeldBatch = { times: batch.times, releasable: 0, batch, authors, source, seq: this.seq++, next: 0 };
    this.held.push(held);
    state.pending += state.clock.add(held);
    return true;
  }

  /** No more batches of `source`: everything it holds is released. */
  end(source: number): void {
    const state = this.sources[source]!;
    if (state.clock.ended) return;
    this.open--;
    state.pending += state.clock.end();
  }

  /**
   * The next message in time order, or undefined when that cannot be known yet (a source still
   * reading has nothing released, so its next message might come first) or everything was handed on.
   */
  next(): ChatMessage | undefined {
    for (const state of this.sources) if (state.pending === 0 && !state.clock.ended) return undefined;
    let best: HeldBatch | undefined;
    let bestTime = Infinity;
    for (const held of this.held) {
      if (held.next === held.releasable) continue;
      const time = held.times[held.next]!;
      // Ties go to the earlier source, then to the batch read first.
      if (best === undefined || time < bestTime || (time === bestTime && (held.source < best.source || (held.source === best.source && held.seq < best.seq)))) {
        best = held;
        bestTime = time;
      }
    }
    if (best === undefined) return undefined;
    const message = decodeMessage(best.batch, best.authors, best.next++);
    const state = this.sources[best.source]!;
    state.pending--;
    if (best.next === best.batch.count) {
      this.held.splice(this.held.indexOf(best), 1);
      state.clock.runs.splice(state.clock.runs.indexOf(best), 1);
    }
    return message;
  }
}
