import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { streamJsonDocument, type DocumentEvent } from '../../src/ingest/json/document-stream.js';
import { streamJsonLines } from '../../src/ingest/json/lines-stream.js';
import { objectProjection, projectionFromSchema, WHOLE } from '../../src/ingest/json/projection.js';
import { z } from 'zod';
import { chunked, errorLine } from './helpers.js';

async function collect(text: string, chunk: number, options: Partial<Parameters<typeof streamJsonDocument>[1]> = {}) {
  const events: DocumentEvent[] = [];
  const stream = streamJsonDocument(chunked(Buffer.from(text), chunk), { file: 'doc.json', arrayKeys: ['items'], itemProjection: WHOLE, members: {}, ...options });
  for await (const event of stream) events.push(event);
  const items = events.flatMap((e) => (e.kind === 'items' ? e.items : []));
  const members = Object.fromEntries(events.flatMap((e) => (e.kind === 'member' ? [[e.key, e.value]] : [])));
  return { items, members, events };
}

describe('streamJsonDocument', () => {
  test('items of a top-level array equal JSON.parse, however the bytes are split', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue()), fc.integer({ min: 1, max: 64 }), fc.boolean(), async (values, chunk, pretty) => {
        const text = JSON.stringify(values, null, pretty ? 2 : undefined);
        const { items } = await collect(text, chunk);
        expect(items).toEqual(JSON.parse(text));
      }),
      { numRuns: 150 },
    );
  });

  test('streams the named array of an object, materializes wanted members, skips the rest', async () => {
    const text = JSON.stringify({ skipMe: { deep: ['x', { y: '\\"]}' }] }, head: { a: 1, b: [true, null] }, items: [1, 'two', { three: 3 }], tail: 'z' });
    for (const chunk of [1, 3, 7, 1000]) {
      const { items, members } = await collect(text, chunk, { members: { head: WHOLE } });
      expect(items).toEqual([1, 'two', { three: 3 }]);
      expect(members).toEqual({ head: { a: 1, b: [true, null] } });
    }
  });

  test('a projection keeps only the declared keys, and decodes escapes in kept strings', async () => {
    const schema = z.object({ id: z.string(), user: z.object({ name: z.string() }).nullable(), n: z.number() });
    const projection = projectionFromSchema(schema);
    const text = JSON.stringify([
      { id: 'a\u00e9\ud83d\udc4b', logo: 'x'.repeat(50), user: { name: '한결', bio: 'b' }, n: -1.5e3 },
      { id: 'b', user: null, n: 0, extra: [1, 2, { q: '"' }] },
    ]).replace('é', '\\u00e9');
    const { items } = await collect(text, 5, { itemProjection: projection });
    expect(items).toEqual([
      { id: 'a\u00e9\ud83d\udc4b', user: { name: '한결' }, n: -1500 },
      { id: 'b', user: null, n: 0 },
    ]);
    expect(objectProjection({ a: WHOLE }).keys.has('a')).toBe(true);
    expect(projectionFromSchema(z.strictObject({ a: z.string() }))).toBe(WHOLE);
    expect(projectionFromSchema(z.looseObject({ a: z.string() }))).toBe(WHOLE);
    expect(projectionFromSchema(z.array(z.union([z.string(), z.number()])))).toEqual({ kind: 'array', items: WHOLE });
  });

  test('truncated documents, bad syntax and trailing data are input errors with the byte offset', async () => {
    const run = (text: string) => errorLine(collect(text, 4));
    expect(await run('{"items":[{"a":1},{"a":')).toBe('input: doc.json: items[1]: unexpected end of input at byte 23 (the file looks truncated)');
    expect(await run('[1,2] x')).toBe('input: doc.json: unexpected data after the end of the JSON document at byte 6');
    expect(await run('{"items":[{"a" 1}]}')).toBe("input: doc.json: items[0]: invalid JSON at byte 15: expected ':' but found '1'");
    expect(await run('[1,]')).toBe("input: doc.json: [1]: invalid JSON at byte 3: unexpected ']'");
    expect(await run('[tru]')).toBe("input: doc.json: [0]: invalid JSON at byte 1: unexpected 'tru'");
    expect(await run('"just a string"')).toBe('input: doc.json: (root): invalid JSON at byte 0: expected a JSON object or array');
    expect(await run('   ')).toBe('input: doc.json: the file is empty');
    expect(await run('{"items":null}')).toBe('input: doc.json: items: expected an array at byte 9');
    expect(await run('{"skipped":{"a":[1,2')).toBe('input: doc.json: skipped: unexpected end of input at byte 20 (the file looks truncated)');
  });

  test('a huge skipped member streams through without being held', async () => {
    const big = 'A'.repeat(8 << 20);
    const text = `{"items":[1],"embeddedData":{"images":["${big}","${big}"]}}`;
    const { items } = await collect(text, 1 << 16);
    expect(items).toEqual([1]);
  });
});

describe('streamJsonLines', () => {
  async function lines(text: string, chunk: number) {
    const out: Array<[number, unknown]> = [];
    for await (const batch of streamJsonLines(chunked(Buffer.from(text), chunk), 'chat.jsonl')) batch.values.forEach((v, k) => out.push([batch.lines[k]!, v]));
    return out;
  }

  test('one value per line with its line number; blank lines, CRLF and a missing final newline are fine', async () => {
    for (const chunk of [1, 2, 5, 100]) {
      expect(await lines('{"a":1}\r\n\n{"b":"x\\ny"}\n[3]', chunk)).toEqual([
        [1, { a: 1 }],
        [3, { b: 'x\ny' }],
        [4, [3]],
      ]);
    }
  });

  test('a broken line names its line and column, without quoting the whole record', async () => {
    expect(await errorLine(lines('{"a":1}\n{"a":1,,}\n', 3))).toBe('input: chat.jsonl:2:8: expected a property name but found \',\'');
    expect(await errorLine(lines('{"a":1}\n{"a":[1,2', 3))).toBe('input: chat.jsonl:2:10: unexpected end of line (the record is incomplete)');
    expect(await errorLine(lines('{"a":1} x\n', 3))).toBe('input: chat.jsonl:1:9: unexpected data after the JSON value');
  });
});

describe('scalars', () => {
  test('literals and numbers of every shape parse like JSON.parse, split anywhere', async () => {
    const values = [0, -0, 7, 123456789012345, 1234567890123456789, -12, 0.5, 1e21, -2.5e-3, 1.0, true, false, null, [0], [null], { a: 0 }];
    const text = `[${values.map((v) => JSON.stringify(v)).join(' , ')},10,0.25e+2,1E2]`;
    for (const chunk of [1, 2, 3, 1000]) {
      const { items } = await collect(text, chunk);
      expect(items).toEqual(JSON.parse(text));
    }
    for (const bad of ['[01]', '[1.]', '[nul]', '[truex]', '[-]', '[1e]', '[+1]']) expect(await errorLine(collect(bad, 2))).toMatch(/invalid JSON at byte 1: unexpected/);
  });
});
