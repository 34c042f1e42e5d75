/**
 * How a batch of messages crosses from the reading worker to the main thread. Structured-cloning an
 * array of message objects cost as much CPU as parsing the archive (serialize in the worker,
 * rebuild on the main thread: 5.6 s of 24 s for a million messages). A batch is instead a handful
 * of flat values: the string fields back to back in two strings, their end offsets, times and flags
 * in typed arrays (transferred, not copied), and each author sent once and then named by number.
 *
 * Why two strings: postMessage copies a one-byte (Latin-1) string at ~0.2 ns a character but a
 * two-byte one at ~7 ns, on both sides (Node 20, 100 k-character strings). One Korean message
 * makes the whole string two-byte, so the texts travel apart from the ids, labels and amounts,
 * which are ASCII in practice (TwitchDownloader's and YouTube's ids are), and stay one-byte.
 */
import type { Author, ChatMessage, MessageKind } from '../message.js';

const KINDS: readonly MessageKind[] = ['chat', 'donation', 'subscription', 'system'];
const KIND_INDEX: Readonly<Record<MessageKind, number>> = { chat: 0, donation: 1, subscription: 2, system: 3 };

/** String slots per message, in this order; TEXT is in `texts`, the others in `keys`. */
const ID = 0;
const TEXT = 1;
const SOURCE = 2;
const AMOUNT = 3;
const CLASSES = 4;
const SLOTS = 5;

/** Flag bits: the low two hold the kind. */
const DELETED = 1 << 2;
const HAS_SOURCE = 1 << 3;
const HAS_AMOUNT = 1 << 4;
const HAS_CLASSES = 1 << 5;

/** Authors remembered by the encoder before it starts over (a reader that never shares author objects must not grow it forever). */
const AUTHOR_TABLE_LIMIT = 100_000;

export interface EncodedBatch {
  count: number;
  /** Every message's text, back to back. */
  texts: string;
  /** Every other string field (id, source, amount, classes), back to back. */
  keys: string;
  /** End offset of each slot in its string (`texts` for TEXT, `keys` for the rest), SLOTS per message. */
  ends: Int32Array;
  times: Float64Array;
  /** Per message: author number, then flags. */
  meta: Int32Array;
  /** The decoder forgets its authors before reading this batch. */
  resetAuthors: boolean;
  /** Authors first seen in this batch, numbered from the decoder's current count. */
  newAuthors: Author[];
}

/** The typed arrays to hand to postMessage's transfer list. */
export function transferables(batch: EncodedBatch): ArrayBuffer[] {
  return [batch.ends.buffer as ArrayBuffer, batch.times.buffer as ArrayBuffer, batch.meta.buffer as ArrayBuffer];
}

/**
 * An author's number in the encoder that last numbered it, kept on the author object itself under
 * two hidden (non-enumerable) symbols: which encoder table (TABLE) and the number in it (NUMBER).
 */
const TABLE = Symbol('batch encoder table');
const NUMBER = Symbol('author number');
interface Numbered {
  [TABLE]?: number;
  [NUMBER]?: number;
}
/** Every author table of this thread gets its own tag, so a number from another table (or one since reset) is never taken for this one's. */
let nextTable = 1;

export class BatchEncoder {
  /**
   * Author numbers are kept on the author objects (the readers intern them, so one object is one
   * author, and one renamed or recoloured is another object with a number of its own): reading
   * two properties of an object the reader has just touched. A Map from author to number cost
   * ~0.3 s a million messages in a real run (a few cache misses per lookup into 20 000 entries,
   * perf: 3.4 % of the run's samples), ten times what it costs in a warm loop. An object holds one
   * encoder's number: a thread has one encoder per run, and should two take turns on one author,
   * each sends it again when it comes back (correct, only not shared).
   */
  private table = nextTable++;
  private authorCount = 0;
  /** Numbers of authors whose numbers cannot be kept on them (frozen): none of the readers makes such. */
  private readonly sealedAuthors = new Map<Author, number>();

  private numberOf(author: Author, newAuthors: Author[]): number {
    const numbered = author as Numbered;
    if (numbered[TABLE] === this.table) return numbered[NUMBER]!;
    // Frozen before any encoder numbered it (no property can be added), or after (none can change).
    if (numbered[TABLE] === undefined ? !Object.isExtensible(author) : Object.isFrozen(author)) {
      let sealed = this.sealedAuthors.get(author);
      if (sealed === undefined) {
        this.sealedAuthors.set(author, (sealed = this.authorCount++));
        newAuthors.push(author);
      }
      return sealed;
    }
    const number = this.authorCount++;
    if (numbered[TABLE] === undefined) {
      Object.defineProperty(author, TABLE, { value: this.table, writable: true });
      Object.defineProperty(author, NUMBER, { value: number, writable: true });
    } else {
      numbered[TABLE] = this.table;
      numbered[NUMBER] = number;
    }
    newAuthors.push(author);
    return number;
  }

