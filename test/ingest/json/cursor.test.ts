import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CLOSE_BRACE, CLOSE_BRACKET, COLON, OPEN_BRACE, OPEN_BRACKET, QUOTE } from '../../../src/ingest/json/bytes.js';
import { JsonCursor, JsonSyntaxError, NEED_MORE } from '../../../src/ingest/json/cursor.js';
import { objectProjection, WHOLE } from '../../../src/ingest/json/projection.js';

function describeByte(c: number | undefined): string {
  if (c === undefined) return 'end of input';
  if (c >= 0x21 && c < 0x7f) return `'${String.fromCharCode(c)}'`;
  return `byte 0x${c.toString(16).padStart(2, '0')}`;
}

/** The recursive skip the cursor had before its skip became a loop: the reference for messages and offsets. */
function referenceSkip(c: JsonCursor): void {
  const first = c.peek();
  if (first === OPEN_BRACE) {
    c.i++;
    if (c.peek() === CLOSE_BRACE) {
      c.i++;
      return;
    }
    for (;;) {
      if (c.peek() !== QUOTE) throw c.error(`expected a property name but found ${describeByte(c.buf[c.i])}`);
      c.skip(); // the key: skipped, not unescaped
      c.expect(COLON, "':'");
      referenceSkip(c);
      if (c.endOfMember(CLOSE_BRACE, "'}'")) return;
    }
  } else if (first === OPEN_BRACKET) {
    c.i++;
    if (c.peek() === CLOSE_BRACKET) {
      c.i++;
      return;
    }
    for (;;) {
      referenceSkip(c);
      if (c.endOfMember(CLOSE_BRACKET, "']'")) return;
    }
  } else if (first === QUOTE) c.skip(); // a skipped string is not unescaped: that path did not change
  else c.value(WHOLE);
}

function outcome(bytes: Buffer, skip: (c: JsonCursor) => void): string {
  const cursor = new JsonCursor();
  cursor.reset(bytes, 100, 0, true);
  try {
    skip(cursor);
    return `ok at ${cursor.i}, end: ${cursor.atEnd()}`;
  } catch (err) {
    if (err === NEED_MORE) return 'need more';
    if (err instanceof JsonSyntaxError) return `${err.message} at ${err.offset}`;
    throw err;
  }
}

/** JSON text with one byte deleted, inserted or replaced (never a backslash: skipped strings are not unescaped). */
const mutatedJson = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), fc.nat(), fc.constantFrom('delete', 'insert', 'replace', 'none'), fc.constantFrom(...'{}[],:" \n01-.eatnul'))
  .map(([value, pretty, at, how, byte]) => {
    const text = JSON.stringify(value, null, pretty ? 1 : undefined);
    const k = text.length ? at % text.length : 0;
    if (how === 'delete') return text.slice(0, k) + text.slice(k + 1);
    if (how === 'insert') return text.slice(0, k) + byte + text.slice(k);
    if (how === 'replace') return text.slice(0, k) + byte + text.slice(k + 1);
    return text;
  });

