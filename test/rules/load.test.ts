import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatReplayError } from '../../src/errors.js';
import { loadRuleSet, parseRuleSet } from '../../src/rules/load.js';
import { RULES } from '../../src/rules/registry.js';
import { memoryContext } from './helpers.js';

async function loadError(doc: unknown): Promise<ChatReplayError> {
  try {
    await parseRuleSet(doc, memoryContext());
  } catch (err) {
    if (err instanceof ChatReplayError) return err;
    throw err;
  }
  throw new Error('expected the rules to be rejected');
}

describe('loading rules files', () => {
  it('rejects an unknown rule, naming its index and the known rules', async () => {
    const err = await loadError({ rules: [{ rule: 'drop-deleted' }, { rule: 'drop-bot' }] });
    expect(err.kind).toBe('input');
    expect(err.position?.path).toBe('rules[1].rule');
    expect(err.message).toMatch(/unknown rule "drop-bot".*drop-bots/);
  });

  it('rejects a bad option, naming rules[i].option', async () => {
    const err = await loadError({ rules: [{ rule: 'drop-deleted' }, { rule: 'max-length', chars: 'long' }] });
    expect(err.position?.path).toBe('rules[1].chars');
    expect(err.message).toMatch(/^max-length: /);
  });

  it('rejects a missing required option and an unknown option', async () => {
    expect((await loadError({ rules: [{ rule: 'rate-limit' }] })).position?.path).toBe('rules[0].perSecond');
    expect((await loadError({ rules: [{ rule: 'links', acton: 'drop' }] })).format()).toMatch(/rules\[0\]\.acton/);
  });

  it('rejects a bad regex, naming the rule index and the word', async () => {
    const err = await loadError({ rules: [{ rule: 'kinds', keep: ['chat'] }, { rule: 'banned-words', regex: true, words: ['(a|'] }] });
    expect(err.position?.path).toBe('rules[1].words[0]');
    expect(err.message).toMatch(/invalid regular expression/);
  });

  it('rejects a bad enum value, naming the option', async () => {
    const err = await loadError({ rules: [{ rule: 'links', action: 'nuke' }] });
    expect(err.position?.path).toBe('rules[0].action');
  });

  it('resolves wordsFile relative to the rules file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rules-'));
    await mkdir(join(dir, 'lists'));
    await writeFile(join(dir, 'lists', 'words.txt'), 'alpha\nbeta\n');
    await writeFile(join(dir, 'r.json'), JSON.stringify({ rules: [{ rule: 'banned-words', wordsFile: 'lists/words.txt' }] }));
    const set = await loadRuleSet(join(dir, 'r.json'));
    expect(set.rules[0]!.options).toMatchObject({ words: ['alpha', 'beta'] });
  });

  it('reports a JSON syntax error as an input error at its line and column, after any BOM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rules-'));
    const file = join(dir, 'r.json');
    for (const bom of ['', '\uFEFF']) {
      await writeFile(file, `${bom}{\n  "rules": [\n    {"rule": "drop-deleted"}}\n]}\n`);
      const err = await loadRuleSet(file).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(ChatReplayError);
      expect((err as ChatReplayError).kind).toBe('input');
      expect((err as ChatReplayError).format()).toBe(`${file}:3:29: not valid JSON: expected ',' or ']' after array element`);
    }
  });

  it('reports a missing wordsFile as an I/O error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rules-'));
    await writeFile(join(dir, 'r.json'), JSON.stringify({ rules: [{ rule: 'banned-words', wordsFile: 'nope.txt' }] }));
    await expect(loadRuleSet(join(dir, 'r.json'))).rejects.toMatchObject({ kind: 'io' });
  });
});

describe('presets', () => {
  const expected: Record<string, string[]> = {
    default: ['drop-deleted', 'drop-bots', 'collapse-whitespace', 'min-length', 'dedupe', 'max-length', 'highlight'],
    strict: [
      'drop-deleted', 'drop-bots', 'kinds', 'links', 'collapse-whitespace', 'banned-words', 'emote-only',
      'min-length', 'dedupe', 'max-length', 'rate-limit', 'highlight',
    ],
    none: [],
  };
  for (const [name, rules] of Object.entries(expected)) {
    it(`rules/${name}.json loads with the rules it documents`, async () => {
      const set = await loadRuleSet(join('rules', `${name}.json`));
      expect(set.rules.map((r) => r.definition.name)).toEqual(rules);
      for (const r of set.rules) expect(RULES).toContain(r.definition);
    });
  }

  it('strict.json reads its word list', async () => {
    const set = await loadRuleSet(join('rules', 'strict.json'));
    const banned = set.rules.find((r) => r.definition.name === 'banned-words');
    expect((banned?.options as { words: string[] }).words).toEqual(expect.arrayContaining(['fuck', '씨발', '병신']));
  });
});
