import { describe, expect, test } from 'vitest';
import { peekHead } from '../../../src/ingest/json/peek.js';
import { reusing } from '../helpers.js';

describe('peekHead', () => {
  test('gathers a head of several chunks from an input that reuses one buffer, and replays it whole', async () => {
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 253));
    const { head, stream } = await peekHead(reusing(bytes, 100), 1000);
    expect(head.equals(bytes.subarray(0, 1000))).toBe(true);
    const replayed: Buffer[] = [];
    for await (const chunk of stream) replayed.push(Buffer.from(chunk));
    expect(Buffer.concat(replayed).equals(bytes)).toBe(true);
  });
});
