import { describe, expect, it } from 'vitest';
import { SLOW_WRITE_MS, SLOW_WRITES_TO_SWITCH, WritePace } from '../../src/io/write-pace.js';

const FAST = SLOW_WRITE_MS / 20;
const SLOW = SLOW_WRITE_MS * 3;

describe('WritePace', () => {
  it('keeps writing in line while the file system answers fast', () => {
    const pace = new WritePace();
    for (let i = 0; i < 10_000; i++) pace.record(FAST);
    expect(pace.inLine).toBe(true);
  });

  it('stays in line through a slow write now and then (a preempted thread)', () => {
    const pace = new WritePace();
    // One slow write in every three: never SLOW_WRITES_TO_SWITCH of the last 16.
    for (let i = 0; i < 3_000; i++) pace.record(i % 3 === 0 ? SLOW : FAST);
    expect(pace.inLine).toBe(true);
  });

  it('moves to the pool once most recent writes are slow (a network file system), and stays there', () => {
    const pace = new WritePace();
    for (let i = 0; i < 100; i++) pace.record(FAST);
    for (let i = 1; i < SLOW_WRITES_TO_SWITCH; i++) pace.record(SLOW);
    expect(pace.inLine).toBe(true);
    pace.record(SLOW);
    expect(pace.inLine).toBe(false);
    for (let i = 0; i < 100; i++) pace.record(FAST);
    expect(pace.inLine).toBe(false);
  });

  it('slow writes spread over the window count as much as a run of them', () => {
    const pace = new WritePace();
    for (let i = 0; i < 2 * SLOW_WRITES_TO_SWITCH; i++) pace.record(i % 2 === 0 ? SLOW : FAST);
    expect(pace.inLine).toBe(false);
  });

  it('can start in the pool', () => {
    expect(new WritePace('pool').inLine).toBe(false);
  });
});
