import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cue } from '../../src/cues/cue.js';
import { segmentCuesOnTimeline, type SegmenterStats } from '../../src/hls/segmenter.js';
import type { VideoTimeline } from '../../src/hls/video-timeline.js';

function timeline(durationsMs: number[], discontinuityAt: number[] = []): VideoTimeline {
  let startUs = 0;
  let domain = 0;
  const segments = durationsMs.map((d, index) => {
    if (discontinuityAt.includes(index)) domain++;
    const s = {
      index,
      url: new URL(`file:///v/${index}.ts`),
      extinf: (d / 1000).toFixed(3),
      durationUs: d * 1000,
      startUs,
      discontinuity: discontinuityAt.includes(index),
      domain,
    };
    startUs += d * 1000;
    return s;
  });
  return { url: new URL('file:///v/index.m3u8'), targetDuration: 6, mediaSequence: 0, endList: true, segments, durationUs: startUs };
}

const cue = (id: string, startMs: number, endMs: number): Cue => ({ id, startMs, endMs, settings: '', payload: id });
const run = (cues: Cue[], t: VideoTimeline) => {
  const stats: SegmenterStats = { droppedPastEnd: 0, clipped: 0 };
  const out = [...segmentCuesOnTimeline(cues, t, stats)];
  return { out, stats, ids: out.map((s) => s.cues.map((c) => c.id)) };
};

