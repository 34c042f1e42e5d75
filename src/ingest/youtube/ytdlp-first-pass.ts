import { decodeChatInput } from '../decode.js';
import { ByteSource } from '../json/byte-source.js';
import { JsonCursor } from '../json/cursor.js';
import { WHOLE } from '../json/projection.js';
import { MESSAGE_RENDERERS } from './renderers.js';
import { FirstPass, type SecondPass } from './two-pass.js';
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, OPEN_BRACE, OPEN_BRACKET, QUOTE } from '../json/bytes.js';

/** What one line tells the first pass, applied only once the whole line has been read. */
export const enum Found {
  Item,
  Ticker,
  DeletedMessage,
  BannedAuthor,
}
type Findings = { kinds: Found[]; values: string[] };

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The id of a chat item (`{liveChatTextMessageRenderer: {id, …}}`) that readRenderer turns into a message. */
function messageItemId(item: unknown): string | undefined {
  if (!isObject(item)) return undefined;
  const name = Object.keys(item)[0];
  if (name === undefined || !MESSAGE_RENDERERS.has(name)) return undefined;
  const body = item[name];
  return isObject(body) && typeof body.id === 'string' ? body.id : undefined;
}

function push(out: Findings, kind: Found, value: string): void {
  out.kinds.push(kind);
  out.values.push(value);
}

/** The actions besides chat items that the first pass reads: tickers, deletions, bans. */
const OTHER_ACTIONS: ReadonlySet<string> = new Set([
  'addLiveChatTickerItemAction',
  'markChatItemAsDeletedAction',
  'removeChatItemAction',
  'markChatItemsByAuthorAsDeletedAction',
  'removeChatItemByAuthorAction',
]);

/** One action's body, parsed: what readYtDlp's second pass would claim, offer, delete or ban. */
function actionFindings(name: string, body: unknown, out: Findings): void {
  if (!isObject(body)) return;
  switch (name) {
    case 'addChatItemAction':
    case 'replaceChatItemAction': {
      const id = messageItemId(name === 'addChatItemAction' ? body.item : body.replacementItem);
      if (id !== undefined) push(out, Found.Item, id);
      return;
    }
    case 'addLiveChatTickerItemAction':
      if (!isObject(body.item)) return;
      for (const ticker of Object.values(body.item)) {
        if (!isObject(ticker) || !isObject(ticker.showItemEndpoint)) continue;
        const endpoint = ticker.showItemEndpoint.showLiveChatItemEndpoint;
        const id = isObject(endpoint) ? messageItemId(endpoint.renderer) : undefined;
        if (id !== undefined) push(out, Found.Ticker, id);
      }
      return;
    case 'markChatItemAsDeletedAction':
    case 'removeChatItemAction':
      if (typeof body.targetItemId === 'string' && body.targetItemId !== '') push(out, Found.DeletedMessage, body.targetItemId);
      return;
    case 'markChatItemsByAuthorAsDeletedAction':
    case 'removeChatItemByAuthorAction':
      if (typeof body.externalChannelId === 'string' && body.externalChannelId !== '') push(out, Found.BannedAuthor, body.externalChannelId);
      return;
  }
}

/** A parsed line: the reference for what the cursor walk below finds without parsing. */
function lineFindings(raw: unknown, out: Findings): void {
  if (!isObject(raw)) return;
  const replay = raw.replayChatItemAction;
  // A line without the replay wrapper is a bare action.
  const actions = replay === undefined ? [raw] : isObject(replay) && Array.isArray(replay.actions) ? replay.actions : [];
  for (const action of actions) {
    if (!isObject(action)) continue;
    const name = Object.keys(action).find((key) => key !== 'clickTrackingParams');
    if (name !== undefined) actionFindings(name, action[name], out);
  }
}

/** Thrown when the walk meets something it leaves to JSON.parse. */
const GIVE_UP = new Error('not a plain line');

