import type { ChatMessage } from '../message.js';
import { canonicalYouTubeId } from './message-ids.js';

/**
 * Deletions and bans seen while reading a YouTube archive. They may name messages that come later
 * in the file (live captures reorder actions), so they are collected first and applied once every
 * message has been read.
 */
export class YouTubeDeletions {
  private readonly messageIds = new Set<string>();
  private readonly authorIds = new Set<string>();

  deleteMessage(targetId: string): void {
    this.messageIds.add(canonicalYouTubeId(targetId));
  }

  deleteAuthor(authorId: string): void {
    this.authorIds.add(authorId);
  }

  get size(): number {
    return this.messageIds.size + this.authorIds.size;
  }

  /** Marks every targeted message deleted (a ban hides all of that author's messages); returns how many. */
  applyTo(messages: readonly ChatMessage[]): number {
    if (this.size === 0) return 0;
    let marked = 0;
    for (const message of messages) {
      const byAuthor = message.author.id !== undefined && this.authorIds.has(message.author.id);
      if (byAuthor || (this.messageIds.size > 0 && this.messageIds.has(canonicalYouTubeId(message.id)))) {
        if (!message.deleted) marked++;
        message.deleted = true;
      }
    }
    return marked;
  }
}

/** Keeps the first message per id; a Super Chat also arrives as a ticker item with the same id. */
export class FirstById {
  private readonly seen = new Set<string>();
  private readonly tickers = new Map<string, ChatMessage>();

  /** True when this id is new (and records it). */
  claim(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    return true;
  }

  /** A ticker's copy is only used when the chat item itself never shows up. */
  offerTicker(message: ChatMessage): void {
    if (!this.tickers.has(message.id)) this.tickers.set(message.id, message);
  }

  /** Tickers whose chat item was never seen, after the whole file was read. */
  orphanTickers(): ChatMessage[] {
    return [...this.tickers.values()].filter((m) => !this.seen.has(m.id));
  }

  get duplicateTickers(): number {
    let n = 0;
    for (const id of this.tickers.keys()) if (this.seen.has(id)) n++;
    return n;
  }
}
