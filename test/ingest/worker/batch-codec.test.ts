import { describe, expect, test } from 'vitest';
import type { Author, ChatMessage } from '../../../src/ingest/message.js';
import { BatchDecoder, BatchEncoder, transferables } from '../../../src/ingest/worker/batch-codec.js';

const viewer: Author = { id: 'u1', name: '한결', roles: ['subscriber'], color: '#1E90FF' };
const anon: Author = { name: 'anon', roles: [] };

const messages: ChatMessage[] = [
  { id: 'a', timeMs: 0, author: viewer, text: 'hello <b>&amp;</b> -->', kind: 'chat', deleted: false },
  { id: '', timeMs: 1.5, author: anon, text: '', kind: 'donation', deleted: true, amount: '$5.00', source: 'YT' },
  { id: 'c\u0000d', timeMs: -20, author: viewer, text: '\uD83D\uDD25 emoji', kind: 'system', deleted: false, classes: ['highlight', 'mod'] },
  { id: 'd', timeMs: Number.MAX_SAFE_INTEGER, author: anon, text: 'x', kind: 'subscription', deleted: false, classes: [], source: '' },
];

describe('batch codec', () => {
  test('round-trips every field, absent optional fields staying absent', () => {
    const decoded = new BatchDecoder().decode(new BatchEncoder().encode(messages));
    expect(decoded).toEqual(messages);
    expect(Object.hasOwn(decoded[0]!, 'source')).toBe(false);
    expect(Object.hasOwn(decoded[0]!, 'classes')).toBe(false);
  });

  test('an author is sent once and shared by every message that names it, across batches', () => {
    const encoder = new BatchEncoder();
    const decoder = new BatchDecoder();
    const first = encoder.encode(messages.slice(0, 2));
    const second = encoder.encode(messages.slice(2));
    expect(first.newAuthors).toHaveLength(2);
    expect(second.newAuthors).toHaveLength(0);
    const a = decoder.decode(first);
    const b = decoder.decode(second);
    expect(b[0]!.author).toBe(a[0]!.author);
    expect(b[1]!.author).toBe(a[1]!.author);
  });

  test('survives a real postMessage with its typed arrays transferred', async () => {
    const encoded = new BatchEncoder().encode(messages);
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<unknown>((resolve) => (port2.onmessage = (e) => resolve(e.data)));
    port1.postMessage(encoded, transferables(encoded));
    expect(encoded.times.length).toBe(0); // transferred, not copied
    expect(new BatchDecoder().decode((await received) as typeof encoded)).toEqual(messages);
    port1.close();
    port2.close();
  });

  test('authors sharing an id (renamed, recoloured) stay distinct, however they alternate', () => {
    const renamed: Author = { ...viewer, name: '한결_new' };
    const recoloured: Author = { ...viewer, color: '#FF0000' };
    const sequence = [viewer, renamed, viewer, recoloured, anon, renamed, viewer];
    const batch = sequence.map((author, k): ChatMessage => ({ id: `m${k}`, timeMs: k, author, text: '', kind: 'chat', deleted: false }));
    const decoded = new BatchDecoder().decode(new BatchEncoder().encode(batch));
    expect(decoded.map((m) => m.author)).toEqual(sequence);
    expect(decoded[2]!.author).toBe(decoded[0]!.author);
    expect(decoded[5]!.author).toBe(decoded[1]!.author);
  });

  // One encoder per reading thread in practice; should two take turns on one author object, the
  // number on it is the last one's, and the other sends the author again: correct, if not shared.
  test('two encoders taking turns on the same author objects still decode right', () => {
    const batch = (authors: Author[]) => authors.map((author, k): ChatMessage => ({ id: `m${k}`, timeMs: k, author, text: '', kind: 'chat', deleted: false }));
    const one = new BatchEncoder();
    const two = new BatchEncoder();
    const [d1, d2] = [new BatchDecoder(), new BatchDecoder()];
    const a = one.encode(batch([viewer, anon]));
    const b = two.encode(batch([anon]));
    const c = one.encode(batch([anon, viewer]));
    const d = two.encode(batch([viewer, anon]));
    expect([a.newAuthors, b.newAuthors]).toEqual([[viewer, anon], [anon]]);
    expect(d1.decode(a).concat(d1.decode(c)).map((m) => m.author)).toEqual([viewer, anon, anon, viewer]);
    expect(d2.decode(b).concat(d2.decode(d)).map((m) => m.author)).toEqual([anon, viewer, anon]);
  });

  test('past 100 000 authors the table starts over, and authors seen before are sent again', () => {
    const encoder = new BatchEncoder();
    const decoder = new BatchDecoder();
    const many = Array.from({ length: 100_001 }, (_, k): ChatMessage => ({ id: `m${k}`, timeMs: k, author: { id: `u${k}`, name: `n${k}`, roles: [] }, text: '', kind: 'chat', deleted: false }));
    const first = encoder.encode(many);
    expect(first.resetAuthors).toBe(false);
    decoder.decode(first);
    const again = encoder.encode([many[5]!, many[100_000]!, many[5]!]);
    expect(again.resetAuthors).toBe(true);
    expect(again.newAuthors).toEqual([many[5]!.author, many[100_000]!.author]);
    expect(decoder.decode(again).map((m) => m.author)).toEqual([many[5]!.author, many[100_000]!.author, many[5]!.author]);
  });

  test('the numbers kept on author objects do not show in their keys or JSON', () => {
    const author: Author = { id: 'u9', name: 'n', roles: [] };
    new BatchEncoder().encode([{ id: 'x', timeMs: 0, author, text: '', kind: 'chat', deleted: false }]);
    expect(Object.keys(author)).toEqual(['id', 'name', 'roles']);
    expect(JSON.stringify(author)).toBe('{"id":"u9","name":"n","roles":[]}');
    expect(author).toEqual({ id: 'u9', name: 'n', roles: [] });
  });

  test('a frozen author (none of the readers makes one) is numbered too', () => {
    const frozen: Author = Object.freeze({ id: 'f', name: 'frozen', roles: [] });
    const encoder = new BatchEncoder();
    const decoder = new BatchDecoder();
    const msg = (id: string, author: Author): ChatMessage => ({ id, timeMs: 0, author, text: '', kind: 'chat', deleted: false });
    const first = encoder.encode([msg('a', frozen), msg('b', viewer), msg('c', frozen)]);
    const second = encoder.encode([msg('d', frozen)]);
    expect(first.newAuthors).toEqual([frozen, viewer]);
    expect(second.newAuthors).toEqual([]);
    expect(decoder.decode(first).concat(decoder.decode(second)).map((m) => m.author)).toEqual([frozen, viewer, frozen, frozen]);
    // Numbered by one encoder, then frozen, then met by another.
    const later: Author = { id: 'l', name: 'later', roles: [] };
    new BatchEncoder().encode([msg('e', later)]);
    Object.freeze(later);
    expect(new BatchEncoder().encode([msg('f', later), msg('g', later)]).newAuthors).toEqual([later]);
  });
});
