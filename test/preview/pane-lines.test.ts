import { describe, expect, test } from 'vitest';
import { linesDueAt, type ChatCueLike } from '../../src/preview/page/pane-lines.js';

const cue = (id: string, startTime: number, text: string, endTime = startTime + 5): ChatCueLike => ({ id, startTime, endTime, text });
const texts = (cues: ChatCueLike[], t: number) => linesDueAt(cues, t).map((l) => l.text);

describe('linesDueAt', () => {
  const messages = [cue('c3', 3, 'C: three'), cue('c1', 1, 'A: one'), cue('c2', 2, 'B: two')];

  test('message layout: every cue started by then, in time order, never a future one', () => {
    expect(texts(messages, 0.5)).toEqual([]);
    expect(texts(messages, 2)).toEqual(['A: one', 'B: two']);
    expect(texts(messages, 99)).toEqual(['A: one', 'B: two', 'C: three']);
  });

  test('cues sharing a start keep the order they arrived in', () => {
    expect(texts([cue('a', 1, 'A: x'), cue('b', 1, 'B: y'), cue('c', 0, 'C: z')], 1)).toEqual(['C: z', 'A: x', 'B: y']);
  });

  test('a burst listed the way a TextTrack lists it (later end first) comes out in the order it was sent', () => {
    // The packager cut the first two short (max-visible), so the burst's ends rise in send order.
    const asTheTrackListsThem = [cue('m3', 12, 'C: third', 17), cue('m2', 12, 'B: second', 13.5), cue('m1', 12, 'A: first', 12.001)];
    expect(texts(asTheTrackListsThem, 12)).toEqual(['A: first', 'B: second', 'C: third']);
  });

  test('two identical one-line messages in a row are both shown', () => {
    expect(texts([cue('a', 1, 'A: ㅋㅋ'), cue('b', 2, 'A: ㅋㅋ')], 5)).toEqual(['A: ㅋㅋ', 'A: ㅋㅋ']);
  });

  test('window layout: each rolling window adds only its new lines', () => {
    const windows = [
      cue('w1', 1, 'A: one'),
      cue('w2', 2, 'A: one\nB: two'),
      cue('w3', 3, 'A: one\nB: two\nC: three'),
      cue('w4', 4, 'B: two\nC: three\nD: four'), // full box: the oldest line scrolled out
      cue('w5', 9, 'C: three\nD: four'), // B expired, nothing new
      cue('w6', 20, 'E: five'), // after a quiet spell, a fresh box
    ];
    expect(texts(windows, 4)).toEqual(['A: one', 'B: two', 'C: three', 'D: four']);
    expect(texts(windows, 30)).toEqual(['A: one', 'B: two', 'C: three', 'D: four', 'E: five']);
  });

  test('keys stay the same between syncs and differ between lines', () => {
    const first = linesDueAt(messages, 2).map((l) => l.key);
    const later = linesDueAt(messages, 3).map((l) => l.key);
    expect(later.slice(0, 2)).toEqual(first);
    expect(new Set(later).size).toBe(3);
  });

  test('its source text runs on its own, as the page receives it', () => {
    const shipped = new Function(`return (${linesDueAt.toString()});`)() as typeof linesDueAt;
    expect(shipped(messages, 99)).toEqual(linesDueAt(messages, 99));
  });
});
