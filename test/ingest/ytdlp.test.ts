import { describe, expect, test } from 'vitest';
import { sortMessagesByTime, type ChatMessage } from '../../src/ingest/message.js';
import type { IngestStats } from '../../src/ingest/types.js';
import { IdHashSet } from '../../src/ingest/youtube/id-hash-set.js';
import { firstPassFindings } from '../../src/ingest/youtube/ytdlp-first-pass.js';
import { canonicalYouTubeId } from '../../src/ingest/youtube/message-ids.js';
import { clockTextToMs } from '../../src/ingest/youtube/time.js';
import { readYtDlp } from '../../src/ingest/ytdlp.js';
import { byText, chunked, errorLine, fixture, readWith } from './helpers.js';

const replay = fixture('ytdlp.live_chat.json');
const capture = fixture('ytdlp.live-capture.live_chat.json');

const SHORT_ID = 'ChwKGkNyRWxId1ZocXBmM2JTbFZ3aWVsUkJBdS05';
const LONG_ID = 'CkUKGkNyRWxId1ZocXBmM2JTbFZ3aWVsUkJBdS05EidDLWJ5bmlkZmxjS3kyWG5MNk9MZGVBWXlWYTE3NDE5NTAwMjc3Nzc%3D';

function textItem(id: string, text: string, channel = 'UCa', extra: Record<string, unknown> = {}) {
  return { liveChatTextMessageRenderer: { message: { runs: [{ text }] }, authorName: { simpleText: '@a' }, id, timestampUsec: '1741950000000000', authorExternalChannelId: channel, ...extra } };
}
const replayLine = (offset: string, action: Record<string, unknown>) => JSON.stringify({ replayChatItemAction: { actions: [action], videoOffsetTimeMsec: offset } });

describe('readYtDlp on the replay sample', () => {
  test('reads chat, Super Chats once, memberships; skips the engagement notice and ticker copies', async () => {
    for (const chunk of [1 << 20, 501]) {
      const { messages, stats } = await readWith(readYtDlp, replay, { chunk });
      expect(messages).toHaveLength(34); // 39 lines − notice − 2 ticker copies − 2 deletion actions
      expect(stats).toEqual({ records: 39, skipped: { liveChatViewerEngagementMessageRenderer: 1, 'ticker duplicate': 2 } });
    }
  });

  test('text from runs: emoji runs as the emoji or the channel shortcut, links as their target', async () => {
    const { messages } = await readWith(readYtDlp, replay);
    expect(byText(messages, '방송 시작합니다').text).toBe('방송 시작합니다! 다들 안녕하세요 👋');
    expect(byText(messages, 'first time').text).toBe('first time catching the stream live :_hangyeolWave:');
    expect(byText(messages, ':_hangyeolWave::_hangyeolWave:').text).toBe(':_hangyeolWave::_hangyeolWave::_hangyeolWave:');
    expect(byText(messages, 'Follow on Twitter').text).toBe('Follow on Twitter: https://twitter.com/hangyeol_tv & join the Discord → !discord');
    expect(byText(messages, '00:01.000').text).toContain('00:01.000 --> 00:02.000');
    expect(byText(messages, 'bold?').text).toBe('<b>bold?</b> nope, just text & stuff &amp; <i>more</i> </c>');
    expect(byText(messages, '👨‍👩‍👧‍👦').text).toBe('🔥🔥🔥 👨‍👩‍👧‍👦 🏳️‍🌈 🇰🇷 👍🏽');
  });

  test('times, the pre-stream message, roles, Super Chat amounts', async () => {
    const { messages } = await readWith(readYtDlp, replay);
    expect(byText(messages, '방송 언제 시작해요?').timeMs).toBe(-12000);
    const owner = byText(messages, '방송 시작합니다');
    expect(owner.timeMs).toBe(2431);
    expect(owner.author).toEqual({ id: 'UCq3hK1M9vT0aW4bZ5e7Yx2Q', name: '@hangyeol_live', roles: ['broadcaster', 'verified'] });
    expect(byText(messages, '스팸 삭제했어요').author.roles).toEqual(['moderator', 'member']);
    const superChats = messages.filter((m) => m.kind === 'donation');
    expect(superChats.map((m) => [m.timeMs, m.amount, m.text])).toEqual([
      [18230, '₩1,000', '첫 슈퍼챗 갑니다!! 화이팅'],
      [47250, '₩10,000', '목 관리 잘 하세요!! 🍯'],
    ]);
    expect(messages.filter((m) => m.kind === 'subscription').map((m) => m.text)).toEqual(['Member for 6 months · 반년 축하해주세요 🎉', 'Welcome to 한결 Live!']);
  });

  test('a deletion by long id and a ban by channel mark their targets deleted', async () => {
    const { messages } = await readWith(readYtDlp, replay);
    expect(messages.filter((m) => m.deleted).map((m) => m.text)).toEqual(['FREE VIEWERS >>> bit.ly/fr33-v1ewz', '시청자 늘려드립니다 >>> 카톡 문의']);
  });
});

