import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Author, ChatMessage } from '../../../src/ingest/message.js';
import { inTimeOrder, SourceOutOfOrder } from '../../../src/ingest/read-sources.js';
import { BatchDecoder, BatchEncoder } from '../../../src/ingest/worker/batch-codec.js';
import { TimeOrderMerge } from '../../../src/ingest/worker/time-order-merge.js';

const WINDOW = 10_000;
const author = (n: number): Author => ({ id: `u${n}`, name: `user ${n}`, roles: [] });
const message = (id: string, timeMs: number, who = 0): ChatMessage => ({ id, timeMs, author: author(who), text: `text of ${id}`, kind: 'chat', deleted: false });

/** Whole seconds often, so ties and steps back of exactly the window are common; now and then a step back past it. */
const stepArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -3, max: 8 }).map((s) => s * 1000) },
  { weight: 6, arbitrary: fc.integer({ min: -3_000, max: 8_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: -25, max: -8 }).map((s) => s * 1000) },
);

/** One source's batches: times that mostly rise, sometimes step back; each batch sorted on its own, as readers give them. */
const sourceArb = (source: number) =>
  fc
    .array(fc.array(fc.tuple(stepArb, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 6 }), { maxLength: 6 })
    .map((batches) => {
      let t = 0;
      let n = 0;
      return batches.map((steps) =>
        steps
          .map(([step, who]) => message(`s${source}m${n++}`, (t = Math.max(0, t + step)), who))
          .sort((a, b) => a.timeMs - b.timeMs),
      );
    });

/** What streamChatSources gives: each source through inTimeOrder, then the stable merge by time in source order. */
async function reference(sources: ChatMessage[][][]): Promise<string[] | 'out of order'> {
  const all: ChatMessage[] = [];
  for (const batches of sources) {
    async function* feed() {
      yield* batches;
    }
    try {
      for await (const batch of inTimeOrder('x.json', feed(), WINDOW)) all.push(...batch);
    } catch (err) {
      if (err instanceof SourceOutOfOrder) return 'out of order';
      throw err;
    }
  }
  return all.sort((a, b) => a.timeMs - b.timeMs).map((m) => m.id);
}

/**
 * The merge as the main thread drives it: batches arrive interleaved across sources in the given
 * order (each source's in its own order), each encoded and decoded as between the threads, with
 * `pulls[i]` messages asked for after the i-th arrival, then everything once all sources ended.
 */
function merged(sources: ChatMessage[][][], arrival: number[], pulls: number[]): string[] | 'out of order' {
  const merge = new TimeOrderMerge(sources.length, WINDOW);
  const encoder = new BatchEncoder();
  const decoder = new BatchDecoder();
  const nextBatch = sources.map(() => 0);
  const out: string[] = [];
  const pull = (n: number) => {
    for (let k = 0; k < n; k++) {
      const m = merge.next();
      if (m === undefined) return;
      out.push(m.id);
    }
  };
  arrival.forEach((source, i) => {
    if (nextBatch[source]! < sources[source]!.length) {
      const batch = encoder.encode(sources[source]![nextBatch[source]!++]!);
      if (!merge.add(source, batch, decoder.register(batch))) throw new SourceOutOfOrder('x.json', 0, 0);
    }
    if (nextBatch[source] === sources[source]!.length) merge.end(source);
    pull(pulls[i % pulls.length]!);
  });
  sources.forEach((batches, source) => {
    for (; nextBatch[source]! < batches.length; nextBatch[source]!++) {
      const batch = encoder.encode(batches[nextBatch[source]!]!);
      if (!merge.add(source, batch, decoder.register(batch))) throw new SourceOutOfOrder('x.json', 0, 0);
    }
    merge.end(source);
  });
  pull(Infinity);
  expect(merge.done).toBe(true);
  return out;
}

