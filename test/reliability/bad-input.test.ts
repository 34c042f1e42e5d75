/**
 * Issue 9 §1, archives: a malformed chat archive is rejected with exit 1 and one line naming the file
 * and the position (text line/column, or JSON path with the message index), and nothing is written —
 * neither on a fresh VOD nor over an earlier rendition. Inputs that are odd but valid (past-end times,
 * duplicate ids, an empty archive, a BOM) package normally and say what they dropped.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRendition } from '../../src/validate/index.js';
import { runCli, SAMPLE_CHAT } from '../support/cli.js';
import { parseSegment, visibleText } from '../support/webvtt.js';
import { atLine, atPath, expectRejected, STATES, useCaseTemplates } from './matrix.js';
import { uriLines } from './support.js';

const sample = readFileSync(SAMPLE_CHAT, 'utf8');
const sampleDoc = JSON.parse(sample) as { version: 1; broadcast: unknown; messages: Record<string, unknown>[] };

/** The sample with message `index` replaced by `edit(message)`. */
function sampleWith(index: number, edit: (m: Record<string, unknown>) => unknown): string {
  const messages = sampleDoc.messages.map((m, i) => (i === index ? edit(structuredClone(m)) : m));
  return JSON.stringify({ ...sampleDoc, messages }, null, 1);
}
const without = (key: string) => (m: Record<string, unknown>) => {
  delete m[key];
  return m;
};

/** One malformed archive and where its error must point. */
interface BadArchive {
  name: string;
  text: string;
  /** Given the archive's path, what the stderr line must match. */
  position: (file: string) => RegExp;
}