describe('segmentCuesOnTimeline', () => {
  it('writes one output per video segment, empty ones included', () => {
    const { ids } = run([cue('a', 1000, 2000)], timeline([6000, 6000, 4000]));
    expect(ids).toEqual([['a'], [], []]);
  });

  it('repeats a spanning cue with its full times in every segment it touches', () => {
    const { out, ids } = run([cue('a', 5500, 13_000)], timeline([6000, 6000, 6000]));
    expect(ids).toEqual([['a'], ['a'], ['a']]);
    expect(out[2]!.cues[0]).toMatchObject({ startMs: 5500, endMs: 13_000 });
  });

  it('treats windows as half-open: a cue ending exactly at a boundary is not repeated', () => {
    const { ids } = run([cue('a', 5000, 6000), cue('b', 6000, 7000)], timeline([6000, 6000]));
    expect(ids).toEqual([['a'], ['b']]);
  });

  it('drops cues past the end of the video and clips those running over it', () => {
    const { out, stats } = run([cue('a', 9000, 15_000), cue('b', 12_000, 13_000)], timeline([6000, 4000]));
    expect(out[1]!.cues.map((c) => [c.id, c.endMs])).toEqual([['a', 10_000]]);
    expect(stats).toEqual({ droppedPastEnd: 1, clipped: 1 });
  });

  it('tells onCue every cue once, in order, the dropped and clipped ones included', () => {
    const seen: string[] = [];
    const cues = [cue('a', 1000, 2000), cue('b', 5500, 13_000), cue('c', 9999, 10_000), cue('d', 12_000, 13_000)];
    const out = [...segmentCuesOnTimeline(cues, timeline([6000, 4000]), { droppedPastEnd: 0, clipped: 0 }, (c) => seen.push(c.id))];
    expect(out).toHaveLength(2);
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    expect([...segmentCuesOnTimeline([cue('x', 0, 1)], timeline([]), { droppedPastEnd: 0, clipped: 0 }, (c) => seen.push(c.id))]).toEqual([]);
    expect(seen.at(-1)).toBe('x');
  });

  it('cuts a cue at a discontinuity instead of carrying it into the next domain', () => {
    const { ids, out, stats } = run([cue('a', 5000, 9000)], timeline([6000, 6000], [1]));
    expect(ids).toEqual([['a'], []]);
    expect(out[0]!.cues[0]!.endMs).toBe(6000);
    expect(stats.clipped).toBe(1);
  });

  it('shows a cue that starts in the last fraction of a millisecond of a domain from the next domain\'s first whole millisecond', () => {
    // The first domain ends at 6001.5 ms: no whole-millisecond cue starting at 6001 fits before it.
    const t = timeline([6000, 4000], [1]);
    t.segments[0]!.durationUs = 6_001_500;
    t.segments[1]!.startUs = 6_001_500;
    const cues = [cue('a', 5000, 9000), cue('b', 6001, 9000), cue('c', 6001, 6002), cue('d', 6001, 6001 + 1), cue('e', 7000, 8000)];
    const { out, stats } = run(cues, t);
    expect(out[0]!.cues.map((c) => [c.id, c.startMs, c.endMs, c.domain])).toEqual([['a', 5000, 6001, 0]]);
    expect(out[1]!.cues.map((c) => [c.id, c.startMs, c.endMs, c.domain])).toEqual([
      ['b', 6002, 9000, 1],
      ['c', 6002, 6003, 1],
      ['d', 6002, 6003, 1],
      ['e', 7000, 8000, 1],
    ]);
    // Only the cue cut at the discontinuity counts as clipped; nothing is dropped.
    expect(stats).toEqual({ droppedPastEnd: 0, clipped: 1 });
  });

  it('still drops a cue in the last fraction of a millisecond of the video, and leaves segment boundaries inside a domain alone', () => {
    const t = timeline([6000, 4000]);
    t.segments[0]!.durationUs = 6_000_500;
    t.segments[1]!.startUs = 6_000_500;
    t.segments[1]!.durationUs = 4_000_700;
    const { out, stats } = run([cue('a', 6000, 7000), cue('z', 10_001, 10_500)], t);
    expect(out.map((s) => s.cues.map((c) => [c.id, c.startMs, c.endMs]))).toEqual([[['a', 6000, 7000]], [['a', 6000, 7000]]]);
    // Nothing of the video is left to show it: dropped past the end, not cut.
    expect(stats).toEqual({ droppedPastEnd: 1, clipped: 0 });
  });

  it('places the cues of a domain that starts inside a millisecond by the time players show them', () => {
    // Domain 1 starts at 6000.5 ms: its cues are written from 6001 ms (the start rounded), and
    // players put them 0.5 ms earlier. Its first segment ends at 12 000.5 ms.
    const t = timeline([6000, 6000, 6000], [1]);
    t.segments[0]!.durationUs = 6_000_500;
    t.segments[1]!.startUs = 6_000_500;
    t.segments[2]!.startUs = 12_000_500;
    // Shown over [11 999.5, 12 000.5): inside the first window only. [12 000, 12 001] by its ms
    // would also have overlapped the next.
    const { out } = run([cue('a', 12_000, 12_001), cue('b', 12_001, 12_002)], t);
    expect(out.map((s) => s.cues.map((c) => c.id))).toEqual([[], ['a'], ['b']]);
  });

  it('moves a cue on past a domain too short to show it', () => {
    // Domains [0, 6001.5), [6001.5, 6002.3), [6002.3, 10 002.3): the cue of 6001 fits in neither of the first two.
    const t = timeline([6000, 1, 4000], [1, 2]);
    t.segments[0]!.durationUs = 6_001_500;
    t.segments[1]!.startUs = 6_001_500;
    t.segments[1]!.durationUs = 800;
    t.segments[2]!.startUs = 6_002_300;
    t.segments[2]!.durationUs = 4_000_000;
    const { out, stats } = run([cue('a', 6001, 9000), cue('z', 10_002, 10_100)], t);
    expect(out.map((s) => s.cues.map((c) => [c.id, c.startMs, c.domain]))).toEqual([[], [], [['a', 6002, 2]]]);
    expect(stats).toEqual({ droppedPastEnd: 1, clipped: 0 });
  });

  it('drops a cue moved into a last domain with no whole millisecond to show it', () => {
    // Domains [0, 6001.5) and [6001.5, 6002.3), the last: the cue of 6001 is moved to 6002, whose
    // millisecond the video does not hold whole.
    const t = timeline([6000, 1], [1]);
    t.segments[0]!.durationUs = 6_001_500;
    t.segments[1]!.startUs = 6_001_500;
    t.segments[1]!.durationUs = 800;
    const { out, stats } = run([cue('a', 6001, 9000)], t);
    expect(out.map((s) => s.cues)).toEqual([[], []]);
    expect(stats).toEqual({ droppedPastEnd: 1, clipped: 0 });
  });

  it('every cue lands in exactly the segments it overlaps, in order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 500, max: 8000 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 90_000 }), fc.integer({ min: 1, max: 15_000 })), { maxLength: 60 }),
        (durations, spans) => {
          const t = timeline(durations);
          const totalMs = durations.reduce((a, b) => a + b, 0);
          const cues = spans
            .map(([s, len], i) => cue(`c${i}`, s, s + len))
            .sort((a, b) => a.startMs - b.startMs);
          const { out, stats } = run(cues, t);
          expect(out).toHaveLength(durations.length);
          let placedOrDropped = 0;
          for (const c of cues) {
            const end = Math.min(c.endMs, totalMs);
            if (c.startMs >= totalMs) {
              placedOrDropped++;
              continue;
            }
            placedOrDropped++;
            for (const { segment, cues: inSeg } of out) {
              const ws = segment.startUs / 1000;
              const we = ws + segment.durationUs / 1000;
              const overlaps = c.startMs < we && end > ws;
              const found = inSeg.filter((x) => x.id === c.id);
              expect(found.length).toBe(overlaps ? 1 : 0);
              if (found[0]) expect(found[0]).toMatchObject({ startMs: c.startMs, endMs: end });
            }
          }
          expect(placedOrDropped).toBe(cues.length);
          expect(stats.droppedPastEnd).toBe(cues.filter((c) => c.startMs >= totalMs).length);
          for (const { cues: inSeg } of out) {
            for (let i = 1; i < inSeg.length; i++) expect(inSeg[i]!.startMs).toBeGreaterThanOrEqual(inSeg[i - 1]!.startMs);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with a brute-force model of where players show each cue, on timelines whose domains start inside a millisecond (property)', () => {
    // Written by a review helper: each cue's domain, shown interval and segments found by stepping
    // through milliseconds one at a time, with none of the segmenter's floor and ceil.
    fc.assert(
      fc.property(modelScenario, ({ durationsUs, discontinuities, spans }) => {
        const t = timelineUs(durationsUs, discontinuities);
        const cues = spans.map(([start, length], i) => cue(`c${i}`, start, start + length)).sort((a, b) => a.startMs - b.startMs);
        const seen: string[] = [];
        const stats: SegmenterStats = { droppedPastEnd: 0, clipped: 0 };
        const out = [...segmentCuesOnTimeline(cues, t, stats, (c) => seen.push(c.id))];
        const expected = shownByModel(cues, t);
        expect(seen).toEqual(cues.map((c) => c.id));
        out.forEach((segment, i) => {
          const got = segment.cues.map((c) => `${c.id} ${c.startMs} ${c.endMs} ${c.domain}`);
          expect(got.slice().sort()).toEqual(expected.perSegment[i]!.map((c) => `${c.id} ${c.startMs} ${c.endMs} ${c.domain}`).sort());
          for (let k = 1; k < segment.cues.length; k++) expect(segment.cues[k]!.startMs).toBeGreaterThanOrEqual(segment.cues[k - 1]!.startMs);
        });
        expect(stats).toEqual({ droppedPastEnd: expected.dropped, clipped: expected.clipped });
        // Nothing lost silently: every cue is shown or counted as dropped.
        expect(new Set(out.flatMap((s) => s.cues.map((c) => c.id))).size + stats.droppedPastEnd).toBe(cues.length);
      }),
      { numRuns: 1500 },
    );
  });
});

/** A timeline from durations in µs and a discontinuity flag per segment. */
function timelineUs(durationsUs: number[], discontinuities: boolean[]): VideoTimeline {
  let startUs = 0;
  let domain = 0;
  const segments = durationsUs.map((durationUs, index) => {
    const discontinuity = index > 0 && discontinuities[index]!;
    if (discontinuity) domain++;
    const s = { index, url: new URL(`file:///v/${index}.ts`), extinf: (durationUs / 1e6).toFixed(6), durationUs, startUs, discontinuity, domain };
    startUs += durationUs;
    return s;
  });
  return { url: new URL('file:///v/index.m3u8'), targetDuration: 6, mediaSequence: 0, endList: true, segments, durationUs: startUs };
}

/**
 * Where players show each cue: the writer writes its ms less the domain's start rounded to a ms,
 * players add the exact start. A cue goes to the first domain still open at its shown start, and
 * on to the next one's first whole ms while a domain has no whole ms left for it.
 */
function shownByModel(cues: Cue[], t: VideoTimeline) {
  const domains: { startUs: number; endUs: number; shiftUs: number }[] = [];
  for (const s of t.segments) {
    domains[s.domain] ??= { startUs: s.startUs, endUs: 0, shiftUs: s.startUs - 1000 * Math.round(s.startUs / 1000) };
    domains[s.domain]!.endUs = s.startUs + s.durationUs;
  }
  const placed: { id: string; startMs: number; endMs: number; domain: number }[] = [];
  let dropped = 0;
  let clipped = 0;
  for (const c of cues) {
    let d = domains.findIndex((D) => c.startMs * 1000 + D.shiftUs < D.endUs);
    let { startMs, endMs } = c;
    let shown = false;
    while (d >= 0 && d < domains.length) {
      const D = domains[d]!;
      if ((startMs + 1) * 1000 + D.shiftUs <= D.endUs) {
        let lastMs = startMs + 1;
        while ((lastMs + 1) * 1000 + D.shiftUs <= D.endUs) lastMs++;
        if (endMs > lastMs) {
          endMs = lastMs;
          clipped++;
        }
        shown = true;
        break;
      }
      d++;
      if (d === domains.length) break;
      const N = domains[d]!;
      let m = Math.floor(N.startUs / 1000) - 2;
      while (m * 1000 + N.shiftUs < N.startUs) m++;
      startMs = m;
      endMs = Math.max(c.endMs, m + 1);
    }
    if (shown) placed.push({ id: c.id, startMs, endMs, domain: d });
    else dropped++;
  }
  const perSegment = t.segments.map((w) =>
    placed.filter((p) => {
      const shift = domains[p.domain]!.shiftUs;
      return p.domain === w.domain && p.startMs * 1000 + shift < w.startUs + w.durationUs && p.endMs * 1000 + shift > w.startUs;
    }),
  );
  return { perSegment, dropped, clipped };
}

const modelDurationUs = fc.oneof(
  fc.integer({ min: 1, max: 8000 }).map((ms) => ms * 1000),
  fc.constantFrom(6_006_006, 5_005_005, 2_002_002, 1_001_001, 4_004_004),
  fc.integer({ min: 200_000, max: 8_000_000 }),
  fc.integer({ min: 1, max: 2500 }),
  fc.tuple(fc.integer({ min: 0, max: 7000 }), fc.constantFrom(0, 1, 499, 500, 501, 999)).map(([ms, us]) => Math.max(1, ms * 1000 + us)),
);

/** Segments, and cues clustered on their edges (±3 ms) and spread over the video. */
const modelScenario = fc.array(fc.tuple(modelDurationUs, fc.boolean()), { minLength: 1, maxLength: 14 }).chain((segments) => {
  const durationsUs = segments.map((s) => s[0]);
  const edgesMs: number[] = [];
  let t = 0;
  for (const d of durationsUs) {
    edgesMs.push(Math.floor(t / 1000), Math.ceil(t / 1000));
    t += d;
  }
  edgesMs.push(Math.floor(t / 1000), Math.ceil(t / 1000));
  const start = fc.oneof(fc.integer({ min: 0, max: Math.ceil(t / 1000) + 5 }), fc.tuple(fc.constantFrom(...edgesMs), fc.integer({ min: -3, max: 3 })).map(([e, o]) => Math.max(0, e + o)));
  const spans = fc.array(fc.tuple(start, fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 15_000 }))), { maxLength: 80 });
  return spans.map((s) => ({ durationsUs, discontinuities: segments.map((x) => x[1]), spans: s }));
});
