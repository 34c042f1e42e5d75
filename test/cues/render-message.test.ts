import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCueText } from '../../src/cues/escape.js';
import { renderMessageLine } from '../../src/cues/render-message.js';
import type { ChatMessage } from '../../src/ingest/message.js';

const msg = (name: string, text: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: 'i',
  timeMs: 0,
  author: { name, roles: [] },
  text,
  kind: 'chat',
  deleted: false,
  ...extra,
});

// The definition the line must match: escape the joined line, then trim it.
function reference(m: ChatMessage, showLabels: boolean): string {
  const label = showLabels && m.source ? `[${m.source}] ` : '';
  const line = escapeCueText(`${label}${m.author.name}: ${m.text}`).trim();
  return m.classes && m.classes.length > 0 ? `<c.${m.classes.join('.')}>${line}</c>` : line;
}

describe('renderMessageLine', () => {
  it('writes Name: text, escaped, with the label and classes when asked', () => {
    expect(renderMessageLine(msg('Ann', 'a < b'), { showLabels: false })).toBe('Ann: a &lt; b');
    expect(renderMessageLine(msg('Ann', 'hi', { source: 'YT' }), { showLabels: true })).toBe('[YT] Ann: hi');
    expect(renderMessageLine(msg('Ann', 'hi', { source: 'YT' }), { showLabels: false })).toBe('Ann: hi');
    expect(renderMessageLine(msg('Ann', 'hi', { classes: ['mod', 'sub'] }), { showLabels: false })).toBe('<c.mod.sub>Ann: hi</c>');
  });

  it('trims the line as a whole: a blank name or text, tabs and line breaks at the ends', () => {
    expect(renderMessageLine(msg(' \t', 'x'), { showLabels: false })).toBe(': x');
    expect(renderMessageLine(msg('Ann', ' \r\n\u3000'), { showLabels: false })).toBe('Ann:');
    expect(renderMessageLine(msg('', ''), { showLabels: false })).toBe(':');
    expect(renderMessageLine(msg('\uD83D', '\uDE00'), { showLabels: false })).toBe('\uFFFD: \uFFFD');
    expect(renderMessageLine(msg(' Ann', 'x', { source: ' Y\n' }), { showLabels: true })).toBe('[ Y ]  Ann: x');
  });

  it('equals escaping and trimming the joined line (property)', () => {
    const piece = fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\n', '\u00A0', '\u2028', '\uFEFF', '\u3000', '&', '<', '>', '\uD83D', '\uDE00', '한', ':', '\u0085'), maxLength: 8 });
    fc.assert(
      fc.property(piece, piece, fc.option(piece, { nil: undefined }), fc.boolean(), (name, text, source, showLabels) => {
        const m = msg(name, text, source === undefined ? {} : { source });
        expect(renderMessageLine(m, { showLabels })).toBe(reference(m, showLabels));
      }),
      { numRuns: 2000 },
    );
  });
});
