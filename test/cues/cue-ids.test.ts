import { describe, expect, it } from 'vitest';
import { makeCueIdAllocator } from '../../src/cues/cue-ids.js';

describe('makeCueIdAllocator', () => {
  it('prefixes URI-safe ids and percent-encodes the others, lone surrogates made well-formed', () => {
    const allocate = makeCueIdAllocator();
    expect(allocate("Ab0-_.!~*'()")).toBe("mAb0-_.!~*'()");
    expect(allocate('a -->\nb')).toBe('ma%20--%3E%0Ab');
    expect(allocate('x\uD800')).toBe('mx%EF%BF%BD');
    expect(allocate('한')).toBe('m%ED%95%9C');
  });

  it('suffixes repeats, skipping ids another message already has', () => {
    const allocate = makeCueIdAllocator();
    expect(['a', 'a~2', 'a', 'a', 'x\uD800', 'x\uDC00'].map(allocate)).toEqual(['ma', 'ma~2', 'ma~3', 'ma~4', 'mx%EF%BF%BD', 'mx%EF%BF%BD~2']);
  });

  it('gives the same ids whether the set was sized up front, from an estimate or not at all', () => {
    const ids = Array.from({ length: 300_000 }, (_, i) => (i % 1000 === 0 ? 'dup' : `id-${i}`));
    const grown = makeCueIdAllocator();
    const sized = makeCueIdAllocator(ids.length);
    const estimated = makeCueIdAllocator(() => ids.length);
    const a = ids.map(grown);
    expect(ids.map(sized)).toEqual(a);
    expect(ids.map(estimated)).toEqual(a);
    expect(new Set(a).size).toBe(ids.length);
  });
});