describe('readYtDlp on a live capture', () => {
  test('offsets are relative to when yt-dlp started: backlog negative, ban applied', async () => {
    const { messages, stats } = await readWith(readYtDlp, capture);
    expect(stats).toEqual({ records: 7, skipped: {} });
    expect(messages.map((m) => m.timeMs)).toEqual([-32038, -23540, 712, 1239, 205474, 206093]);
    expect(messages.filter((m) => m.deleted).map((m) => m.author.name)).toEqual(['@spam_account_1234']);
  });

  test('with a known stream start, timestampUsec gives the video time instead', async () => {
    const startedAtMs = 1741950003000;
    const { messages } = await readWith(readYtDlp, capture, { timeBase: { startedAtMs } });
    expect(messages[0]!.timeMs).toBe(1741950065963 - startedAtMs);
  });
});

describe('readYtDlp ordering, ids and errors', () => {
  test('deletions apply to messages that come later in the file; short and long ids match', async () => {
    const lines = [
      replayLine('100', { markChatItemAsDeletedAction: { targetItemId: LONG_ID } }),
      replayLine('50', { markChatItemsByAuthorAsDeletedAction: { externalChannelId: 'UCbanned' } }),
      replayLine('200', { addChatItemAction: { item: textItem(SHORT_ID, 'deleted later') } }),
      replayLine('300', { addChatItemAction: { item: textItem('ChwKGkNvdGhlcg', 'by banned', 'UCbanned') } }),
      replayLine('400', { addChatItemAction: { item: textItem('ChwKGkNrZWVw', 'kept') } }),
      replayLine('400', { addChatItemAction: { item: textItem('ChwKGkNrZWVw', 'kept') } }),
      JSON.stringify({ replayChatItemAction: { actions: [{ addBannerToLiveChatCommand: {} }] } }),
    ].join('\n');
    const { messages, stats } = await readWith(readYtDlp, lines);
    expect(messages.map((m) => [m.text, m.deleted])).toEqual([
      ['deleted later', true],
      ['by banned', true],
      ['kept', false],
    ]);
    expect(stats.skipped).toEqual({ 'duplicate id': 1, addBannerToLiveChatCommand: 1 });
  });

  test('canonical ids and clock texts', () => {
    expect(canonicalYouTubeId(SHORT_ID)).toBe('CrElHwVhqpf3bSlVwielRBAu-9');
    expect(canonicalYouTubeId(LONG_ID)).toBe('CrElHwVhqpf3bSlVwielRBAu-9');
    expect(canonicalYouTubeId('not-an-id')).toBe('not-an-id');
    expect(clockTextToMs('-0:12')).toBe(-12000);
    expect(clockTextToMs('1:02:03')).toBe(3723000);
    expect(clockTextToMs('later')).toBeUndefined();
  });

  test('a ticker whose chat item is missing still gives the Super Chat once', async () => {
    const paid = { liveChatPaidMessageRenderer: { id: 'ChwKGkNwYWlk', authorName: { simpleText: '@rich' }, purchaseAmountText: { simpleText: '$5.00' }, message: { runs: [{ text: 'gg' }] } } };
    const ticker = { addLiveChatTickerItemAction: { item: { liveChatTickerPaidMessageItemRenderer: { id: 'ChwKGkNwYWlk', showItemEndpoint: { showLiveChatItemEndpoint: { renderer: paid } } } } } };
    const { messages } = await readWith(readYtDlp, replayLine('5000', ticker) + '\n' + replayLine('5000', ticker));
    expect(messages).toEqual([{ id: 'ChwKGkNwYWlk', timeMs: 5000, author: { name: '@rich', roles: [] }, text: 'gg', kind: 'donation', deleted: false, amount: '$5.00' }]);
  });

  test('wrong types name the line and the path inside it; broken lines name line and column', async () => {
    const badName = replayLine('1', { addChatItemAction: { item: textItem('x', 'hi', 'UCa', { authorName: { simpleText: 7 } }) } });
    expect(await errorLine(readWith(readYtDlp, `${replayLine('0', { addChatItemAction: { item: textItem('y', 'ok') } })}\n${badName}\n`))).toBe(
      'input: chat.json:2: replayChatItemAction.actions[0].addChatItemAction.item.liveChatTextMessageRenderer.authorName.simpleText: expected string, got number',
    );
    expect(await errorLine(readWith(readYtDlp, replayLine('abc', { addChatItemAction: { item: textItem('y', 'ok') } })))).toBe(
      'input: chat.json:1: replayChatItemAction.videoOffsetTimeMsec: expected whole milliseconds, like "2431"',
    );
    const cut = replay.subarray(0, replay.indexOf(0x0a) + 200);
    expect(await errorLine(readWith(readYtDlp, cut))).toBe('input: chat.json:2:200: unexpected end of line (the record is incomplete)');
  });

  test('reports the first bad line in file order: lines are parsed one at a time, not a chunk at a time', async () => {
    // A schema error on line 2 and a line that is not JSON on line 3, in one read chunk.
    const badName = replayLine('1', { addChatItemAction: { item: textItem('x', 'hi', 'UCa', { authorName: { simpleText: 7 } }) } });
    const text = `${replayLine('0', { addChatItemAction: { item: textItem('y', 'ok') } })}\n${badName}\n{"replayChatItemAction": [\n`;
    expect(await errorLine(readWith(readYtDlp, text))).toBe(
      'input: chat.json:2: replayChatItemAction.actions[0].addChatItemAction.item.liveChatTextMessageRenderer.authorName.simpleText: expected string, got number',
    );
  });

  // Found by an audit: columns counted bytes, so on a line of Korean chat they ran past the line's
  // end. They count characters now, as document errors' columns do (text-position.ts).
  test('a broken line\'s column counts characters, not bytes', async () => {
    const lines = replay.toString('utf8').split('\n');
    const line20 = lines[19]!;
    const half = line20.slice(0, Math.floor(line20.length / 2));
    expect(Buffer.byteLength(half)).toBeGreaterThan(half.length);
    const cut = [...lines.slice(0, 19), half].join('\n');
    expect(await errorLine(readWith(readYtDlp, cut))).toBe(`input: chat.json:20:${[...half].length + 1}: unexpected end of line (the record is incomplete)`);
    const korean = `${JSON.stringify({ replayChatItemAction: { actions: [], videoOffsetTimeMsec: '1' }, note: '한결 👋' }).slice(0, -1)} x}`;
    expect(await errorLine(readWith(readYtDlp, korean))).toMatch(new RegExp(`^input: chat\\.json:1:${[...korean].length - 1}: `));
  });
});

