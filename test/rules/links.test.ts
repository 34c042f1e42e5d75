import { describe, expect, it } from 'vitest';
import { msg, runRule, texts } from './helpers.js';

const input = () => [
  msg('see https://www.YouTube.com/watch?v=abc123 now'),
  msg('go to example.com/free-stuff!'),
  msg('www.twitch.tv/somebody'),
  msg('mail me: me@example.com'),
  msg('version 1.2.3 and hi.there'),
  msg('https://spam.example.net'),
];

describe('links', () => {
  it('drops messages with links (default), not e-mails or dotted words', async () => {
    const { out, report } = await runRule('links', {}, input());
    expect(texts(out)).toEqual(['mail me: me@example.com', 'version 1.2.3 and hi.there']);
    expect(report.dropped).toBe(4);
  });

  it('strips links, keeps trailing punctuation, drops what is left empty', async () => {
    const { out, report } = await runRule('links', { action: 'strip' }, input());
    expect(texts(out)).toEqual(['see now', 'go to !', 'mail me: me@example.com', 'version 1.2.3 and hi.there']);
    expect(report).toMatchObject({ edited: 2, dropped: 2 });
  });

  it('replaces each link with its domain with keep-domain', async () => {
    const { out } = await runRule('links', { action: 'keep-domain' }, input());
    expect(texts(out)).toEqual([
      'see youtube.com now',
      'go to example.com!',
      'twitch.tv',
      'mail me: me@example.com',
      'version 1.2.3 and hi.there',
      'spam.example.net',
    ]);
  });

  it('leaves links to allowed domains and their subdomains untouched', async () => {
    const { out, report } = await runRule('links', { allow: ['example.com'] }, [
      msg('https://shop.example.com/x'),
      msg('example.com'),
      msg('notexample.com'),
    ]);
    expect(texts(out)).toEqual(['https://shop.example.com/x', 'example.com']);
    expect(report.dropped).toBe(1);
  });

  it('finds links next to Korean text and inside parentheses', async () => {
    const { out } = await runRule('links', { action: 'keep-domain' }, [msg('여기 (https://chzzk.naver.com/live/1) 보세요')]);
    expect(out[0]!.text).toBe('여기 (chzzk.naver.com) 보세요');
  });
});
