import { describe, expect, it } from 'vitest';
import { findRule } from '../../src/rules/registry.js';
import { memoryContext, msg, runRule, texts } from './helpers.js';

describe('banned-words', () => {
  it('masks each character of a whole word, case-insensitively', async () => {
    const { out, report } = await runRule('banned-words', { words: ['darn'] }, [
      msg('well DARN it'),
      msg('darnation is fine'),
      msg('a-darn-b'),
    ]);
    expect(texts(out)).toEqual(['well **** it', 'darnation is fine', 'a-****-b']);
    expect(report).toEqual({ rule: 'banned-words', dropped: 0, edited: 2 });
  });

  it('masks graphemes, not code units: an emoji word gets one star per emoji', async () => {
    const { out } = await runRule('banned-words', { words: ['🍆🍆'] }, [msg('look 🍆🍆 here')]);
    expect(out[0]!.text).toBe('look ** here');
  });

  it('treats Korean particles, plurals and ㅋㅋ after a word as the same word, masking only the word', async () => {
    const { out } = await runRule('banned-words', { words: ['바보'] }, [
      msg('바보'),
      msg('이 바보야'),
      msg('바보들은 몰라'),
      msg('바보ㅋㅋㅋ'),
      msg('바보온달 이야기'),
      msg('왕바보'),
    ]);
    expect(texts(out)).toEqual(['**', '이 **야', '**들은 몰라', '**ㅋㅋㅋ', '바보온달 이야기', '왕바보']);
  });

  it('does not match a one-syllable word inside a longer Korean word', async () => {
    const { out } = await runRule('banned-words', { words: ['개'] }, [msg('개발 중'), msg('개 짖는다')]);
    expect(texts(out)).toEqual(['개발 중', '* 짖는다']);
  });

  it('matches decomposed (NFD) Hangul as the same word', async () => {
    const { out } = await runRule('banned-words', { words: ['바보'] }, [msg('바보야'.normalize('NFD'))]);
    expect(out[0]!.text).toBe('**야');
  });

  it('prefers the longest of overlapping words', async () => {
    const { out } = await runRule('banned-words', { words: ['bull', 'bull shit'] }, [msg('total bull shit')]);
    expect(out[0]!.text).toBe('total *********');
  });

  it('drops the whole message with action "drop"', async () => {
    const { out, report } = await runRule('banned-words', { words: ['spam'], action: 'drop' }, [
      msg('buy SPAM now'),
      msg('spammer'),
      msg('clean'),
    ]);
    expect(texts(out)).toEqual(['spammer', 'clean']);
    expect(report).toMatchObject({ dropped: 1, edited: 0 });
  });

  it('matches anywhere with wholeWord: false', async () => {
    const { out } = await runRule('banned-words', { words: ['darn'], wholeWord: false }, [msg('darnation')]);
    expect(out[0]!.text).toBe('****ation');
  });

  it('takes regexes with regex: true, still as whole words', async () => {
    const { out } = await runRule('banned-words', { words: ['f+u+d+', 'b[a4]d'], regex: true }, [
      msg('FFUUUD and b4d'),
      msg('fudge is bad'),
    ]);
    expect(texts(out)).toEqual(['****** and ***', 'fudge is ***']);
  });

  it('treats regex metacharacters in plain words literally', async () => {
    const { out } = await runRule('banned-words', { words: ['a.b', 'c++'] }, [msg('axb a.b c++ cpp')]);
    expect(out[0]!.text).toBe('axb *** *** cpp');
  });

  it('reads wordsFile relative to the rules file, skipping blanks and # comments', async () => {
    const { out } = await runRule('banned-words', { words: ['one'], wordsFile: 'words.txt' }, [msg('one two three four')], {
      '/rules/words.txt': '\uFEFF# comment\ntwo\r\n\n  three  \n',
    });
    expect(out[0]!.text).toBe('*** *** ***** four');
  });

  it('rejects an invalid or empty-matching regex at load, naming the word', () => {
    const rule = findRule('banned-words')!;
    const bad = rule.options.safeParse({ words: ['ok', '(unclosed'], regex: true });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['words', 1]);
    expect(bad.error!.issues[0]!.message).toMatch(/invalid regular expression/);
    const empty = rule.options.safeParse({ words: ['x*'], regex: true });
    expect(empty.error!.issues[0]!.message).toMatch(/matches the empty string/);
  });

  it('rejects a bad regex in wordsFile with the file line and the rule path', async () => {
    const rule = findRule('banned-words')!;
    const options = rule.options.parse({ wordsFile: 'w.txt', regex: true });
    await expect(rule.prepare!(options, memoryContext({ '/rules/w.txt': 'fine\n[bad\n' }, 'rules[4]'))).rejects.toMatchObject({
      message: expect.stringMatching(/w\.txt line 2: invalid regular expression/),
      position: { path: 'rules[4].wordsFile' },
    });
  });

  it('needs words or a wordsFile', () => {
    expect(findRule('banned-words')!.options.safeParse({}).success).toBe(false);
  });
});