describe('readYtDlp on a file that is not YouTube chat', () => {
  // Found by an audit: every line of another format counted as an unknown action and was skipped,
  // so `--format ytdlp` on a TwitchDownloader archive packaged an empty track with exit 0.
  test('a file none of whose lines is a chat action is an error naming the first line and its keys', async () => {
    const twitch = JSON.stringify({ FileInfo: {}, streamer: {}, clipper: null, video: {}, comments: [], embeddedData: null, extra: 1 });
    expect(await errorLine(readWith(readYtDlp, `${twitch}\n`))).toBe(
      'input: chat.json:1: not a yt-dlp live chat: none of its 1 line is a YouTube chat action; line 1 is an object with keys FileInfo, streamer, clipper, video, comments, embeddedData, …',
    );
    const native = ['a', 'b'].map((id) => JSON.stringify({ id, offsetMs: 5, author: { name: 'x' }, text: 't' })).join('\n');
    expect(await errorLine(readWith(readYtDlp, native))).toMatch(/^input: chat\.json:1: not a yt-dlp live chat: none of its 2 lines is a YouTube chat action; line 1 is an object with keys id, offsetMs, author, text$/);
  });

  test('an empty file, or actions YouTube may add later, are YouTube chat with no messages', async () => {
    expect((await readWith(readYtDlp, '')).messages).toEqual([]);
    const future = await readWith(readYtDlp, `${JSON.stringify({ clickTrackingParams: 'x', updateLiveChatPollAction: {} })}\n${JSON.stringify({ showLiveChatSurveyCommand: {} })}\n{"FileInfo":{}}\n`);
    expect(future.messages).toEqual([]);
    expect(future.stats.skipped).toEqual({ updateLiveChatPollAction: 1, showLiveChatSurveyCommand: 1, FileInfo: 1 });
  });
});

