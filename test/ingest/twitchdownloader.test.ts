import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { readTwitchDownloader } from '../../src/ingest/twitchdownloader.js';
import { byText, errorLine, fixture, readWith } from './helpers.js';

const sample = fixture('twitchdownloader.json');

function comment(over: Record<string, unknown> = {}, message: Record<string, unknown> = {}) {
  return {
    _id: 'c1',
    content_offset_seconds: 10,
    commenter: { display_name: 'Viewer', _id: '42', name: 'viewer', logo: 'x' },
    message: { body: 'hi', bits_spent: 0, fragments: [{ text: 'hi', emoticon: null }], user_badges: [], user_color: '#112233', ...message },
    ...over,
  };
}
const archive = (comments: unknown[], video: unknown = { start: 0 }) => JSON.stringify({ streamer: { name: 's' }, video, comments });

describe('readTwitchDownloader on the shared sample', () => {
  test('reads every comment with a commenter, in file order, whatever the chunking', async () => {
    for (const chunk of [1 << 20, 97, 7]) {
      const { messages, stats } = await readWith(readTwitchDownloader, sample, { chunk });
      expect(messages).toHaveLength(31);
      expect(stats).toEqual({ records: 33, skipped: { 'commenter: null': 2 } });
    }
  });

  test('keeps Korean, emoji from surrogate escapes, U+E0000, and markup-like text exactly', async () => {
    const { messages } = await readWith(readTwitchDownloader, sample);
    const first = messages[0]!;
    expect(first).toEqual({
      id: '1e250c70-dff6-4e52-8690-a9c144e7cf0f',
      timeMs: 2000,
      author: { id: '123456789', name: '한결', roles: ['broadcaster', 'verified'], color: '#9146FF' },
      text: '방송 시작합니다! 다들 안녕하세요 \u{1F44B}',
      kind: 'chat',
      deleted: false,
    });
    expect(byText(messages, '00:01.000').text).toBe('in VTT a cue line like 00:01.000 --> 00:02.000 would break naive parsers lol');
    expect(byText(messages, 'bold?').text).toBe('<b>bold?</b> nope, just text & stuff &amp; <i>more</i> </c>');
    expect(byText(messages, 'again Pog').text).toBe('again Pog \u{E0000}');
    expect(byText(messages, '👨‍👩‍👧‍👦').text).toBe('🔥🔥🔥 👨‍👩‍👧‍👦 🏳️‍🌈 🇰🇷 👍🏽');
    expect(byText(messages, 'gn everyone').text).toBe('gn everyone <3');
    expect(byText(messages, 'text ヽ').text).toBe('Z̷̢̛a̴̡͝l̸͙̕g̶̣̈o̵̼͠ text ヽ༼ຈل͜ຈ༽ﾉ');
    expect(messages.some((m) => m.text.includes('FREE VIEWERS'))).toBe(false); // commenter: null
  });

  test('bits are donations, sub notices subscriptions, badges roles; authors are shared objects', async () => {
    const { messages } = await readWith(readTwitchDownloader, sample);
    const cheer = byText(messages, 'Cheer100');
    expect(cheer).toMatchObject({ kind: 'donation', amount: '100 bits', timeMs: 18000 });
    expect(byText(messages, 'subscribed at Tier 1').kind).toBe('subscription');
    expect(byText(messages, 'subscribed with Prime').kind).toBe('subscription');
    expect(byText(messages, 'Follow on Twitter').author.roles).toEqual(['moderator', 'verified']);
    expect(byText(messages, 'ㅋㅋㅋㅋㅋㅋㅋㅋ').author.roles).toEqual(['vip', 'subscriber']);
    expect(byText(messages, 'Kappa Kappa').author.color).toBeUndefined(); // user_color null
    const minji = messages.filter((m) => m.author.name === '민지');
    expect(minji.length).toBeGreaterThan(2);
    expect(new Set(minji.map((m) => m.author)).size).toBe(1);
    expect(messages.filter((m) => m.timeMs === 33000)).toHaveLength(4);
  });

  test('gzip-compressed and UTF-16 files read the same', async () => {
    const plain = await readWith(readTwitchDownloader, sample);
    expect((await readWith(readTwitchDownloader, gzipSync(sample), { chunk: 1000 })).messages).toEqual(plain.messages);
    const utf16 = Buffer.from('\uFEFF' + sample.toString('utf8'), 'utf16le');
    expect((await readWith(readTwitchDownloader, utf16, { chunk: 333 })).messages).toEqual(plain.messages);
  });
});

describe('readTwitchDownloader time base and legacy shapes', () => {
  test('time is content_offset_seconds minus video.start, even when video comes after comments', async () => {
    const comments = [comment({ content_offset_seconds: 130.25 })];
    expect((await readWith(readTwitchDownloader, archive(comments, { start: 120 }))).messages[0]!.timeMs).toBe(10250);
    const late = JSON.stringify({ comments, video: { start: 120 } });
    expect((await readWith(readTwitchDownloader, late)).messages[0]!.timeMs).toBe(10250);
    expect((await readWith(readTwitchDownloader, JSON.stringify({ comments }))).messages[0]!.timeMs).toBe(130250);
  });

  test('v5 rechat pages: fractional offsets, msg-id notices, no video block', async () => {
    const { messages } = await readWith(readTwitchDownloader, fixture('twitch-v5-rechat.json'));
    expect(messages.map((m) => [m.timeMs, m.kind])).toEqual([
      [3731, 'chat'],
      [9118, 'chat'],
      [14502, 'chat'],
      [20004, 'donation'],
      [27960, 'subscription'],
    ]);
    expect(messages[2]!.text).toBe('please read this <b>&</b> --> thanks');
    expect(messages[1]!.text).toBe('손 흔드는 중 \u{1F44B}');
  });

  test('a bare array of comments (RechatTool), blank colours and blank display names', async () => {
    const text = JSON.stringify([comment({}, { user_color: '' }), comment({ _id: 'c2', commenter: { display_name: ' ', _id: '7', name: 'login7' } })]);
    const { messages } = await readWith(readTwitchDownloader, text);
    expect(messages[0]!.author).toEqual({ id: '42', name: 'Viewer', roles: [] });
    expect(messages[1]!.author.name).toBe('login7');
  });
});

describe('readTwitchDownloader errors', () => {
  test('wrong types name the comment index and field', async () => {
    const bad = archive([comment(), comment({ commenter: { display_name: 5, _id: '1', name: 'x' } })]);
    expect(await errorLine(readWith(readTwitchDownloader, bad))).toBe('input: chat.json: comments[1].commenter.display_name: expected string, got number');
    const missing = archive([comment({ content_offset_seconds: undefined })]);
    expect(await errorLine(readWith(readTwitchDownloader, missing))).toBe('input: chat.json: comments[0].content_offset_seconds: missing number');
    expect(await errorLine(readWith(readTwitchDownloader, archive([comment()], { start: 'x' })))).toBe('input: chat.json: video.start: expected number, got string');
  });

  test('a truncated file and trailing garbage are input errors with the byte position', async () => {
    const cut = sample.subarray(0, 5000);
    expect(await errorLine(readWith(readTwitchDownloader, cut, { chunk: 1024 }))).toMatch(/^input: chat\.json: comments\[\d+\]: unexpected end of input at byte 5000 \(the file looks truncated\)$/);
    const trailing = Buffer.concat([sample, Buffer.from('\n}garbage')]);
    expect(await errorLine(readWith(readTwitchDownloader, trailing))).toBe(`input: chat.json: unexpected data after the end of the JSON document at byte ${sample.length + 1}`);
  });
});
