import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { createProgressReporter, formatProgressLine } from '../../src/cli/progress.js';

/** A terminal that records what was written to stderr, and a clock the test moves by hand. */
function fakeTerminal(isTTY = true) {
  const err: string[] = [];
  const out: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stderrIsTTY: isTTY };
  const clock = { t: 0 };
  return { io, err, out, clock, now: () => clock.t };
}

/** What a terminal shows after the writes: `\r` moves the cursor back, later characters overwrite. */
function screen(writes: string[]): string[] {
  const lines: string[][] = [[]];
  let col = 0;
  for (const ch of writes.join('')) {
    if (ch === '\r') col = 0;
    else if (ch === '\n') {
      lines.push([]);
      col = 0;
    } else lines[lines.length - 1]![col++] = ch;
  }
  return lines.map((l) => l.join('').trimEnd());
}

describe('createProgressReporter', () => {
  it('writes nothing when stderr is not a terminal (CI logs, pipes)', () => {
    const t = fakeTerminal(false);
    const p = createProgressReporter(t.io, { enabled: true, now: t.now });
    for (let i = 1; i <= 100; i++) {
      t.clock.t = i * 1000;
      p.update({ stage: 'read', done: i * 1000 });
    }
    p.finish();
    expect(t.err).toEqual([]);
    expect(t.out).toEqual([]);
  });

  it('writes nothing when disabled (--json), even on a terminal', () => {
    const t = fakeTerminal(true);
    const p = createProgressReporter(t.io, { enabled: false, now: t.now });
    t.clock.t = 5000;
    p.update({ stage: 'write', done: 10, total: 100 });
    p.finish();
    expect(t.err).toEqual([]);
  });

  it('prints nothing for a run that ends within the quiet start', () => {
    const t = fakeTerminal();
    const p = createProgressReporter(t.io, { enabled: true, now: t.now });
    t.clock.t = 50;
    p.update({ stage: 'read', done: 500 });
    p.finish();
    expect(t.err).toEqual([]);
  });

  it('redraws in place with \\r and never writes stdout', () => {
    const t = fakeTerminal();
    const p = createProgressReporter(t.io, { enabled: true, now: t.now });
    t.clock.t = 300;
    p.update({ stage: 'read', done: 1000 });
    t.clock.t = 500;
    p.update({ stage: 'read', done: 2000 });
    expect(t.err).toHaveLength(2);
    for (const w of t.err) expect(w.startsWith('\r')).toBe(true);
    expect(t.err.join('')).not.toContain('\n');
    expect(t.out).toEqual([]);
  });

  it('redraws at most 10 times a second however often it is updated', () => {
    const t = fakeTerminal();
    const p = createProgressReporter(t.io, { enabled: true, now: t.now });
    // 1 000 000 updates over 3 s of fake time, one every 3 µs.
    for (let i = 1; i <= 1_000_000; i++) {
      t.clock.t = 1000 + i * 0.003;
      p.update({ stage: 'read', done: i });
    }
    expect(t.err.length).toBeGreaterThanOrEqual(29);
    expect(t.err.length).toBeLessThanOrEqual(31);
  });

  it('shows messages read with a rate, then segments written with percentage and ETA', () => {
    const t = fakeTerminal();
    const p = createProgressReporter(t.io, { enabled: true, now: t.now });
    t.clock.t = 0;
    p.update({ stage: 'read', done: 0 });
    t.clock.t = 2000;
    p.update({ stage: 'read', done: 100_000 });
    t.clock.t = 2500;
    p.update({ stage: 'write', done: 0, total: 18_000 });
    t.clock.t = 4500;
    p.update({ stage: 'write', done: 6000, total: 18_000 });
    p.finish();
    expect(screen(t.err)).toEqual([
      'messages read 100,000  50.0k/s',
      'segments written 6,000/18,000 (33.3%)  3.0k/s  ETA 0:04',
      '',
    ]);
  });

  it('pads over a longer previous line so no stale characters remain', () => {
    const t = fakeTerminal();
    const p = createProgressReporter(t.io, { enabled: true, now: t.now });
    p.update({ stage: 'write', done: 0, total: 10 });
    t.clock.t = 1000;
    p.update({ stage: 'write', done: 1, total: 10 });
    t.clock.t = 2000;
    // Done: the ETA goes away and the line gets shorter.
    p.update({ stage: 'write', done: 10, total: 10 });
    expect(screen(t.err.slice(0, 1))).toEqual(['segments written 1/10 (10.0%)  1/s  ETA 0:09']);
    expect(screen(t.err)).toEqual(['segments written 10/10 (100.0%)  5/s']);
  });

  it('finish draws the final count even when the last update was throttled', () => {
    const t = fakeTerminal();
    const p = createProgressReporter(t.io, { enabled: true, now: t.now });
    t.clock.t = 1000;
    p.update({ stage: 'read', done: 10 });
    t.clock.t = 1010;
    p.update({ stage: 'read', done: 20 });
    p.finish();
    expect(screen(t.err)[0]).toMatch(/^messages read 20 /);
    expect(t.err.at(-1)!.endsWith('\n')).toBe(true);
  });
});

describe('formatProgressLine', () => {
  it('gives hours in the ETA of long writes and compacts millions per second', () => {
    expect(formatProgressLine({ stage: 'write', done: 1, total: 7201 }, 1000)).toBe(
      'segments written 1/7,201 (0.0%)  1/s  ETA 2:00:00',
    );
    expect(formatProgressLine({ stage: 'read', done: 3_000_000 }, 2000)).toBe('messages read 3,000,000  1.5M/s');
  });

  it('omits rate and ETA before anything is done', () => {
    expect(formatProgressLine({ stage: 'write', done: 0, total: 10 }, 0)).toBe('segments written 0/10 (0.0%)');
  });
});
