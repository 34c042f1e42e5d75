import { describe, expect, test } from 'vitest';
import { parseChatCueText, type ChatLine } from '../../src/preview/page/chat-cue.js';

describe('parseChatCueText', () => {
  test('plain `Name: message`', () => {
    expect(parseChatCueText('민지: 안녕하세요 ㅎㅎ')).toEqual({ author: '민지', source: '', authorClasses: [], message: '안녕하세요 ㅎㅎ', classes: [] });
  });

  test('a class span around the whole line styles the author', () => {
    const line = parseChatCueText('<c.moderator.color-00ad03>ModKim: Be nice</c>');
    expect(line.author).toBe('ModKim');
    expect(line.authorClasses).toEqual(['moderator', 'color-00ad03']);
    expect(line.message).toBe('Be nice');
  });

  test('a class span around the name only styles the author, not the message', () => {
    const line = parseChatCueText('<c.vip>Guest</c>: <c.highlight>wow</c>');
    expect(line).toMatchObject({ author: 'Guest', authorClasses: ['vip'], message: 'wow', classes: ['vip', 'highlight'] });
  });

  test('entities are decoded once, so escaped markup shows as text', () => {
    expect(parseChatCueText('BigFan: &lt;b&gt;hi&lt;/b&gt; &amp;amp; a --&gt; b &#x1F389;&#127881;&nbsp;x').message)
      .toBe('<b>hi</b> &amp; a --> b 🎉🎉\u00a0x');
    expect(parseChatCueText('a: &bogus; &#xD800; &#0;').message).toBe('&bogus; &#xD800; &#0;');
  });

  test('the first ": " separates the author; later colons stay in the message', () => {
    expect(parseChatCueText('ModKim: reminder: no spoilers')).toMatchObject({ author: 'ModKim', message: 'reminder: no spoilers' });
  });

  test('a cue without an author (captions, system lines) is all message', () => {
    expect(parseChatCueText('[upbeat music]')).toEqual({ author: '', source: '', authorClasses: [], message: '[upbeat music]', classes: [] });
    expect(parseChatCueText(': starts with a colon').author).toBe('');
    expect(parseChatCueText('time 12:30').author).toBe('');
  });

  test('the --show-labels prefix becomes a source', () => {
    expect(parseChatCueText('[YT] Alice: hello')).toMatchObject({ author: 'Alice', source: 'YT', message: 'hello' });
  });

  test('voice spans name the author when the text does not', () => {
    expect(parseChatCueText('<v.loud Bob>hey there</v>')).toMatchObject({ author: 'Bob', message: 'hey there', authorClasses: ['loud'] });
  });

  test('timestamps, unknown tags and an unterminated tag do not leak into the text', () => {
    expect(parseChatCueText('<b>A</b>: one <00:00:01.000>two <i>three</i>').message).toBe('one two three');
    expect(parseChatCueText('A: ok <c.x').message).toBe('ok');
  });

  test('its source text runs on its own, as the page receives it', () => {
    // player-script.ts ships Function.prototype.toString() of this function to the browser.
    const shipped = new Function(`return (${parseChatCueText.toString()});`)() as (text: string) => ChatLine;
    for (const text of ['<c.mod.color-ff4500>Kim: a &amp; b</c>', '[YT] Al: x', '[music]']) {
      expect(shipped(text)).toEqual(parseChatCueText(text));
    }
  });
});