describe('readYtDlp times out of range', () => {
  // Found by an audit: these became ±Infinity, which the time-order merge never released (a 120 s
  // hang, then the watchdog's exit 3). The rule is time-range.ts's, shared by every reader.
  const nines = '9'.repeat(400);
  const RULE = 'is out of range (a time must be a finite number within ±9007199254740991 ms of the video start)';
  test('an offset that is not a finite number of ms names the offset', async () => {
    const line = replayLine(nines, { addChatItemAction: { item: textItem('y', 'ok') } });
    expect(await errorLine(readWith(readYtDlp, `${replayLine('0', { addChatItemAction: { item: textItem('x', 'ok') } })}\n${line}\n`))).toBe(
      `input: chat.json:2: replayChatItemAction.videoOffsetTimeMsec: "99999999999999999999…" (400 characters) ${RULE}`,
    );
    const live = JSON.stringify({ replayChatItemAction: { actions: [{ addChatItemAction: { item: textItem('x', 'hi') } }] }, videoOffsetTimeMsec: String(2 ** 53), isLive: true });
    expect(await errorLine(readWith(readYtDlp, live))).toBe(`input: chat.json:1: videoOffsetTimeMsec: "9007199254740992" ${RULE}`);
  });

  test('a pre-stream clock text or a live timestampUsec past the range names that field', async () => {
    const preStream = replayLine('0', { addChatItemAction: { item: textItem('x', 'early', 'UCa', { timestampText: { simpleText: `-${nines}:00` } }) } });
    expect(await errorLine(readWith(readYtDlp, preStream))).toBe(
      `input: chat.json:1: replayChatItemAction.actions[0].addChatItemAction.item.liveChatTextMessageRenderer.timestampText.simpleText: "-9999999999999999999…" (404 characters) ${RULE}`,
    );
    const live = JSON.stringify({ replayChatItemAction: { actions: [{ addChatItemAction: { item: textItem('x', 'hi', 'UCa', { timestampUsec: nines }) } }] }, videoOffsetTimeMsec: '5', isLive: true });
    expect(await errorLine(readWith(readYtDlp, live, { timeBase: { startedAtMs: 0 } }))).toBe(
      `input: chat.json:1: replayChatItemAction.actions[0].addChatItemAction.item.liveChatTextMessageRenderer.timestampUsec: "99999999999999999999…" (400 characters) ${RULE}`,
    );
  });
});