describe('JsonCursor', () => {
  test('skip accepts and rejects exactly as a recursive descent, with the same messages and offsets', () => {
    fc.assert(
      fc.property(mutatedJson, (text) => {
        const bytes = Buffer.from(text);
        expect(outcome(bytes, (c) => c.skip())).toBe(outcome(bytes, referenceSkip));
      }),
      { numRuns: 3000 },
    );
  });

  test('a projected read rejects exactly what skip rejects, with the same messages and offsets', () => {
    const inner = objectProjection({ a: WHOLE, '': WHOLE });
    const projection = { kind: 'array' as const, items: objectProjection({ a: { kind: 'array', items: inner }, b: inner, c: WHOLE, '': inner }) };
    fc.assert(
      fc.property(mutatedJson, (text) => {
        const bytes = Buffer.from(text);
        const projected = outcome(bytes, (c) => c.value(projection));
        // Kept strings are unescaped, and a mutation inside an escape can make it invalid.
        if (projected.startsWith('invalid escape')) return;
        expect(projected).toBe(outcome(bytes, referenceSkip));
      }),
      { numRuns: 3000 },
    );
  });

  test('a kept container with a bad string inside is a syntax error at the container', () => {
    expect(outcome(Buffer.from('[{"a":"\\q"}]'), (c) => c.value(WHOLE))).toBe('invalid escape sequence or control character in a string at 100');
  });

  test('skip names the byte it did not expect', () => {
    const run = (text: string) => outcome(Buffer.from(text), (c) => c.skip());
    expect(run('{"a":[1,{"b":2]}')).toBe("expected ',' or '}' but found ']' at 114");
    expect(run('[[],{},[{}] 1]')).toBe("expected ',' or ']' but found '1' at 112");
    expect(run('{"a" 1}')).toBe("expected ':' but found '1' at 105");
    expect(run('{"a":1,}')).toBe("expected a property name but found '}' at 107");
    expect(run('[{"a":[1,2')).toBe('need more');
  });

  test('projected objects have one shape per projection; absent keys read as undefined; __proto__ stays a key', () => {
    const projection = objectProjection({ a: WHOLE, b: WHOLE, ['__proto__']: WHOLE });
    const cursor = new JsonCursor();
    cursor.reset(Buffer.from('[{"b":1,"x":[2],"a":"s"},{"b":2},{"__proto__":"p","b":3}]'), 0, 0, true);
    const items = cursor.value({ kind: 'array', items: projection }) as Array<Record<string, unknown>>;
    expect(items.map((o) => Object.keys(o))).toEqual([
      ['a', 'b', '__proto__'],
      ['a', 'b', '__proto__'],
      ['a', 'b', '__proto__'],
    ]);
    expect(items[0]).toEqual({ a: 's', b: 1 });
    expect(items[1]!.a).toBeUndefined();
    expect(Object.getPrototypeOf(items[2])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(items[2], '__proto__')?.value).toBe('p');
  });

  test('nested projections of the same depth do not share values', () => {
    const projection = objectProjection({ p: objectProjection({ x: WHOLE }), q: objectProjection({ x: WHOLE }) });
    const cursor = new JsonCursor();
    cursor.reset(Buffer.from('{"p":{"x":1},"q":{"y":2}}'), 0, 0, true);
    expect(cursor.value(projection)).toEqual({ p: { x: 1 }, q: { x: undefined } });
  });

  test('records whose keys change order, share prefixes or are escaped read as JSON.parse reads them', () => {
    // The cursor guesses each key from the previous record's key at that position (projection.lastKeys).
    const keys = ['a', 'ab', 'b', 'ba', 'x', 'a\\u0062', '\\u0061', 'abc'];
    const projection = objectProjection({ a: WHOLE, ab: WHOLE, b: objectProjection({ a: WHOLE }) });
    const pick = (o: Record<string, unknown>) => {
      const b = o.b as Record<string, unknown> | undefined;
      return { a: o.a, ab: o.ab, b: b === undefined ? undefined : { a: b.a } };
    };
    const record = fc.array(fc.tuple(fc.constantFrom(...keys), fc.oneof(fc.integer(), fc.constant('{"a":1,"ab":2}'))), { maxLength: 6 });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), fc.boolean(), (records, spaced) => {
        const text = `[${records.map((members) => `{${members.map(([k, v]) => `"${k}"${spaced ? ' : ' : ':'}${v}`).join(',')}}`).join(',')}]`;
        const expected = (JSON.parse(text) as Array<Record<string, unknown>>).map(pick);
        const cursor = new JsonCursor();
        cursor.reset(Buffer.from(text), 0, 0, true);
        const got = cursor.value({ kind: 'array', items: projection }) as Array<Record<string, unknown>>;
        expect(got.map(pick)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
