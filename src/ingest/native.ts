import { inputError } from '../errors.js';
import { AuthorInterner } from './author-intern.js';
import { decodeChatInput } from './decode.js';
import { FormatMismatch } from './format-mismatch.js';
import { compileSafeParse } from './json/fast-check.js';
import { projectionFromSchema, WHOLE } from './json/projection.js';
import { streamRecords, type RecordWhere } from './json/records.js';
import type { ChatMessage } from './message.js';
import { NativeBroadcastSchema, NativeMessageSchema, type NativeMessage } from './native-schema.js';
import { schemaError } from './schema-error.js';
import { parseIsoInstant, wallClockToVideoMs } from './time-base.js';
import { isTimeInRange, timeOutOfRange } from './time-range.js';
import type { ArchiveReader, ReaderContext } from './types.js';

const MESSAGE_PROJECTION = projectionFromSchema(NativeMessageSchema);
const BROADCAST_PROJECTION = projectionFromSchema(NativeBroadcastSchema);
const parseNativeMessage = compileSafeParse(NativeMessageSchema);

/** Where a message with an `offsetMs` is: never asked, since only `sentAt` is converted with a position. */
const NO_POSITION: RecordWhere = '';

function positionOf(where: RecordWhere, field: string) {
  return typeof where === 'string' ? { path: `${where}.${field}` } : { line: where.line, path: field };
}

/** Turns one validated native message into the normalized message. */
export function nativeToMessage(
  m: NativeMessage,
  index: number,
  archiveStartedAtMs: number | undefined,
  ctx: ReaderContext,
  where: RecordWhere = `messages[${index}]`,
): ChatMessage {
  let timeMs = m.offsetMs;
  if (timeMs === undefined) {
    // offsetMs is in range by its schema; an instant far from the start need not be.
    const position = positionOf(where, 'sentAt');
    timeMs = wallClockToVideoMs(parseIsoInstant(m.sentAt!)!, ctx.timeBase, archiveStartedAtMs, ctx.file, position);
    if (!isTimeInRange(timeMs)) throw timeOutOfRange(ctx.file, position, m.sentAt);
  }
  return { id: m.id, timeMs, author: m.author, text: m.text, kind: m.kind ?? 'chat', deleted: m.deleted ?? false };
}

/**
 * Shared by the document and JSON Lines forms: messages with an absolute `sentAt` need
 * broadcast.startedAt, which a document may declare after its messages, so only those wait.
 */
async function* readNative(input: AsyncIterable<Uint8Array>, ctx: ReaderContext, lines: boolean): AsyncGenerator<ChatMessage[]> {
  const authors = new AuthorInterner();
  let startedAtMs: number | undefined;
  let broadcastSeen = false;
  let version: unknown;
  let root: 'object' | 'lines' | 'array' = lines ? 'lines' : 'array';
  const waiting: Array<{ m: NativeMessage; where: RecordWhere }> = [];
  const convert = (m: NativeMessage, where: RecordWhere): ChatMessage => {
    const message = nativeToMessage(m, 0, startedAtMs, ctx, where);
    // Share author objects between messages: archives repeat the same chatters thousands of times.
    message.author = authors.author(m.author.id, m.author.name, m.author.roles, m.author.color);
    return message;
  };
  const readBroadcast = (raw: unknown, where: RecordWhere) => {
    const broadcast = NativeBroadcastSchema.safeParse(raw);
    if (!broadcast.success) throw schemaError(ctx.file, typeof where === 'string' ? where : { line: where.line, path: 'broadcast' }, broadcast.error, raw);
    const started = broadcast.data.startedAt;
    startedAtMs = started ? parseIsoInstant(started) : undefined;
    broadcastSeen = true;
  };
  const events = streamRecords(decodeChatInput(input, ctx.file), { file: ctx.file, arrayKeys: ['messages'], itemProjection: MESSAGE_PROJECTION, members: { version: WHOLE, broadcast: BROADCAST_PROJECTION } }, lines);
  let messagesSeen = false;
  for await (const event of events) {
    if (event.kind === 'root') {
      // An object without "messages" (another format's document) must not pass as an empty bare array.
      root = event.type;
      continue;
    }
    if (event.kind === 'array') {
      root = 'object';
      messagesSeen = true;
      continue;
    }
    if (event.kind === 'member') {
      root = 'object';
      if (event.key === 'version') version = event.value;
      else readBroadcast(event.value, 'broadcast');
      continue;
    }
    const batch: ChatMessage[] = [];
    const values = event.values;
    // A record's position (`messages[12]`, or a line) is a string built only when it is needed:
    // for an error, or for a message converted from `sentAt`. Built for every record, it showed
    // in the reader's profile.
    for (let k = 0; k < values.length; k++) {
      const raw = values[k];
      // A JSON Lines archive may start with a header line `{"version":1,"broadcast":{...}}`.
      if (lines && typeof raw === 'object' && raw !== null && 'version' in raw && !('id' in raw)) {
        version = (raw as { version: unknown }).version;
        if ('broadcast' in raw) readBroadcast((raw as { broadcast: unknown }).broadcast, event.where(k));
        continue;
      }
      ctx.stats.records++;
      const parsed = parseNativeMessage(raw);
      if (!parsed.success) throw schemaError(ctx.file, event.where(k), parsed.error, raw);
      const m = parsed.data;
      if (m.offsetMs === undefined && !broadcastSeen && ctx.timeBase.startedAtMs === undefined && root === 'object') waiting.push({ m, where: event.where(k) });
      else batch.push(convert(m, m.offsetMs === undefined ? event.where(k) : NO_POSITION));
    }
    if (batch.length) yield batch;
  }
  if (root === 'object' && !messagesSeen) {
    throw new FormatMismatch(lines ? 'native-jsonl' : 'native', 'missing "messages": the archive must have a "messages" array (or be a bare array of messages)', ctx.file, { path: 'messages' });
  }
  if (root === 'object' && version !== 1) {
    throw inputError(version === undefined ? 'missing "version": 1' : `unsupported version ${JSON.stringify(version)} (expected 1)`, ctx.file, { path: 'version' });
  }
  if (waiting.length) yield waiting.map(({ m, where }) => convert(m, where));
}

/** The native archive: `{"version":1,"broadcast":{...},"messages":[...]}` or a bare array of messages. */
export const readNativeArchive: ArchiveReader = (input, ctx) => readNative(input, ctx, false);

/** The native format as JSON Lines: one message per line, optionally after a `{"version":1,...}` header line. */
export const readNativeJsonLines: ArchiveReader = (input, ctx) => readNative(input, ctx, true);
