import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { StringTable } from '../src/string-table.js';

describe('StringTable', () => {
  test('answers every get as a Map given the same sets would', () => {
    // Short keys from a small alphabet repeat and collide often; the empty string and lone surrogates are keys too.
    const key = fc.oneof(fc.string({ unit: fc.constantFrom('a', 'b', '1', '\uD83D', '한'), maxLength: 4 }), fc.constant(''));
    const operation = fc.tuple(fc.boolean(), key, fc.integer());
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), (operations) => {
        const table = new StringTable<number>();
        const reference = new Map<string, number>();
        for (const [isSet, k, value] of operations) {
          if (isSet) {
            table.set(k, value);
            reference.set(k, value);
          } else expect(table.get(k)).toBe(reference.get(k));
        }
        expect(table.size).toBe(reference.size);
        for (const [k, value] of reference) expect(table.get(k)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  test('keeps every entry as it grows past its first capacity, and finds keys built apart as the same key', () => {
    const table = new StringTable<number>();
    for (let i = 0; i < 50_000; i++) table.set(`user-${i}`, i);
    expect(table.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(table.get(['user', String(i)].join('-'))).toBe(i);
    expect(table.get('user-50000')).toBeUndefined();
  });
});
