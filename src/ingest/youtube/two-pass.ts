import type { ChatMessage } from '../message.js';
import type { ReaderContext } from '../types.js';
import { YouTubeDeletions } from './deletions.js';
import { IdHashSet } from './id-hash-set.js';

/**
 * The input twice: `first` for the pass that learns what later records change, `second` for the
 * pass that hands out messages. With `ctx.reopen` both stream from the file; without it (input fed
 * from memory, as tests do) the decoded bytes are held once and replayed, which gives the same
 * messages but memory that grows with the file.
 */
export async function twoPasses(input: AsyncIterable<Uint8Array>, ctx: ReaderContext): Promise<{ first: AsyncIterable<Uint8Array>; second: AsyncIterable<Uint8Array> }> {
  if (ctx.reopen) return { first: ctx.reopen(), second: input };
  const chunks: Uint8Array[] = [];
  // Copied: an input may reuse one buffer for every chunk (io/file-chunks.ts).
  for await (const chunk of input) chunks.push(Buffer.from(chunk));
  async function* replay(): AsyncGenerator<Uint8Array> {
    yield* chunks;
  }
  return { first: replay(), second: replay() };
}

/**
 * The values of the first pass, up to the first error. The second pass reads the same bytes and
 * reports that error where it comes, after any earlier schema error, as the one-pass reader did.
 */
export async function* untilError<T>(values: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = values[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<T>;
    try {
      next = await iterator.next();
    } catch {
      return;
    }
    if (next.done) return;
    yield next.value;
  }
}

/**
 * What the first pass learns: deletions and bans, which chat-item ids occur more than once, and
 * which Super-Chat tickers have no chat item anywhere in the file. Only these are kept as strings;
 * every other id is an 8-byte hash, dropped when the pass ends.
 */
export class FirstPass {
  readonly deletions = new YouTubeDeletions();
  private readonly ids = new IdHashSet();
  /** Ids whose hash was seen before: every repeated id, plus (rarely) one that merely collides. */
  private readonly repeated = new Set<string>();
  private readonly tickerIds = new Set<string>();

  /** A chat item that the second pass will claim its id for. */
  item(id: string): void {
    if (!this.ids.add(id)) this.repeated.add(id);
  }

  /** A ticker copy of a chat item (only used when the item itself never shows up). */
  ticker(id: string): void {
    this.tickerIds.add(id);
  }

  /**
   * The state of the second pass. A ticker counts as having its chat item when the item's hash was
   * seen: exact but for a 64-bit hash collision between a ticker id and another item id.
   */
  finish(): SecondPass {
    const orphans = new Set<string>();
    for (const id of this.tickerIds) if (!this.ids.has(id)) orphans.add(id);
    return new SecondPass(this.deletions, this.repeated, orphans);
  }
}

/**
 * The second pass: keeps the first chat item per id and a ticker only when its item never appears,
 * marks deletions, and gathers the messages of one batch. An orphan ticker waits until a later
 * message has a later time, so that after the stable sort by time it sits where the one-pass
 * reader put it (after every message of its own time, which it appended at the end of the file).
 */
export class SecondPass {
  private readonly claimed = new Set<string>();
  private readonly offered = new Set<string>();
  private waiting: ChatMessage[] = [];
  private batch: ChatMessage[] = [];

  constructor(
    private readonly deletions: YouTubeDeletions,
    private readonly repeated: ReadonlySet<string>,
    private readonly orphans: ReadonlySet<string>,
  ) {}

  /** True when this chat item is the first with its id. */
  claim(id: string): boolean {
    if (this.repeated.size === 0 || !this.repeated.has(id)) return true;
    if (this.claimed.has(id)) return false;
    this.claimed.add(id);
    return true;
  }

  /**
   * A ticker's message: `orphan` (its chat item never appears: it is kept), `duplicate` (the chat item
   * gives this Super Chat; counted once per id), or `again` (a further ticker for the same id).
   */
  offerTicker(message: ChatMessage): 'orphan' | 'duplicate' | 'again' {
    if (this.offered.has(message.id)) return 'again';
    this.offered.add(message.id);
    if (!this.orphans.has(message.id)) return 'duplicate';
    this.deletions.mark(message);
    this.waiting.push(message);
    return 'orphan';
  }

  /** A message of the file, in file order. */
  push(message: ChatMessage): void {
    this.deletions.mark(message);
    this.batch.push(message);
    if (this.waiting.length > 0) {
      const still: ChatMessage[] = [];
      for (const orphan of this.waiting) {
        if (orphan.timeMs < message.timeMs) this.batch.push(orphan);
        else still.push(orphan);
      }
      this.waiting = still;
    }
  }

  /** The messages gathered since the last call. */
  take(): ChatMessage[] {
    const batch = this.batch;
    this.batch = [];
    return batch;
  }

  /** At the end of the file: the orphan tickers still waiting. */
  rest(): ChatMessage[] {
    const rest = [...this.take(), ...this.waiting];
    this.waiting = [];
    return rest;
  }
}