describe('readYtDlp streams in two passes', () => {
  const paid = (id: string) => ({ liveChatPaidMessageRenderer: { id, authorName: { simpleText: '@rich' }, authorExternalChannelId: 'UCrich', purchaseAmountText: { simpleText: '$5.00' } } });
  const tickerOf = (id: string) => ({ addLiveChatTickerItemAction: { item: { liveChatTickerPaidMessageItemRenderer: { id: 't', showItemEndpoint: { showLiveChatItemEndpoint: { renderer: paid(id) } } } } } });
  /** ~100k lines (~25 MB): chat, a Super Chat with its ticker, an orphan ticker mid-file, then a ban and a deletion at the very end. */
  function bigArchive(count: number): string {
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      lines.push(replayLine(String(i * 10), { addChatItemAction: { item: textItem(`id${i}`, `message ${i}`, i % 100 === 7 ? 'UCbanned' : 'UCa') } }));
      if (i === 500) lines.push(replayLine('5000', { addChatItemAction: { item: paid('paid') } }), replayLine('5000', tickerOf('paid')));
      if (i === count / 2) lines.push(replayLine(String(i * 10), tickerOf('orphan')));
    }
    lines.push(replayLine(String(count * 10), { markChatItemsByAuthorAsDeletedAction: { externalChannelId: 'UCbanned' } }));
    lines.push(replayLine(String(count * 10), { markChatItemAsDeletedAction: { targetItemId: 'id3' } }));
    return lines.join('\n') + '\n';
  }

  test('yields batches as it reads; a ban and a deletion at the end already mark the first batch', async () => {
    const count = 100_000;
    const bytes = Buffer.from(bigArchive(count));
    const stats: IngestStats = { records: 0, skipped: {} };
    let chunksRead = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of chunked(bytes, 1 << 16)) {
        chunksRead++;
        yield chunk;
      }
    }
    const totalChunks = Math.ceil(bytes.length / (1 << 16));
    const batches: { size: number; chunksRead: number }[] = [];
    const all: ChatMessage[] = [];
    for await (const batch of readYtDlp(counted(), { file: 'big.json', timeBase: {}, stats, reopen: () => chunked(bytes, 1 << 16) })) {
      if (batches.length === 0) {
        // Marked when handed out, before the lines that delete them have been read by this pass.
        expect(batch.find((m) => m.id === 'id7')!.deleted).toBe(true);
        expect(batch.find((m) => m.id === 'id3')!.deleted).toBe(true);
        expect(batch.find((m) => m.id === 'id8')!.deleted).toBe(false);
      }
      batches.push({ size: batch.length, chunksRead });
      all.push(...batch);
    }
    expect(batches.length).toBeGreaterThan(100);
    expect(batches[0]!.chunksRead).toBeLessThan(3);
    expect(totalChunks).toBeGreaterThan(300);
    expect(all).toHaveLength(count + 2);
    expect(all.filter((m) => m.deleted)).toHaveLength(count / 100 + 1);
    expect(stats).toEqual({ records: count + 5, skipped: { 'ticker duplicate': 1 } });
    // The orphan ticker comes out in the middle, not after everything else.
    const orphanAt = all.findIndex((m) => m.id === 'orphan');
    expect(orphanAt).toBeGreaterThan(count / 2 - 1000);
    expect(orphanAt).toBeLessThan(count / 2 + 1000);
  });

  test('with and without reopen, any chunking: the same messages and stats', async () => {
    const lines = [
      replayLine('10', tickerOf('before')),
      replayLine('20', { addChatItemAction: { item: textItem('dup', 'first') } }),
      replayLine('20', tickerOf('orphan')),
      replayLine('20', { addChatItemAction: { item: textItem('same-ms', 'after the orphan, same time') } }),
      replayLine('30', { addChatItemAction: { item: paid('before') } }),
      replayLine('30', { replaceChatItemAction: { targetItemId: 'dup', replacementItem: textItem('dup', 'second') } }),
      replayLine('40', tickerOf('orphan')),
      replayLine('50', { markChatItemAsDeletedAction: { targetItemId: 'orphan' } }),
    ].join('\n');
    const inputs = [replay, capture, Buffer.from(lines), Buffer.from(bigArchive(2000))];
    for (const input of inputs) {
      const once = await readWith(readYtDlp, input, { reopen: false });
      for (const chunk of [1 << 20, 97]) {
        const twice = await readWith(readYtDlp, input, { chunk });
        expect(twice.messages).toEqual(once.messages);
        expect(twice.stats).toEqual(once.stats);
      }
    }
    const { messages, stats } = await readWith(readYtDlp, lines, { chunk: 50 });
    // The orphan waits for a later time, so after the sort by time it follows every message of its own time.
    expect(sortMessagesByTime(messages).map((m) => [m.id, m.timeMs, m.text, m.deleted])).toEqual([
      ['dup', 20, 'first', false],
      ['same-ms', 20, 'after the orphan, same time', false],
      ['orphan', 20, '', true],
      ['before', 30, '', false],
    ]);
    expect(stats.skipped).toEqual({ 'duplicate id': 1, 'ticker duplicate': 1 });
  });

  test('the id hash set finds repeats and grows', () => {
    const set = new IdHashSet();
    let added = 0;
    let repeats = 0;
    for (let i = 0; i < 50_000; i++) if (set.add(`id${i}`)) added++;
    for (let i = 0; i < 50_000; i += 7) if (!set.add(`id${i}`)) repeats++;
    expect([added, repeats, set.size]).toEqual([50_000, Math.ceil(50_000 / 7), 50_000]);
    expect(set.has('id49999')).toBe(true);
    expect(set.has('id50000')).toBe(false);
  });

  test('the first pass walks lines without parsing them and finds what parsing finds', () => {
    const tricky = [
      { clickTrackingParams: 'x', markChatItemAsDeletedAction: { targetItemId: 'a' } },
      { markChatItemAsDeletedAction: { targetItemId: 'a' }, replayChatItemAction: { actions: [] } },
      { replayChatItemAction: null, markChatItemAsDeletedAction: { targetItemId: 'a' } },
      { addChatItemAction: { item: textItem('bare', 'a bare action') } },
      { replayChatItemAction: { actions: {} } },
      { markChatItemsByAuthorAsDeletedAction: { externalChannelId: '' } },
      {
        replayChatItemAction: {
          actions: [
            { clickTrackingParams: 'x', addChatItemAction: { item: textItem('i1', 'a') }, markChatItemAsDeletedAction: { targetItemId: 'not read' } },
            5,
            { addChatItemAction: { item: { somethingNew: { id: 'x' }, liveChatTextMessageRenderer: { id: 'not first' } } } },
            { replaceChatItemAction: { item: textItem('no', 'a'), replacementItem: { liveChatPaidMessageRenderer: { id: 7 } } } },
            { addChatItemAction: { item: { liveChatTextMessageRenderer: [] } } },
            { addChatItemAction: { item: textItem('escaped "\u0041" é', 'a') } },
            { removeChatItemByAuthorAction: { externalChannelId: 'UCban' } },
          ],
        },
      },
    ].map((o) => JSON.stringify(o));
    const lines = [...replay.toString().split('\n'), ...capture.toString().split('\n'), ...tricky].filter((l) => l.trim() !== '');
    let found = 0;
    for (const line of lines) {
      const { walked, parsed } = firstPassFindings(line);
      expect(walked).toEqual(parsed);
      found += parsed.length;
    }
    expect(found).toBeGreaterThan(40);
  });
});
