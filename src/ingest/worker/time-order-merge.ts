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
import { decodeMessage, type EncodedBatch } from './batch-codec.js';

interface HeldBatch {
  readonly batch: EncodedBatch;
  readonly authors: readonly Author[];
  readonly source: number;
  /** Arrival order: among one source's batches, file order. */
  readonly seq: number;
  /** The first message not handed on yet. */
  next: number;
  /** Messages before this one are released: they may be handed on once they come first. */
  releasable: number;
}

interface SourceState {
  latest: number;
  /** The latest time released so far: a later message may not be earlier. */
  released: number;
  ended: boolean;
  /** Released messages not handed on yet, over all its batches. */
  pending: number;
  batches: HeldBatch[];
}

export class TimeOrderMerge {
  private readonly sources: SourceState[];
  private held: HeldBatch[] = [];
  private seq = 0;
  private open: number;

  constructor(
    sourceCount: number,
    private readonly windowMs: number,
  ) {
    this.sources = Array.from({ length: sourceCount }, () => ({ latest: -Infinity, released: -Infinity, ended: false, pending: 0, batches: [] }));
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
    const count = batch.count;
    if (count === 0) return true;
    if (batch.times[0]! < state.released) return false;
    const held: HeldBatch = { batch, authors, source, seq: this.seq++, next: 0, releasable: 0 };
    state.batches.push(held);
    this.held.push(held);
    if (batch.times[count - 1]! > state.latest) state.latest = batch.times[count - 1]!;
    this.release(state, state.latest - this.windowMs);
    return true;
  }

  /** No more batches of `source`: everything it holds is released. */
  end(source: number): void {
    const state = this.sources[source]!;
    if (state.ended) return;
    state.ended = true;
    this.open--;
    this.release(state, Infinity);
  }

  /**
   * The next message in time order, or undefined when that cannot be known yet (a source still
   * reading has nothing released, so its next message might come first) or everything was handed on.
   */
  next(): ChatMessage | undefined {
    for (const state of this.sources) if (state.pending === 0 && !state.ended) return undefined;
    let best: HeldBatch | undefined;
    let bestTime = Infinity;
    for (const held of this.held) {
      if (held.next === held.releasable) continue;
      const time = held.batch.times[held.next]!;
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
      state.batches.splice(state.batches.indexOf(best), 1);
    }
    return message;
  }

  /** Releases every held message of the source earlier than `before`; each batch's are a prefix. */
  private release(state: SourceState, before: number): void {
    for (const held of state.batches) {
      const times = held.batch.times;
      const count = held.batch.count;
      let r = held.releasable;
      while (r < count && times[r]! < before) r++;
      if (r === held.releasable) continue;
      state.pending += r - held.releasable;
      held.releasable = r;
      if (times[r - 1]! > state.released) state.released = times[r - 1]!;
    }
  }
}
