import { describe, expect, it } from 'vitest';
import { makeCueIdAllocator } from '../../src/cues/cue-ids.js';

describe('makeCueIdAllocator', () => {
  it('names a cue by its start in ms, numbering from 2 the later cues of the same millisecond', () => {
    const allocate = makeCueIdAllocator();
    expect([0, 0, 999, 1000, 1000, 1000, 36_000_000].map(allocate)).toEqual(['m0', 'm0.2', 'm999', 'm1000', 'm1000.2', 'm1000.3', 'm36000000']);
  });

  it('gives distinct ids to any non-decreasing starts', () => {
    const allocate = makeCueIdAllocator();
    const starts = Array.from({ length: 100_000 }, (_, i) => Math.floor(i / 7) * 3 + (i % 3 === 0 ? 0 : 1));
    starts.sort((a, b) => a - b);
    expect(new Set(starts.map(allocate)).size).toBe(starts.length);
  });

  it('refuses a start earlier than the one before it, which could reuse an id', () => {
    const allocate = makeCueIdAllocator();
    allocate(10);
    allocate(20);
    expect(() => allocate(10)).toThrow(RangeError);
  });
});