interface FastSlices {
  utf8Slice(start: number, end: number): string;
}

/** The byte range of the key just read, in the cursor's buffer (set by eachMember). */
let keyStart = 0;
let keyEnd = 0;

/** Whether the key just read is `name`, compared as bytes: no string is built for the many keys that are skipped. */
function keyIs(c: JsonCursor, name: Buffer): boolean {
  if (keyEnd - keyStart !== name.length) return false;
  const b = c.buf;
  for (let k = 0; k < name.length; k++) if (b[keyStart + k] !== name[k]) return false;
  return true;
}

function keyText(c: JsonCursor): string {
  return (c.buf as unknown as FastSlices).utf8Slice(keyStart, keyEnd);
}

const REPLAY = Buffer.from('replayChatItemAction');
const ACTIONS = Buffer.from('actions');
const CLICK_TRACKING = Buffer.from('clickTrackingParams');
const ADD = Buffer.from('addChatItemAction');
const REPLACE = Buffer.from('replaceChatItemAction');
const ITEM = Buffer.from('item');
const REPLACEMENT_ITEM = Buffer.from('replacementItem');
const ID = Buffer.from('id');

/**
 * Calls `member` for each key of the object at the cursor (the key in keyStart/keyEnd); `member`
 * consumes the value. A value that is not an object is skipped (false). A key with an escape gives
 * up: compared as bytes it could differ from what JSON.parse makes of it.
 */
function eachMember(c: JsonCursor, member: () => void): boolean {
  if (c.peek() !== OPEN_BRACE) {
    c.skip();
    return false;
  }
  c.i++;
  if (c.peek() === CLOSE_BRACE) {
    c.i++;
    return true;
  }
  const b = c.buf;
  for (;;) {
    if (c.peek() !== QUOTE) throw GIVE_UP;
    let i = c.i + 1;
    for (;;) {
      const x = b[i];
      if (x === QUOTE) break;
      if (x === BACKSLASH || x === undefined) throw GIVE_UP;
      i++;
    }
    keyStart = c.i + 1;
    keyEnd = i;
    c.i = i + 1;
    c.expect(COLON, "':'");
    member();
    if (c.endOfMember(CLOSE_BRACE, "'}'")) return true;
  }
}

/** A chat item: its first key must name a message renderer whose object has a string `id`. */
function walkItem(c: JsonCursor, out: Findings): void {
  let first = true;
  eachMember(c, () => {
    if (!first || !MESSAGE_RENDERERS.has(keyText(c))) {
      first = false;
      c.skip();
      return;
    }
    first = false;
    let id: string | undefined;
    eachMember(c, () => {
      if (keyIs(c, ID) && c.peek() === QUOTE) id = c.string();
      else c.skip();
    });
    if (id !== undefined) push(out, Found.Item, id);
  });
}

/** One action; chat items (nearly every line) are walked, the rare rest is parsed and read as objects. */
function walkAction(c: JsonCursor, out: Findings): void {
  let named = false;
  eachMember(c, () => {
    if (named || keyIs(c, CLICK_TRACKING)) {
      c.skip();
      return;
    }
    named = true;
    const add = keyIs(c, ADD);
    if (add || keyIs(c, REPLACE)) {
      const itemKey = add ? ITEM : REPLACEMENT_ITEM;
      eachMember(c, () => (keyIs(c, itemKey) ? walkItem(c, out) : c.skip()));
      return;
    }
    const name = keyText(c);
    if (OTHER_ACTIONS.has(name)) actionFindings(name, c.value(WHOLE), out);
    else c.skip();
  });
}

/**
 * The findings of one line without building it: keys are compared, everything else skipped. Object
 * keys are taken in file order, which is Object.keys order as long as no key is repeated or an
 * integer (yt-dlp writes neither); anything unexpected throws and the line is parsed instead.
 */
