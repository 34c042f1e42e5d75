import type { ChatMessage } from '../ingest/message.js';
import { escapeCueText } from './escape.js';

export interface RenderOptions {
  /** Prefix the source label (`[YT] Name: text`) when the message has one (`--show-labels`). */
  showLabels: boolean;
}

/**
 * One message as one line of cue text: `Name: message`, so the author shows in every player
 * (`<v Name>` alone is not displayed). Classes added by rules wrap the line as `<c.mod>…</c>`.
 *
 * The line is the escaped, trimmed `[label] Name: text`. It is built from its escaped parts rather
 * than by escaping the joined line: the separators are plain ASCII, so escaping commutes with the
 * joining, and the parts (flat strings from the reader) are scanned where they lie instead of
 * being copied into one string first. Trimming the whole is trimming its two ends: the name's
 * start (`[` stops it when there is a label) and the text's end, down to the `:` when the text is
 * blank.
 */
export function renderMessageLine(m: ChatMessage, options: RenderOptions): string {
  const name = escapeCueText(m.author.name);
  const head = options.showLabels && m.source ? `[${escapeCueText(m.source)}] ${name}` : name.trimStart();
  const text = escapeCueText(m.text).trimEnd();
  const line = text === '' ? `${head}:` : `${head}: ${text}`;
  return m.classes && m.classes.length > 0 ? `<c.${m.classes.join('.')}>${line}</c>` : line;
}
