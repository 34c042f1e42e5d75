import { describe, expect, it } from 'vitest';
import { CueIdentifiers } from '../../../src/validate/timeline/cue-identifiers.js';

describe('CueIdentifiers', () => {
  it('accepts an identifier again for the same block, and names where it first was for another', () => {
    const ids = new CueIdentifiers();
    expect(ids.claim('m1000', 'm1000\n00:00:01.000 --> 00:00:02.000\nA: hi', 's0.vtt', 4)).toBeUndefined();
    // A cue repeated in the next segment, byte for byte.
    expect(ids.claim('m1000', 'm1000\n00:00:01.000 --> 00:00:02.000\nA: hi', 's1.vtt', 4)).toBeUndefined();
    expect(ids.claim('m1000', 'm1000\n00:00:01.000 --> 00:00:02.000\nB: hi', 's1.vtt', 8)).toEqual({ file: 's0.vtt', line: 4 });
    // The first block stays the one the identifier names.
    expect(ids.claim('m1000', 'm1000\n00:00:01.000 --> 00:00:02.000\nA: hi', 's2.vtt', 4)).toBeUndefined();
    expect(ids.size).toBe(1);
  });

  it('tells blocks apart that differ in one character anywhere, and keeps every identifier as it grows', () => {
    const ids = new CueIdentifiers();
    const block = (i: number) => `id-${i}-${'x'.repeat(20)}\n00:00:00.000 --> 00:00:01.000\ntext ${i}`;
    for (let i = 0; i < 20_000; i++) expect(ids.claim(`id-${i}-${'x'.repeat(20)}`, block(i), `s${i >> 8}.vtt`, 4 + (i & 255))).toBeUndefined();
    expect(ids.size).toBe(20_000);
    for (let i = 0; i < 20_000; i += 997) {
      expect(ids.claim(`id-${i}-${'x'.repeat(20)}`, block(i), 'later.vtt', 1)).toBeUndefined();
      const changed = `${block(i).slice(0, 10)}y${block(i).slice(11)}`;
      expect(ids.claim(`id-${i}-${'x'.repeat(20)}`, changed, 'later.vtt', 1)).toEqual({ file: `s${i >> 8}.vtt`, line: 4 + (i & 255) });
    }
  });

  it('keeps long identifiers exactly, lone surrogates included', () => {
    const ids = new CueIdentifiers();
    const lone = 'a-long-identifier-\udc00-x';
    expect(ids.claim(lone, 'block one', 's0.vtt', 4)).toBeUndefined();
    expect(ids.claim('a-long-identifier-\ufffd-x', 'block two', 's0.vtt', 8)).toBeUndefined();
    expect(ids.claim(lone, 'block three', 's1.vtt', 4)).toEqual({ file: 's0.vtt', line: 4 });
  });
});
