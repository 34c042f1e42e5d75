import type { ChatMessage } from '../message.js';
import { canonicalYouTubeId } from './message-ids.js';

/**
 * Deletions and bans of a YouTube archive. They may name messages that come earlier or later in
 * the file (live captures reorder actions), so the readers learn them all in a first pass over the
 * file and mark each message as it is handed out in the second.
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

  /** Marks the message deleted when it was deleted by id (long or short form) or its author banned. */
  mark(message: ChatMessage): void {
    if (message.author.id !== undefined && this.authorIds.size > 0 && this.authorIds.has(message.author.id)) message.deleted = true;
    else if (this.messageIds.size > 0 && this.messageIds.has(canonicalYouTubeId(message.id))) message.deleted = true;
  }
}
