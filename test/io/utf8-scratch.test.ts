import { describe, expect, it } from 'vitest';
import { Utf8Scratch } from '../../src/io/utf8-scratch.js';

describe('Utf8Scratch', () => {
  it('gives the bytes Buffer.from gives, for any text', () => {
    const scratch = new Utf8Scratch(16);
    for (const text of ['', 'WEBVTT\n', '연민: 이거 실화냐', '👩‍👩‍👧 &lt;b&gt;', 'lone \uD83D surrogate', 'x'.repeat(5), '한'.repeat(6)]) {
      expect(Buffer.compare(scratch.encode(text), Buffer.from(text, 'utf8'))).toBe(0);
    }
  });

  it('grows for text that does not fit, including text whose UTF-8 is three times its length', () => {
    const scratch = new Utf8Scratch(8);
    const long = '한'.repeat(1000);
    expect(Buffer.compare(scratch.encode(long), Buffer.from(long))).toBe(0);
    const longer = 'a'.repeat(100_000);
    expect(scratch.encode(longer).toString('utf8')).toBe(longer);
  });

  it('reuses one buffer: the previous bytes are overwritten by the next encode', () => {
    const scratch = new Utf8Scratch();
    const first = scratch.encode('first');
    scratch.encode('other');
    expect(first.toString()).toBe('other');
  });
});
