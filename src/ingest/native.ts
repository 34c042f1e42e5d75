import { inputError } from '../errors.js';
import type { ChatMessage } from './message.js';
import { NativeArchiveSchema, NativeMessageSchema, type NativeMessage } from './native-schema.js';
import { parseIsoInstant, wallClockToVideoMs } from './time-base.js';
import type { ArchiveReader, ReaderContext } from './types.js';
import { formatZodPath } from './zod-path.js';

/** Turns one validated native message into the normalized message. */
export function nativeToMessage(
  m: NativeMessage,
  index: number,
  archiveStartedAtMs: number | undefined,
  ctx: ReaderContext,
): ChatMessage {
  const timeMs =
    m.offsetMs !== undefined
      ? m.offsetMs
      : wallClockToVideoMs(parseIsoInstant(m.sentAt!)!, ctx.timeBase, archiveStartedAtMs, ctx.file, {
          path: `messages[${index}].sentAt`,
        });
  return {
    id: m.id,
    timeMs,
    author: m.author,
    text: m.text,
    kind: m.kind ?? 'chat',
    deleted: m.deleted ?? false,
  };
}

/** Validates element `index` of `messages`; the error names the index and the field path. */
export function parseNativeMessage(raw: unknown, index: number, file: string, prefix = 'messages'): NativeMessage {
  const result = NativeMessageSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw inputError(issue.message, file, { path: formatZodPath(`${prefix}[${index}]`, issue.path) });
  }
  return result.data;
}

async function readWholeText(input: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * The native archive: `{"version":1,"broadcast":{...},"messages":[...]}` or a bare array of messages.
 * TODO(ingest): stream instead of reading the whole text (issue: bounded memory).
 */
export const readNativeArchive: ArchiveReader = async function* (input, ctx) {
  const text = await readWholeText(input);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw inputError(`not valid JSON: ${(err as Error).message}`, ctx.file);
  }
  let rawMessages: unknown[];
  let startedAtMs: number | undefined;
  if (Array.isArray(doc)) {
    rawMessages = doc;
  } else {
    const root = NativeArchiveSchema.safeParse(doc);
    if (!root.success) {
      const issue = root.error.issues[0]!;
      throw inputError(issue.message, ctx.file, { path: formatZodPath('', issue.path) || '(root)' });
    }
    rawMessages = root.data.messages;
    const started = root.data.broadcast?.startedAt;
    startedAtMs = started ? parseIsoInstant(started) : undefined;
  }
  const batch: ChatMessage[] = [];
  rawMessages.forEach((raw, index) => {
    ctx.stats.records++;
    batch.push(nativeToMessage(parseNativeMessage(raw, index, ctx.file), index, startedAtMs, ctx));
  });
  yield batch;
};
