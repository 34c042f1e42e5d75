import { z } from 'zod';
import { AuthorInterner } from './author-intern.js';
import { decodeChatInput } from './decode.js';
import { parseJsonLine, streamJsonLineChunks } from './json/lines-stream.js';
import type { ChatMessage } from './message.js';
import { describeRecord, FormatMismatch } from './format-mismatch.js';
import { schemaError } from './schema-error.js';
import { isTimeInRange, outOfRangeMessage, timeOutOfRange } from './time-range.js';
import type { ArchiveReader, IngestStats, ReaderContext } from './types.js';
import { readRenderer, type RenderedItem, type RendererContext } from './youtube/renderers.js';
import { clockTextToMs, liveWallClockMs } from './youtube/time.js';
import { twoPasses } from './youtube/two-pass.js';
import { ytdlpFirstPass } from './youtube/ytdlp-first-pass.js';

/** yt-dlp writes the offset as a string of milliseconds; tolerate a number too. */
const OffsetSchema = z
  .union([z.string().regex(/^-?\d+$/, 'expected whole milliseconds, like "2431"'), z.number().int()])
  .refine((offset) => isTimeInRange(Number(offset)), { error: (issue) => outOfRangeMessage(issue.input) })
  .transform(Number);

const LineSchema = z.object({
  replayChatItemAction: z
    .object({
      actions: z.array(z.record(z.string(), z.unknown())),
      videoOffsetTimeMsec: OffsetSchema.optional(),
    })
    .optional(),
  /** Live captures put the offset (relative to when yt-dlp started) outside the action. */
  videoOffsetTimeMsec: OffsetSchema.optional(),
  isLive: z.boolean().optional(),
});

const AddItemSchema = z.object({ item: z.record(z.string(), z.unknown()) });
const TickerSchema = z.object({
  item: z.record(
    z.string(),
    z.object({
      showItemEndpoint: z.object({ showLiveChatItemEndpoint: z.object({ renderer: z.record(z.string(), z.unknown()) }) }).optional(),
    }),
  ),
});
const DeleteItemSchema = z.object({ targetItemId: z.string().min(1) });
const DeleteAuthorSchema = z.object({ externalChannelId: z.string().min(1) });
const ReplaceItemSchema = z.object({ targetItemId: z.string(), replacementItem: z.record(z.string(), z.unknown()) });

/**
 * InnerTube names every action `…Action` or `…Command`, including ones YouTube adds later (those are
 * skipped and counted). A file none of whose lines is one, nor a replay wrapper, is not YouTube chat.
 */
const ACTION_NAME = /(Action|Command)$/;

function count(stats: IngestStats, reason: string, n = 1): void {
  if (n > 0) stats.skipped[reason] = (stats.skipped[reason] ?? 0) + n;
}

/** An action's name: its one key besides `clickTrackingParams`. */
function actionName(action: Record<string, unknown>): string | undefined {
  return Object.keys(action).find((key) => key !== 'clickTrackingParams');
}

function parseAt<S extends z.ZodType>(schema: S, raw: unknown, file: string, line: number, path: string): z.infer<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw schemaError(file, { line, path: path || undefined }, result.error, raw);
  return result.data;
}

/**
 * yt-dlp `.live_chat.json` (JSON Lines of InnerTube actions), from a replay or a live capture.
 * Time = videoOffsetTimeMsec; pre-stream messages (offset 0, `timestampText` "-0:12") get their
 * negative time; live captures use `timestampUsec` when a start is known (--started-at or the
 * video's PROGRAM-DATE-TIME), since their offsets count from when yt-dlp started. Super Chats arrive
 * twice (chat item + ticker) and are kept once; deletions and bans apply to messages before or after them.
 * Two passes keep memory flat: the first learns deletions, bans, repeated ids and tickers without a
 * chat item; the second yields one batch per chunk of lines, already marked.
 */
