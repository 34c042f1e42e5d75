import { describe, expect, test } from 'vitest';
import type { ChatMessage } from '../../src/ingest/message.js';
import { SourceSchedule } from '../../src/ingest/source-schedule.js';
import { BatchDecoder, BatchEncoder } from '../../src/ingest/worker/batch-codec.js';
import { TimeOrderMerge } from '../../src/ingest/worker/time-order-merge.js';

const WINDOW = 300_000;
const author = { id: 'u', name: 'u', roles: [] };

/** A source's messages at the given times, cut into batches of `size` (a reader's read chunks). */
function batches(name: string, times: number[], size: number): ChatMessage[][] {
  const out: ChatMessage[][] = [];
  for (let i = 0; i < times.length; i += size) {
    out.push(times.slice(i, i + size).map((t, k) => ({ id: `${name}${i + k}`, timeMs: t, author, text: '', kind: 'chat', deleted: false })));
  }
  return out;
}

/**
 * The worker and the main thread together: sources read in the schedule's order, each batch
 * merged, every message the merge can hand on taken at once. Returns the most messages the merge
 * held at any time, and the order handed on.
 */
function run(sources: ChatMessage[][][]): { peakHeld: number; ids: string[] } {
  const schedule = new SourceSchedule(sources.length, WINDOW);
  const merge = new TimeOrderMerge(sources.length, WINDOW);
  const encoder = new BatchEncoder();
  const decoder = new BatchDecoder();
  const next = sources.map(() => 0);
  const ids: string[] = [];
  let held = 0;
  let peakHeld = 0;
  for (let s = schedule.next(); s >= 0; s = schedule.next()) {
    const batch = sources[s]![next[s]!++];
    if (batch === undefined) {
      schedule.end(s);
      merge.end(s);
    } else {
      schedule.read(s, batch.map((m) => m.timeMs));
      const encoded = encoder.encode(batch);
      expect(merge.add(s, encoded, decoder.register(encoded))).toBe(true);
      held += batch.length;
      peakHeld = Math.max(peakHeld, held);
    }
    for (let m = merge.next(); m !== undefined; m = merge.next()) {
      ids.push(m.id);
      held--;
    }
  }
  expect(merge.done).toBe(true);
  return { peakHeld, ids };
}

const sortedIds = (sources: ChatMessage[][][]) =>
  sources
    .flat(2)
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.timeMs - b.m.timeMs || a.i - b.i)
    .map(({ m }) => m.id);

describe('SourceSchedule', () => {
  test('a source that starts late is read when the merge needs it, not after the other has run ahead', () => {
    // A: one message every 30 ms for an hour (120 000); C: as busy, from minute 40 on.
    const a = batches('a', Array.from({ length: 120_000 }, (_, i) => i * 30), 2_000);
    const c = batches('c', Array.from({ length: 40_000 }, (_, i) => 2_400_000 + i * 30), 2_000);
    const { peakHeld, ids } = run([a, c]);
    expect(ids).toEqual(sortedIds([a, c]));
    // A window (5 minutes: 10 000 messages) of each and a batch or two: nothing like the 40 minutes of A before C starts.
    expect(peakHeld).toBeLessThan(30_000);
  });

  test('a source with a long gap inside one batch does not make the merge hold the other across the gap', () => {
    // B: ten minutes of chat and one message at minute 120, all in one batch; A: two hours, busy.
    const b = batches('b', [...Array.from({ length: 600 }, (_, i) => i * 1_000), 7_200_000], 1_000);
    const a = batches('a', Array.from({ length: 78_000 }, (_, i) => i * 100), 2_000);
    const { peakHeld, ids } = run([a, b]);
    expect(ids).toEqual(sortedIds([a, b]));
    expect(peakHeld).toBeLessThan(10_000);
  });

  test('picks the source with nothing released first, then the lowest released, ties by latest', () => {
    const schedule = new SourceSchedule(2, 10);
    expect(schedule.next()).toBe(0);
    schedule.read(0, [0, 5, 30]); // releases 0 and 5 (before 20)
    expect(schedule.next()).toBe(1); // nothing released yet
    schedule.read(1, [0, 1]);
    expect(schedule.next()).toBe(1); // still nothing released; 0 has
    schedule.read(1, [50]); // releases 0 and 1: released 1 < 5
    expect(schedule.next()).toBe(1);
    schedule.read(1, [3, 60]); // a step back within the window; released now 3 (< 50)
    expect(schedule.next()).toBe(1);
    schedule.read(1, [70]); // releases 50 (< 60)
    expect(schedule.next()).toBe(0);
    schedule.end(0);
    expect(schedule.next()).toBe(1);
    schedule.end(1);
    expect(schedule.next()).toBe(-1);
  });
});