function walkLine(c: JsonCursor, out: Findings): void {
  let replay = false;
  let first = true;
  const bare: Findings = { kinds: [], values: [] };
  const isObjectLine = eachMember(c, () => {
    if (keyIs(c, REPLAY)) {
      replay = true;
      first = false;
      eachMember(c, () => {
        if (!keyIs(c, ACTIONS) || c.peek() !== OPEN_BRACKET) return c.skip();
        c.i++;
        if (c.peek() === CLOSE_BRACKET) {
          c.i++;
          return;
        }
        do walkAction(c, out);
        while (!c.endOfMember(CLOSE_BRACKET, "']'"));
      });
      return;
    }
    if (first && !keyIs(c, CLICK_TRACKING)) {
      first = false;
      const key = keyText(c);
      if (key === 'addChatItemAction' || key === 'replaceChatItemAction' || OTHER_ACTIONS.has(key)) return actionFindings(key, c.value(WHOLE), bare);
    }
    c.skip();
  });
  if (!isObjectLine) return;
  if (!c.atEnd()) throw GIVE_UP;
  if (!replay) {
    out.kinds.push(...bare.kinds);
    out.values.push(...bare.values);
  }
}

/**
 * readYtDlp's first pass: deletions, bans and the ids of chat items and tickers. Lines are split as
 * streamJsonLines splits them; each is walked with a JSON cursor that skips renderer contents, or
 * parsed when the walk gives up. A line that does not parse ends the pass: the second pass reports it.
 */
export async function ytdlpFirstPass(bytes: AsyncIterable<Uint8Array>, file: string): Promise<SecondPass> {
  const pass = new FirstPass();
  const source = new ByteSource(decodeChatInput(bytes, file));
  const cursor = new JsonCursor();
  const found: Findings = { kinds: [], values: [] };
  let start = 0;
  try {
    for (;;) {
      await source.more(start);
      const buf = source.buf;
      start = 0;
      for (;;) {
        let end = buf.indexOf(0x0a, start);
        if (end < 0) {
          if (!source.done || start >= buf.length) break;
          end = buf.length; // the last line may lack its newline
        }
        found.kinds.length = 0;
        found.values.length = 0;
        cursor.reset(buf.subarray(start, end), 0, 0, true);
        try {
          if (!cursor.atEnd()) walkLine(cursor, found);
        } catch {
          found.kinds.length = 0;
          found.values.length = 0;
          const text = (buf as unknown as FastSlices).utf8Slice(start, end);
          if (text.trim() !== '') lineFindings(JSON.parse(text), found);
        }
        for (let k = 0; k < found.kinds.length; k++) {
          const value = found.values[k]!;
          switch (found.kinds[k]) {
            case Found.Item:
              pass.item(value);
              break;
            case Found.Ticker:
              pass.ticker(value);
              break;
            case Found.DeletedMessage:
              pass.deletions.deleteMessage(value);
              break;
            case Found.BannedAuthor:
              pass.deletions.deleteAuthor(value);
              break;
          }
        }
        start = end + 1;
        if (start >= buf.length) break;
      }
      if (source.done) break;
    }
  } catch {
    // A line JSON.parse rejects, or a byte-level error: the second pass meets it too, where it is reported.
  }
  return pass.finish();
}

/** For tests: what the walk finds on one line (undefined when it gives up), and what parsing finds. */
export function firstPassFindings(line: string): { walked?: [Found, string][]; parsed: [Found, string][] } {
  const pair = (f: Findings) => f.kinds.map((kind, k): [Found, string] => [kind, f.values[k]!]);
  const parsed: Findings = { kinds: [], values: [] };
  lineFindings(JSON.parse(line), parsed);
  const walked: Findings = { kinds: [], values: [] };
  const cursor = new JsonCursor();
  cursor.reset(Buffer.from(line), 0, 0, true);
  try {
    walkLine(cursor, walked);
  } catch {
    return { parsed: pair(parsed) };
  }
  return { walked: pair(walked), parsed: pair(parsed) };
}