  encode(messages: readonly ChatMessage[]): EncodedBatch {
    const count = messages.length;
    const ends = new Int32Array(count * SLOTS);
    const times = new Float64Array(count);
    const meta = new Int32Array(count * 2);
    const newAuthors: Author[] = [];
    let resetAuthors = false;
    if (this.authorCount > AUTHOR_TABLE_LIMIT) {
      this.table = nextTable++;
      this.authorCount = 0;
      this.sealedAuthors.clear();
      resetAuthors = true;
    }
    // Appending to a string builds a rope that is flattened once, when the batch is posted:
    // cheaper than an array of pieces and a join.
    let keys = '';
    let texts = '';
    for (let k = 0; k < count; k++) {
      const m = messages[k]!;
      const number = this.numberOf(m.author, newAuthors);
      let flags = KIND_INDEX[m.kind];
      if (m.deleted) flags |= DELETED;
      const base = k * SLOTS;
      keys += m.id;
      ends[base + ID] = keys.length;
      texts += m.text;
      ends[base + TEXT] = texts.length;
      if (m.source !== undefined) {
        flags |= HAS_SOURCE;
        keys += m.source;
      }
      ends[base + SOURCE] = keys.length;
      if (m.amount !== undefined) {
        flags |= HAS_AMOUNT;
        keys += m.amount;
      }
      ends[base + AMOUNT] = keys.length;
      if (m.classes !== undefined) {
        flags |= HAS_CLASSES;
        // Class names cannot hold whitespace (ChatMessageSchema), so a space separates them.
        keys += m.classes.join(' ');
      }
      ends[base + CLASSES] = keys.length;
      times[k] = m.timeMs;
      meta[2 * k] = number;
      meta[2 * k + 1] = flags;
    }
    return { count, texts, keys, ends, times, meta, resetAuthors, newAuthors };
  }
}

/**
 * Message `k` of a batch, whose author numbers `authors` resolves (BatchDecoder.register). Any
 * message can be read on its own, in any order: a slot's start is the previous slot's end.
 */
export function decodeMessage(batch: EncodedBatch, authors: readonly Author[], k: number): ChatMessage {
  const { texts, keys, ends, meta } = batch;
  const base = k * SLOTS;
  const start = k === 0 ? 0 : ends[base - SLOTS + CLASSES]!;
  const textStart = k === 0 ? 0 : ends[base - SLOTS + TEXT]!;
  const idEnd = ends[base + ID]!;
  const textEnd = ends[base + TEXT]!;
  const sourceEnd = ends[base + SOURCE]!;
  const amountEnd = ends[base + AMOUNT]!;
  const classesEnd = ends[base + CLASSES]!;
  const flags = meta[2 * k + 1]!;
  const message: ChatMessage = {
    id: keys.slice(start, idEnd),
    timeMs: batch.times[k]!,
    author: authors[meta[2 * k]!]!,
    text: texts.slice(textStart, textEnd),
    kind: KINDS[flags & 3]!,
    deleted: (flags & DELETED) !== 0,
  };
  if (flags & HAS_SOURCE) message.source = keys.slice(idEnd, sourceEnd);
  if (flags & HAS_AMOUNT) message.amount = keys.slice(sourceEnd, amountEnd);
  if (flags & HAS_CLASSES) message.classes = classesEnd === amountEnd ? [] : keys.slice(amountEnd, classesEnd).split(' ');
  return message;
}

export class BatchDecoder {
  private authors: Author[] = [];

  /**
   * Takes in the authors a batch introduces, in the order batches were encoded, and returns the
   * table that resolves its author numbers. A batch decoded later (held for time order) keeps its
   * table even if a later batch starts a new one (resetAuthors).
   */
  register(batch: EncodedBatch): readonly Author[] {
    if (batch.resetAuthors) this.authors = [];
    for (const author of batch.newAuthors) this.authors.push(author);
    return this.authors;
  }

  decode(batch: EncodedBatch): ChatMessage[] {
    const authors = this.register(batch);
    const out: ChatMessage[] = new Array(batch.count);
    for (let k = 0; k < batch.count; k++) out[k] = decodeMessage(batch, authors, k);
    return out;
  }
}
