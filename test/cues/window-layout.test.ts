import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cue } from '../../src/cues/cue.js';
import { WINDOW_SETTINGS, windowLayout, type WindowLayoutOptions, type WindowLayoutStats } from '../../src/cues/window-layout.js';
import type { ChatMessage } from '../../src/ingest/message.js';

const message = (id: string, timeMs: number): ChatMessage => ({
  id,
  timeMs,
  author: { name: 'a', roles: [] },
  text: id,
  kind: 'chat',
  deleted: false,
});

// Each line is the message id, so a test can tell which messages a cue shows.
const base: WindowLayoutOptions = { lines: 3, updateRateMs: 500, holdMs: 5000, position: 'right', renderLine: (m) => m.id };
const layout = (ms: ChatMessage[], over: Partial<WindowLayoutOptions> = {}) => [...windowLayout(ms, { ...base, ...over })];
const brief = (cues: Cue[]) => cues.map((c) => [c.startMs, c.endMs, c.payload]);

describe('windowLayout', () => {
  it('shows the first message at once and gathers later ones into the next update', () => {
    const cues = layout([message('a', 1000), message('b', 1100), message('c', 1300), message('d', 2000)]);
    expect(brief(cues)).toEqual([
      [1000, 1500, 'a'],
      [1500, 2000, 'a\nb\nc'],
      [2000, 7000, 'b\nc\nd'],
    ]);
    expect(cues.map((c) => c.id)).toEqual(['w1000', 'w1500', 'w2000']);
    expect(new Set(cues.map((c) => c.settings))).toEqual(new Set([WINDOW_SETTINGS.right]));
  });

  it('empties the box after holdMs of silence and starts afresh', () => {
    const cues = layout([message('a', 0), message('b', 600), message('c', 10_000)], { holdMs: 3000 });
    expect(brief(cues)).toEqual([
      [0, 600, 'a'],
      [600, 3600, 'a\nb'],
      [10_000, 13_000, 'c'],
    ]);
  });

  it('keeps old lines when the next message comes exactly as the box would empty', () => {
    const cues = layout([message('a', 0), message('b', 3000)], { holdMs: 3000 });
    expect(brief(cues)).toEqual([
      [0, 3000, 'a'],
      [3000, 6000, 'a\nb'],
    ]);
  });

  it('counts messages that scroll off before they are ever shown', () => {
    const stats: WindowLayoutStats = { cues: 0, hidden: 0 };
    const burst = ['a', 'b', 'c', 'd', 'e'].map((id, i) => message(id, 100 + i));
    const cues = layout([message('x', 0), ...burst], { stats });
    expect(brief(cues)).toEqual([
      [0, 500, 'x'],
      [500, 5500, 'c\nd\ne'],
    ]);
    expect(stats).toEqual({ cues: 2, hidden: 2 });
  });

  it('shows pre-roll messages from 0 and treats out-of-order times as arriving with the previous one', () => {
    const cues = layout([message('early', -2000), message('a', 800), message('late', 700)]);
    expect(brief(cues)).toEqual([
      [0, 800, 'early'],
      [800, 5800, 'early\na\nlate'],
    ]);
  });

  it('places the box with settings for each position', () => {
    for (const position of ['right', 'left', 'bottom'] as const) {
      const [cue] = layout([message('a', 0)], { position });
      expect(cue!.settings).toBe(WINDOW_SETTINGS[position]);
      expect(cue!.settings).toMatch(/^line:\S+ position:\S+ size:\d+% align:(left|center)$/);
    }
  });

  it('rejects a zero update rate, hold or line count', () => {
    expect(() => layout([message('a', 0)], { updateRateMs: 0 })).toThrow(/updateRateMs/);
    expect(() => layout([message('a', 0)], { lines: 0 })).toThrow(/lines/);
    expect(() => layout([message('a', 0)], { holdMs: 0.5 })).toThrow(/holdMs/);
  });

  it('gives no cue for no messages', () => {
    expect(layout([])).toEqual([]);
  });

  describe('properties', () => {
    interface Scenario {
      gaps: number[];
      start: number;
      lines: number;
      updateRateMs: number;
      holdMs: number;
    }
    const scenario: fc.Arbitrary<Scenario> = fc.record({
      gaps: fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 20_000 })), { maxLength: 120 }),
      start: fc.integer({ min: -3000, max: 100_000 }),
      lines: fc.integer({ min: 1, max: 8 }),
      updateRateMs: fc.integer({ min: 1, max: 2000 }),
      holdMs: fc.integer({ min: 1, max: 10_000 }),
    });

    function run(s: Scenario) {
      let t = s.start;
      const messages = s.gaps.map((gap, i) => message(`m${i}`, (t += gap)));
      const stats: WindowLayoutStats = { cues: 0, hidden: 0 };
      const cues = [...windowLayout(messages, { ...base, lines: s.lines, updateRateMs: s.updateRateMs, holdMs: s.holdMs, stats })];
      return { messages, cues, stats };
    }

    it('cues never overlap, last at least 1 ms and at most holdMs, have unique ids and at most `lines` lines', () => {
      fc.assert(
        fc.property(scenario, (s) => {
          const { cues, stats } = run(s);
          expect(stats.cues).toBe(cues.length);
          expect(new Set(cues.map((c) => c.id)).size).toBe(cues.length);
          cues.forEach((c, i) => {
            expect(c.startMs).toBeGreaterThanOrEqual(0);
            expect(c.endMs).toBeGreaterThan(c.startMs);
            expect(c.endMs - c.startMs).toBeLessThanOrEqual(s.holdMs);
            const lines = c.payload.split('\n');
            expect(lines.length).toBeLessThanOrEqual(s.lines);
            expect(lines).not.toContain('');
            const next = cues[i + 1];
            if (next) {
              expect(c.endMs).toBeLessThanOrEqual(next.startMs);
              expect(next.startMs - c.startMs).toBeGreaterThanOrEqual(s.updateRateMs);
            }
          });
        }),
        { numRuns: 500 },
      );
    });

    it('bounds the cue count by the duration over the update rate', () => {
      fc.assert(
        fc.property(scenario, (s) => {
          const { messages, cues } = run(s);
          if (messages.length === 0) return;
          const first = Math.max(0, messages[0]!.timeMs);
          const last = Math.max(0, messages.at(-1)!.timeMs);
          // The last update can wait up to one update period after the last message.
          expect(cues.length).toBeLessThanOrEqual(Math.floor((last + s.updateRateMs - first) / s.updateRateMs) + 1);
          expect(cues.length).toBeLessThanOrEqual(Math.floor((cues.at(-1)!.startMs - cues[0]!.startMs) / s.updateRateMs) + 1);
          expect(cues.length).toBeLessThanOrEqual(messages.length);
        }),
        { numRuns: 500 },
      );
    });

    it('shows every message in a cue starting within updateRateMs of its time, except those counted hidden', () => {
      fc.assert(
        fc.property(scenario, (s) => {
          const { messages, cues, stats } = run(s);
          let missing = 0;
          for (const m of messages) {
            const t = Math.max(0, m.timeMs);
            const shown = cues.some((c) => c.startMs >= t && c.startMs <= t + s.updateRateMs && c.payload.split('\n').includes(m.id));
            if (!shown) missing++;
          }
          expect(missing).toBe(stats.hidden);
        }),
        { numRuns: 500 },
      );
    });

    it('hides nothing when no update period holds more than `lines` messages', () => {
      fc.assert(
        fc.property(scenario, (s) => {
          const { messages, stats } = run(s);
          const times = messages.map((m) => Math.max(0, m.timeMs));
          let busiest = 0;
          for (let i = 0, j = 0; i < times.length; i++) {
            while (times[j]! <= times[i]! - s.updateRateMs) j++;
            busiest = Math.max(busiest, i - j + 1);
          }
          if (busiest <= s.lines) expect(stats.hidden).toBe(0);
        }),
        { numRuns: 500 },
      );
    });
  });
});
