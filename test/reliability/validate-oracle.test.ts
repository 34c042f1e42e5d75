/**
 * The fuzz run and the kill test trust `validate` to notice a broken rendition, so its blind spots
 * are this suite's blind spots. Each case packages the sample, damages the master the way a buggy
 * writer would, and expects at least one error finding.
 *
 * Found by this test, fixed in 2ce2406 (validate rule master-attribute-syntax): a quoted-string
 * holding `"` (what --name 'chat "kor"' wrote before 1f4873a) and an unterminated quoted-string,
 * both syntax errors (RFC 8216bis §4.2) that players parse differently, used to validate clean.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRendition } from '../../src/validate/index.js';
import { runCli, SAMPLE_CHAT } from '../support/cli.js';
import { removeAll } from './matrix.js';
import { copyVodTs, scratch } from './support.js';

let master: string;
let packaged: string;
const made: string[] = [];
beforeAll(async () => {
  const dir = scratch('oracle');
  made.push(dir);
  master = copyVodTs(dir);
  const run = await runCli(['package', '--chat', SAMPLE_CHAT, '--master', master]);
  expect(run.code, run.stderr).toBe(0);
  packaged = readFileSync(master, 'utf8');
});
afterAll(() => removeAll(...made));

async function errorsAfter(damage: (text: string) => string) {
  const damaged = damage(packaged);
  expect(damaged, 'the damage applied').not.toBe(packaged);
  writeFileSync(master, damaged);
  try {
    return (await validateRendition(master)).filter((f) => f.severity === 'error');
  } finally {
    writeFileSync(master, packaged);
  }
}

describe('validate notices a master whose syntax a writer broke', () => {
  it('the undamaged master has no errors (control)', async () => {
    expect((await validateRendition(master)).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it.each([
    ['a double quote inside NAME', (t: string) => t.replace('NAME="chat_kor"', 'NAME="chat "kor""')],
    ['an unterminated quoted-string', (t: string) => t.replace('NAME="chat_kor"', 'NAME="chat_kor')],
    ['a line break inside NAME', (t: string) => t.replace('NAME="chat_kor"', 'NAME="chat\n_kor"')],
  ])('%s', async (_name, damage) => {
    const errors = await errorsAfter(damage);
    expect(errors.length, 'at least one error finding').toBeGreaterThan(0);
    expect(errors.some((f) => f.file.endsWith('master.m3u8'))).toBe(true);
  });
});
