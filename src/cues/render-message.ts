import type { ChatMessage } from '../ingest/message.js';
import { escapeCueText } from './escape.js';

export interface RenderOptions {
  /** Prefix the source label (`[YT] Name: text`) when the message has one (`--show-labels`). */
  showLabels: boolean;
}

/**
 * One message as one line of cue text: `Name: message`, so the author shows in every player
 * (`<v Name>` alone is not displayed). Classes added by rules wrap the line as `<c.mod>…</c>`.
 */
export function renderMessageLine(m: ChatMessage, options: RenderOptions): string {
  const label = options.showLabels && m.source ? `[${m.source}] ` : '';
  const line = escapeCueText(`${label}${m.author.name}: ${m.text}`).trim();
  return m.classes && m.classes.length > 0 ? `<c.${m.classes.join('.')}>${line}</c>` : line;
}