describe('TimeOrderMerge', () => {
  test('gives the order and the out-of-order verdict of inTimeOrder + merge by time, however the batches interleave and whenever it is asked', async () => {
    let inOrder = 0;
    let outOfOrder = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, s) => sourceArb(s)))),
        fc.array(fc.nat(2), { maxLength: 30 }),
        fc.array(fc.nat(8), { minLength: 1, maxLength: 5 }),
        async (sources, arrivalRaw, pulls) => {
          const arrival = arrivalRaw.map((s) => s % sources.length);
          const expected = await reference(sources);
          let actual: string[] | 'out of order';
          try {
            actual = merged(sources, arrival, pulls);
          } catch (err) {
            if (!(err instanceof SourceOutOfOrder)) throw err;
            actual = 'out of order';
          }
          expect(actual).toEqual(expected);
          if (expected === 'out of order') outOfOrder++;
          else inOrder++;
        },
      ),
      { numRuns: 500 },
    );
    // Both verdicts are exercised, not only the in-order one.
    expect(Math.min(inOrder, outOfOrder)).toBeGreaterThan(25);
  });

  test('holds a message until its source is a window past it, and until every open source has one to compare', () => {
    const merge = new TimeOrderMerge(2, WINDOW);
    const encoder = new BatchEncoder();
    const decoder = new BatchDecoder();
    const add = (source: number, messages: ChatMessage[]) => {
      const batch = encoder.encode(messages);
      return merge.add(source, batch, decoder.register(batch));
    };
    expect(add(0, [message('a', 0), message('b', 11_000)])).toBe(true);
    // a is released for source 0, but source 1 has said nothing yet: it might start earlier.
    expect(merge.next()).toBeUndefined();
    expect(add(1, [message('c', 0), message('d', 10_500)])).toBe(true);
    expect(merge.next()?.id).toBe('a'); // equal times: the earlier source first
    // Source 0 has nothing more released (b is within the window of its latest, 11 s): a message
    // it has not read yet might still come before c.
    expect(merge.next()).toBeUndefined();
    // A step back within the window is placed; one before a released message is refused.
    expect(add(0, [message('e', 9_000), message('f', 30_000)])).toBe(true);
    expect(merge.next()?.id).toBe('c');
    expect(merge.next()).toBeUndefined(); // d is within the window of source 1's latest
    expect(add(1, [message('g', -1)])).toBe(false);
    // Equal to the latest released time is not a step back: a stable sort puts it after c too.
    expect(add(1, [message('h', 0)])).toBe(true);
    expect(merge.next()?.id).toBe('h');
    merge.end(1);
    expect([merge.next()?.id, merge.next()?.id, merge.next()?.id]).toEqual(['e', 'd', 'b']);
    expect(merge.next()).toBeUndefined();
    merge.end(0);
    expect(merge.next()?.id).toBe('f');
    expect(merge.done).toBe(true);
  });

  // A time no earlier than Infinity was never released at the end, and the main thread waited for
  // it until the worker watchdog gave up (120 s, exit 3). Readers reject such times; this is the
  // second line of defence.
  test('hands on every message once its source ended, even one at Infinity or NaN', () => {
    const merge = new TimeOrderMerge(1, WINDOW);
    const encoder = new BatchEncoder();
    const decoder = new BatchDecoder();
    const batch = encoder.encode([message('a', 5), message('b', Infinity), message('c', NaN)]);
    merge.add(0, batch, decoder.register(batch));
    merge.end(0);
    const ids: string[] = [];
    for (let m = merge.next(); m !== undefined; m = merge.next()) ids.push(m.id);
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(merge.done).toBe(true);
  });

  test('decodes each message with the authors of its own batch, even after the encoder started over', () => {
    const merge = new TimeOrderMerge(1, WINDOW);
    const encoder = new BatchEncoder();
    const decoder = new BatchDecoder();
    const first = encoder.encode([message('a', 0, 1)]);
    const firstAuthors = decoder.register(first);
    const second = { ...encoder.encode([message('b', 1, 2)]), resetAuthors: true, newAuthors: [author(2)] };
    // Numbered 0 in a fresh table: had `a` been decoded with this table, it would name user 2.
    second.meta[0] = 0;
    merge.add(0, first, firstAuthors);
    merge.add(0, second, decoder.register(second));
    merge.end(0);
    expect([merge.next()?.author.name, merge.next()?.author.name]).toEqual(['user 1', 'user 2']);
  });
});