export const readYtDlp: ArchiveReader = async function* (input, ctx: ReaderContext) {
  const authors = new AuthorInterner();
  const { first, second } = await twoPasses(input, ctx);
  const pass = await ytdlpFirstPass(first, ctx.file);
  let tickerDuplicates = 0;

  const place = (rendered: RenderedItem, offsetMs: number | undefined, isLive: boolean, line: number): ChatMessage | undefined => {
    const { message, timestampUsec, timestampText } = rendered;
    // The field the time came from, for an error: the offset was checked by LineSchema already.
    let from: 'timestampUsec' | 'timestampText.simpleText' | undefined;
    const live = isLive ? liveWallClockMs(timestampUsec, ctx.timeBase) : undefined;
    if (live !== undefined) {
      message.timeMs = live;
      from = 'timestampUsec';
    } else if (offsetMs !== undefined) {
      // YouTube sets the offset to 0 for messages sent before the stream started; the text keeps the truth.
      const fromText = offsetMs <= 0 && timestampText !== undefined ? clockTextToMs(timestampText) : undefined;
      if (fromText !== undefined && fromText < 0) {
        message.timeMs = fromText;
        from = 'timestampText.simpleText';
      } else message.timeMs = offsetMs;
    } else {
      const wall = liveWallClockMs(timestampUsec, ctx.timeBase);
      if (wall === undefined) {
        count(ctx.stats, 'no video offset');
        return undefined;
      }
      message.timeMs = wall;
      from = 'timestampUsec';
    }
    if (from !== undefined && !isTimeInRange(message.timeMs)) {
      throw timeOutOfRange(ctx.file, { line, path: `${rendered.path}.${from}` }, from === 'timestampUsec' ? timestampUsec : timestampText);
    }
    return message;
  };

  /** Whether any line is YouTube chat; until one is, the first line, to say what the file holds instead. */
  let isYouTubeChat = false;
  let firstOther: { line: number; raw: unknown } | undefined;
  for await (const chunk of streamJsonLineChunks(decodeChatInput(second, ctx.file))) {
    for (let k = 0; k < chunk.starts.length; k++) {
      // Parsed only now, so that each line's tree (1–2 kB of JSON, mostly photos and tracking
      // params) dies before the next is parsed.
      const raw = parseJsonLine(chunk, k, ctx.file);
      if (raw === undefined) continue;
      const line = chunk.lines[k]!;
      ctx.stats.records++;
      const parsed = parseAt(LineSchema, raw, ctx.file, line, '');
      const replay = parsed.replayChatItemAction;
      // A line without the replay wrapper is a bare action (e.g. the "Live chat replay is on" notice).
      const actions = replay ? replay.actions : [raw as Record<string, unknown>];
      if (!isYouTubeChat) {
        if (replay || ACTION_NAME.test(actionName(raw as Record<string, unknown>) ?? '')) isYouTubeChat = true;
        else firstOther ??= { line, raw };
      }
      const offsetMs = replay?.videoOffsetTimeMsec ?? parsed.videoOffsetTimeMsec;
      const rendererCtx: RendererContext = { file: ctx.file, line, authors };
      actions.forEach((action, a) => {
        const base = replay ? `replayChatItemAction.actions[${a}]` : '';
        const name = actionName(action);
        const at = (key: string) => (base ? `${base}.${key}` : key);
        switch (name) {
          case 'addChatItemAction':
          case 'replaceChatItemAction': {
            const item =
              name === 'addChatItemAction'
                ? parseAt(AddItemSchema, action[name], ctx.file, line, at(name)).item
                : parseAt(ReplaceItemSchema, action[name], ctx.file, line, at(name)).replacementItem;
            const rendered = readRenderer(item, rendererCtx, at(`${name}.${name === 'addChatItemAction' ? 'item' : 'replacementItem'}`));
            if ('skipped' in rendered) return count(ctx.stats, rendered.skipped);
            if (!pass.claim(rendered.message.id)) return count(ctx.stats, 'duplicate id');
            const message = place(rendered, offsetMs, parsed.isLive === true, line);
            if (message) pass.push(message);
            return;
          }
          case 'addLiveChatTickerItemAction': {
            const ticker = parseAt(TickerSchema, action[name], ctx.file, line, at(name)).item;
            for (const [tickerName, body] of Object.entries(ticker)) {
              const inner = body.showItemEndpoint?.showLiveChatItemEndpoint.renderer;
              if (!inner) {
                count(ctx.stats, tickerName);
                continue;
              }
              const rendered = readRenderer(inner, rendererCtx, at(`${name}.item.${tickerName}.showItemEndpoint.showLiveChatItemEndpoint.renderer`));
              if ('skipped' in rendered) count(ctx.stats, rendered.skipped);
              else {
                const message = place(rendered, offsetMs, parsed.isLive === true, line);
                if (message && pass.offerTicker(message) === 'duplicate') tickerDuplicates++;
              }
            }
            return;
          }
          // Learnt in the first pass; here they are only validated.
          case 'markChatItemAsDeletedAction':
          case 'removeChatItemAction':
            parseAt(DeleteItemSchema, action[name], ctx.file, line, at(name));
            return;
          case 'markChatItemsByAuthorAsDeletedAction':
          case 'removeChatItemByAuthorAction':
            parseAt(DeleteAuthorSchema, action[name], ctx.file, line, at(name));
            return;
          default:
            count(ctx.stats, name ?? 'empty action');
        }
      });
    }
    const messages = pass.take();
    if (messages.length) yield messages;
  }
  if (!isYouTubeChat && firstOther !== undefined) {
    throw new FormatMismatch(
      'ytdlp',
      `not a yt-dlp live chat: none of its ${ctx.stats.records} line${ctx.stats.records === 1 ? ' is' : 's is'} a YouTube chat action; line ${firstOther.line} is ${describeRecord(firstOther.raw)}`,
      ctx.file,
      { line: firstOther.line },
    );
  }
  count(ctx.stats, 'ticker duplicate', tickerDuplicates);
  const rest = pass.rest();
  if (rest.length) yield rest;
};
