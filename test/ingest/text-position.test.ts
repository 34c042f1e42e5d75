import { describe, expect, it } from 'vitest';
import { ChatReplayError, inputError } from '../../src/errors.js';
import { lineAndColumnAt, withTextPosition } from '../../src/ingest/text-position.js';
import { chunked } from './helpers.js';

const at = (text: string, offset: number, chunk = 1 << 20) => lineAndColumnAt(chunked(Buffer.from(text), chunk), offset);

describe('lineAndColumnAt', () => {
  it('counts lines at LF and columns from 1', async () => {
    expect(await at('abc', 0)).toEqual({ line: 1, column: 1 });
    expect(await at('abc\n  {x', 6)).toEqual({ line: 2, column: 3 });
    expect(await at('a\r\nb', 3)).toEqual({ line: 2, column: 1 });
  });

  it('ends a line at a lone CR as editors do, and counts CRLF once, even split across chunks', async () => {
    const text = '{\r  "a": 1\r\r\n  "b" 2\r}';
    const offset = text.indexOf('2');
    for (const chunk of [1, 2, 3, 1 << 20]) expect(await at(text, offset, chunk)).toEqual({ line: 4, column: 7 });
    expect(await at('a\r\r\n\nb', 5)).toEqual({ line: 4, column: 1 });
  });

  it('counts a column per character, not per byte, across chunk boundaries that split one', async () => {
    const text = '{"t":"한글 👩‍👩‍👧",x}';
    const offset = Buffer.byteLength('{"t":"한글 👩‍👩‍👧",');
    // 6 + 3 (한, 글, space) + 5 (👩 ZWJ 👩 ZWJ 👧: code points) + 2 characters before it.
    for (const chunk of [1, 2, 3, 5, 1 << 20]) expect(await at(text, offset, chunk)).toEqual({ line: 1, column: 17 });
  });

  it('stops at the end of the text for an offset past it', async () => {
    expect(await at('ab\ncd', 99)).toEqual({ line: 2, column: 3 });
  });
});

describe('withTextPosition', () => {
  const text = () => chunked(Buffer.from('{\n  "a": 1\n  "b": 2\n}'));

  it('adds the line and column of an error\'s text offset, keeping the rest', async () => {
    const err = inputError('invalid JSON at byte 13', 'chat.json', { path: '(root)', offset: 13 });
    const located = (await withTextPosition(err, text)) as ChatReplayError;
    expect(located.format()).toBe('chat.json:3:3: (root): invalid JSON at byte 13');
    expect(located.kind).toBe('input');
  });

  it('leaves alone what has no offset, already has a line, or is no ChatReplayError', async () => {
    for (const err of [inputError('x', 'f'), inputError('x', 'f', { line: 9, offset: 3 }), new Error('boom')]) {
      expect(await withTextPosition(err, text)).toBe(err);
    }
  });

  it('leaves the error as it was when the text cannot be read again', async () => {
    const err = inputError('invalid JSON at byte 3', 'gone.json', { offset: 3 });
    // eslint-disable-next-line require-yield
    const failing = async function* (): AsyncGenerator<Uint8Array> {
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    };
    expect(await withTextPosition(err, failing)).toBe(err);
  });
});
