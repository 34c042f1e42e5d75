import { describe, expect, test } from 'vitest';
import { readChatDownloader } from '../../src/ingest/chat-downloader.js';
import { readYtDlp } from '../../src/ingest/ytdlp.js';
import { byText, errorLine, fixture, readWith } from './helpers.js';

const sample = fixture('chat-downloader.json');

const item = (over: Record<string, unknown>) => ({ action_type: 'add_chat_item', message_type: 'text_message', author: { id: 'UCa', name: '@a' }, ...over });

describe('readChatDownloader on the shared sample', () => {
  test('reads the pretty-printed, ASCII-escaped array whatever the chunking', async () => {
    for (const chunk of [1 << 20, 333, 17]) {
      const { messages, stats } = await readWith(readChatDownloader, sample, { chunk });
      expect(messages).toHaveLength(34);
      expect(stats).toEqual({ records: 39, skipped: { viewer_engagement_message: 1, 'ticker duplicate': 2 } });
    }
  });

  test('matches the yt-dlp reading of the same stream, except emoji that chat-downloader spells as :shortcuts:', async () => {
    const fromChatDownloader = (await readWith(readChatDownloader, sample)).messages;
    const fromYtDlp = (await readWith(readYtDlp, fixture('ytdlp.live_chat.json'))).messages;
    const shape = (m: (typeof fromYtDlp)[number]) => [m.id, m.timeMs, m.kind, m.deleted, m.author.name, m.author.roles, m.amount];
    expect(fromChatDownloader.map(shape)).toEqual(fromYtDlp.map(shape));
    expect(byText(fromChatDownloader, '방송 시작합니다').text).toBe('방송 시작합니다! 다들 안녕하세요 :waving_hand:');
  });

  test('Korean from \\u escapes, markup text, negative time, deletions and bans applied', async () => {
    const { messages } = await readWith(readChatDownloader, sample);
    expect(byText(messages, '방송 언제').timeMs).toBe(-12000);
    expect(byText(messages, 'bold?').text).toBe('<b>bold?</b> nope, just text & stuff &amp; <i>more</i> </c>');
    expect(byText(messages, '00:01.000').text).toContain('-->');
    expect(byText(messages, '👨‍👩‍👧‍👦').text).toBe('🔥🔥🔥 👨‍👩‍👧‍👦 🏳️‍🌈 🇰🇷 👍🏽');
    expect(messages.filter((m) => m.kind === 'donation').map((m) => m.amount)).toEqual(['₩1,000', '₩10,000']);
    expect(messages.filter((m) => m.deleted).map((m) => m.text)).toEqual(['FREE VIEWERS >>> bit.ly/fr33-v1ewz', '시청자 늘려드립니다 >>> 카톡 문의']);
  });
});

describe('readChatDownloader other shapes and errors', () => {
  test('JSON Lines output, deletions before their targets, Twitch items with colours and bits', async () => {
    const lines = [
      { message_type: 'deleted_message', action_type: 'mark_chat_item_as_deleted', target_message_id: 'm2', time_in_seconds: 1 },
      item({ message_id: 'm1', message: 'hello', time_in_seconds: 2.5 }),
      item({ message_id: 'm2', message: 'spam', time_in_seconds: 3 }),
      item({ message_id: 'm3', message: 'Cheer100 gg', time_in_seconds: 4, bits: 100, author: { id: '9', name: 'login', display_name: '당근', colour: '#FF7F50', badges: [{ name: 'subscriber', version: 3 }] } }),
    ]
      .map((o) => JSON.stringify(o))
      .join('\n');
    const { messages } = await readWith(readChatDownloader, lines, { chunk: 10 });
    expect(messages.map((m) => [m.id, m.timeMs, m.deleted, m.kind])).toEqual([
      ['m1', 2500, false, 'chat'],
      ['m2', 3000, true, 'chat'],
      ['m3', 4000, false, 'donation'],
    ]);
    expect(messages[2]!.author).toEqual({ id: '9', name: '당근', roles: ['subscriber'], color: '#FF7F50' });
    expect(messages[2]!.amount).toBe('100 bits');
  });

  test('live recordings without time_in_seconds need a start time', async () => {
    const text = JSON.stringify([item({ message_id: 'm1', message: 'hi', timestamp: 1741950010000000 })]);
    expect((await readWith(readChatDownloader, text, { timeBase: { startedAtMs: 1741950000000 } })).messages[0]!.timeMs).toBe(10000);
    expect(await errorLine(readWith(readChatDownloader, text))).toBe(
      'input: chat.json: [0].timestamp: message has an absolute time but no start is known: give --started-at, broadcast.startedAt, or a video with EXT-X-PROGRAM-DATE-TIME',
    );
  });

  test('a run killed mid-write (truncated array) and wrong types are input errors', async () => {
    const cut = sample.subarray(0, Math.floor(sample.length / 2));
    expect(await errorLine(readWith(readChatDownloader, cut))).toMatch(/^input: chat\.json: \[\d+\]: unexpected end of input at byte \d+ \(the file looks truncated\)$/);
    const bad = JSON.stringify([item({ message_id: 'm1', message: 'ok', time_in_seconds: 1 }), item({ message_id: 'm2', message: ['x'], time_in_seconds: 2 })]);
    expect(await errorLine(readWith(readChatDownloader, bad))).toBe('input: chat.json: [1].message: expected string, got array');
  });
});

describe('readChatDownloader streams in two passes', () => {
  test('a JSON array yields batches as it reads; a ban and a deletion at the end mark the first batch; same as without reopen', async () => {
    const count = 40_000;
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < count; i++) items.push(item({ message_id: `m${i}`, message: `message ${i}`, time_in_seconds: i / 10, author: { id: i % 100 === 7 ? 'UCbanned' : 'UCa', name: '@a' } }));
    items.splice(count / 2, 0, { message_type: 'ticker_paid_message_item', message_id: 'orphan', time_in_seconds: count / 20, money: { text: '$1' } });
    items.push({ message_type: 'ban_user', author: { id: 'UCbanned' }, time_in_seconds: count / 10 }, { message_type: 'deleted_message', target_message_id: 'm3', time_in_seconds: count / 10 });
    const text = JSON.stringify(items, null, 1);
    const streamed = await readWith(readChatDownloader, text, { chunk: 1 << 16 });
    expect(streamed.batches).toBeGreaterThan(20);
    expect(streamed.messages.filter((m) => m.deleted)).toHaveLength(count / 100 + 1);
    expect(streamed.messages.findIndex((m) => m.id === 'orphan')).toBeLessThan(count / 2 + 1000);
    const once = await readWith(readChatDownloader, text, { reopen: false });
    expect(streamed.messages).toEqual(once.messages);
    expect(streamed.stats).toEqual(once.stats);
    expect(streamed.stats).toEqual({ records: count + 3, skipped: {} });
  });
});