const BAD_ARCHIVES: BadArchive[] = [
  // Syntax: the position is the line (and column) where parsing stopped.
  { name: 'truncated JSON', text: sample.slice(0, Math.floor(sample.length * 0.6)), position: (f) => atLine(f) },
  { name: 'truncated before the messages', text: '{"version":1,"broadcast":{"title":"한결 방송', position: (f) => atLine(f, 1) },
  { name: 'trailing garbage after the document', text: `${sample.trimEnd()}\n]}\n`, position: (f) => atLine(f, sample.trimEnd().split('\n').length + 1) },
  { name: 'a second document after the first', text: '{"version":1,"messages":[]} {"version":1,"messages":[]}', position: (f) => atLine(f, 1) },
  { name: 'NaN literal (not JSON)', text: '{"version":1,"messages":[\n{"id":"a","offsetMs":NaN,"author":{"name":"x"},"text":"t"}]}', position: (f) => atLine(f, 2) },
  { name: 'an empty file', text: '', position: (f) => new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:1(:1)?)?: `) },
  // Schema: the position is the JSON path, with the message index.
  { name: 'wrong type: offsetMs as a string', text: sampleWith(3, (m) => ({ ...m, offsetMs: String(m.offsetMs) })), position: (f) => atPath(f, 'messages[3].offsetMs') },
  { name: 'wrong type: text as a number', text: sampleWith(7, (m) => ({ ...m, text: 42 })), position: (f) => atPath(f, 'messages[7].text') },
  { name: 'wrong type: author as a string', text: sampleWith(2, (m) => ({ ...m, author: 'someone' })), position: (f) => atPath(f, 'messages[2].author') },
  { name: 'wrong type: messages is an object', text: '{"version":1,"messages":{}}', position: (f) => atPath(f, 'messages') },
  { name: 'missing field: author', text: sampleWith(5, without('author')), position: (f) => atPath(f, 'messages[5].author') },
  { name: 'missing field: id', text: sampleWith(0, without('id')), position: (f) => atPath(f, 'messages[0].id') },
  { name: 'missing field: text', text: sampleWith(40, without('text')), position: (f) => atPath(f, 'messages[40].text') },
  { name: 'missing field: author.name', text: sampleWith(9, (m) => ({ ...m, author: {} })), position: (f) => atPath(f, 'messages[9].author.name') },
  { name: 'missing field: both offsetMs and sentAt', text: sampleWith(4, without('offsetMs')), position: (f) => atPath(f, 'messages[4]') },
  // Found by this matrix, fixed in f14e55b: these three packaged a silently empty track (exit 0),
  // the outcome issue 9 calls worse than a crash.
  { name: 'missing field: messages', text: '{"version":1}', position: (f) => atPath(f, 'messages') },
  { name: 'misspelled field: mesages', text: sample.replace('"messages"', '"mesages"'), position: (f) => atPath(f, 'messages') },
  { name: 'missing field: version', text: '{"messages":[]}', position: (f) => atPath(f, 'version') },
  { name: 'unsupported version', text: '{"version":2,"messages":[]}', position: (f) => atPath(f, 'version') },
  { name: 'negative offsetMs', text: sampleWith(6, (m) => ({ ...m, offsetMs: -1500 })), position: (f) => atPath(f, 'messages[6].offsetMs') },
  { name: 'fractional offsetMs', text: sampleWith(6, (m) => ({ ...m, offsetMs: 12.5 })), position: (f) => atPath(f, 'messages[6].offsetMs') },
  { name: 'NaN offsetMs (as a string)', text: sampleWith(8, (m) => ({ ...m, offsetMs: 'NaN' })), position: (f) => atPath(f, 'messages[8].offsetMs') },
  { name: 'huge offsetMs beyond exact integers (1e21)', text: sampleWith(10, (m) => ({ ...m, offsetMs: 1e21 })), position: (f) => atPath(f, 'messages[10].offsetMs') },
  { name: 'infinite offsetMs (1e999)', text: sampleWith(11, (m) => ({ ...m, offsetMs: 123_456_789 })).replace('123456789', '1e999'), position: (f) => atPath(f, 'messages[11].offsetMs') },
  { name: 'sentAt that is not a date', text: sampleWith(12, (m) => ({ ...without('offsetMs')(m), sentAt: 'yesterday' })), position: (f) => atPath(f, 'messages[12].sentAt') },
  { name: 'sentAt without a zone', text: sampleWith(13, (m) => ({ ...without('offsetMs')(m), sentAt: '2026-11-21T19:00:05' })), position: (f) => atPath(f, 'messages[13].sentAt') },
  { name: 'sentAt with no start time to map it', text: JSON.stringify({ version: 1, messages: [{ id: 'a', sentAt: '2026-11-21T19:00:05Z', author: { name: 'x' }, text: 't' }] }), position: (f) => atPath(f, 'messages[0].sentAt') },
  { name: 'author color that is not #rrggbb', text: sampleWith(14, (m) => ({ ...m, author: { name: 'x', color: 'red' } })), position: (f) => atPath(f, 'messages[14].author.color') },
];

const newCase = useCaseTemplates();

describe.each(STATES)('a malformed archive on a %s VOD: exit 1, one line with the position, nothing written', (state) => {
  it.each(BAD_ARCHIVES)('$name', async ({ text, position }) => {
    const { dir, master } = newCase(state);
    const chat = join(dir, 'bad chat.json');
    writeFileSync(chat, text);
    // The archive sits in the VOD folder so the snapshot covers it; the run must not touch it either.
    await expectRejected(dir, ['--chat', chat, '--master', master], { code: 1, file: chat, position: position(chat) });
  });
});

/** Packages `messages` on a fresh sample copy and returns the run, its summary and the parsed segments. */
async function packageMessages(messages: unknown, label: string) {
  const { dir, master } = newCase('fresh');
  const chat = join(dir, `${label}.json`);
  writeFileSync(chat, typeof messages === 'string' ? messages : JSON.stringify(messages));
  const run = await runCli(['package', '--chat', chat, '--master', master, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const subsDir = join(dir, 'subs', 'chat_kor');
  const segments = uriLines(readFileSync(join(subsDir, 'index.m3u8'), 'utf8')).map((u) => parseSegment(readFileSync(join(subsDir, u), 'utf8')));
  const findings = await validateRendition(master, { rendition: 'chat_kor' });
  return { dir, master, summary: JSON.parse(run.stdout), segments, errors: findings.filter((f) => f.severity === 'error') };
}

const msg = (id: string, offsetMs: number, text: string) => ({ id, offsetMs, author: { name: 'viewer' }, text });

describe('odd but valid archives package normally', () => {
  it('drops and counts messages past the video end (not an error), including the largest exact integer time', async () => {
    const r = await packageMessages({ version: 1, messages: [msg('a', 1000, 'in'), msg('b', 36_000_000, 'ten hours in'), msg('c', Number.MAX_SAFE_INTEGER, 'the end of time')] }, 'past-end');
    expect(r.summary.messages.read).toBe(3);
    expect(r.summary.cues.droppedPastEnd).toBe(2);
    const shown = r.segments.flatMap((s) => s.cues.map((c) => visibleText(c.text)));
    expect(shown).toEqual(['viewer: in']);
    expect(r.errors).toEqual([]);
  });

  it('keeps both messages of a duplicate id, with distinct cue ids', async () => {
    const r = await packageMessages({ version: 1, messages: [msg('dup', 1000, 'first'), msg('dup', 1000, 'second'), msg('dup', 9000, 'third')] }, 'duplicate-ids');
    const idsByText = new Map<string, Set<string>>();
    for (const cue of r.segments.flatMap((s) => s.cues)) {
      const ids = idsByText.get(visibleText(cue.text)) ?? new Set();
      idsByText.set(visibleText(cue.text), ids.add(cue.id));
    }
    expect([...idsByText.keys()].sort()).toEqual(['viewer: first', 'viewer: second', 'viewer: third']);
    // One id per message however often its cue repeats, and no id shared by two messages.
    const ids = [...idsByText.values()].map((s) => [...s]);
    expect(ids.every((s) => s.length === 1)).toBe(true);
    expect(new Set(ids.flat()).size).toBe(3);
    expect(r.errors).toEqual([]);
  });

  // Found by the fuzz, fixed in f14e55b: cue ids were then built from message ids, and a repeated
  // id became `<id>~2`, the same as a message whose own id is "a~2", so two cues shared an
  // identifier and hls.js drops the later one (validate: cue-id-duplicate). Cue ids are built from
  // start times now; message ids like these must still never reach one cue id twice.
  it('keeps ids distinct when a message id looks like a repeat\'s suffix (a, a, a~2)', async () => {
    const r = await packageMessages({ version: 1, messages: [msg('a', 1000, 'first a'), msg('a', 1500, 'second a'), msg('a~2', 2000, 'its own a~2')] }, 'suffix-ids');
    const ids = r.segments[0]!.cues.map((c) => c.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(r.errors).toEqual([]);
  });

  // Found by the fuzz, fixed in f14e55b: when cue ids were built from message ids,
  // encodeURIComponent threw URIError on a lone surrogate, so an id like "\udc00" (valid JSON,
  // valid per the schema) crashed the run with exit 3 and "URI malformed", naming no file.
  it('packages a message whose id holds a lone surrogate', async () => {
    const r = await packageMessages({ version: 1, messages: [msg('ok', 500, 'before'), msg('bad\udc00id', 1000, 'lone surrogate id'), msg('\ud800', 1200, 'another')] }, 'surrogate-ids');
    const shown = r.segments[0]!.cues.map((c) => visibleText(c.text));
    expect(shown).toEqual(['viewer: before', 'viewer: lone surrogate id', 'viewer: another']);
    expect(r.errors).toEqual([]);
  });

  it.each([
    ['an object with no messages', { version: 1, messages: [] }],
    ['a bare empty array', []],
  ])('packages %s as a valid empty track (header-only segments, master registered)', async (_name, doc) => {
    const r = await packageMessages(doc, 'empty');
    expect(r.summary.messages.read).toBe(0);
    expect(r.segments).toHaveLength(7);
    expect(r.segments.every((s) => s.cues.length === 0 && s.map === 'MPEGTS:126000,LOCAL:00:00:00.000')).toBe(true);
    expect(readFileSync(r.master, 'utf8')).toContain('NAME="chat_kor"');
    for (const name of readdirSync(join(r.dir, 'subs', 'chat_kor'))) {
      expect(readFileSync(join(r.dir, 'subs', 'chat_kor', name)).length, name).toBeGreaterThan(0);
    }
    expect(r.errors).toEqual([]);
  });

  it('reads an archive with a UTF-8 BOM exactly like the same archive without one', async () => {
    const plain = await packageMessages(sample, 'plain');
    const bom = await packageMessages(`\uFEFF${sample}`, 'bom');
    expect(bom.segments).toEqual(plain.segments);
    expect(bom.summary.messages).toEqual(plain.summary.messages);
    expect(bom.errors).toEqual([]);
  });

  it('reads an archive with CRLF line endings exactly like the LF one', async () => {
    const plain = await packageMessages(sample, 'lf');
    const crlf = await packageMessages(sample.replace(/\n/g, '\r\n'), 'crlf');
    expect(crlf.segments).toEqual(plain.segments);
  });
});

describe('usage errors: exit 2, one line naming the option, nothing written', () => {
  it.each([
    ['--hold -1', ['--hold', '-1'], '--hold'],
    ['--hold NaN', ['--hold', 'NaN'], '--hold'],
    ['--max-visible 0', ['--max-visible', '0'], '--max-visible'],
    ['--mpegts -5', ['--mpegts', '-5'], '--mpegts'],
    ['--mpegts 2^33', ['--mpegts', String(2 ** 33)], '--mpegts'],
    ['--language "korean language"', ['--language', 'korean language'], '--language'],
    // Valid in RFC 5646 but deprecated (tlh replaces it), and refused by Intl and so by players.
    ['--language i-klingon', ['--language', 'i-klingon'], '--language'],
    ['--started-at not-a-date', ['--started-at', 'not-a-date'], '--started-at'],
    ['an unknown option', ['--colour', 'red'], 'colour'],
    ['--lock-timeout -5 (was taken as 0)', ['--lock-timeout', '-5'], '--lock-timeout'],
    ['--lock-timeout abc', ['--lock-timeout', 'abc'], '--lock-timeout'],
    ['--validate with --dry-run (validated nothing, silently)', ['--validate', '--dry-run'], '--dry-run'],
  ])('%s', async (_name, extra, named) => {
    const { dir, master } = newCase('packaged');
    await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master, ...extra], { code: 2, file: named });
  });

  // Found by this matrix, fixed in f14e55b: yargs turned a repeated single-value option into an
  // array, which reached path.resolve as a TypeError (exit 3, "The "path" argument must be of type
  // string. Received an instance of Array"); a repeated --language silently took the first.
  it.each([
    ['--name twice', ['--name', 'a', '--name', 'b'], '--name'],
    ['--out twice', ['--out', 'x', '--out', 'y'], '--out'],
    ['--master twice', ['--master', 'other.m3u8'], '--master'],
    ['--language twice', ['--language', 'ko', '--language', 'en'], '--language'],
  ])('%s', async (_name, extra, named) => {
    const { dir, master } = newCase('packaged');
    await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', master, ...extra], { code: 2, file: named });
  });

  it('a master given as a URL: package writes beside it (was "no such file or directory", exit 3)', async () => {
    const { dir } = newCase('fresh');
    await expectRejected(dir, ['--chat', SAMPLE_CHAT, '--master', 'https://cdn.example/vod/master.m3u8'], { code: 2, file: '--master https://cdn.example/vod/master.m3u8 is a URL' });
  });

  it('a missing --chat', async () => {
    const { dir, master } = newCase('fresh');
    await expectRejected(dir, ['--master', master], { code: 2, file: 'chat' });
  });
});
