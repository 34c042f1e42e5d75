import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatMessageSchema, type ChatMessage } from '../../src/ingest/message.js';
import { applyRuleSet } from '../../src/rules/apply.js';
import { loadRuleSet } from '../../src/rules/load.js';

const FIXTURES = join('test', 'fixtures', 'rules');

async function goldenMessages(): Promise<ChatMessage[]> {
  const doc = JSON.parse(await readFile(join(FIXTURES, 'golden-messages.json'), 'utf8')) as { messages: unknown[] };
  // The fixture's `note` (why each message is kept or dropped) is stripped by the schema.
  return doc.messages.map((m) => ChatMessageSchema.parse(m));
}

async function run(rulesFile: string) {
  const messages = await goldenMessages();
  const snapshot = structuredClone(messages);
  const ruleSet = await loadRuleSet(rulesFile);
  const result = applyRuleSet(messages, ruleSet);
  const kept = [...result.messages];
  expect(messages).toEqual(snapshot); // no rule touched its input
  return { kept, reports: result.reports };
}

describe('the golden archive', () => {
  it('every rule together gives the hand-worked result and reports', async () => {
    const expected = JSON.parse(await readFile(join(FIXTURES, 'golden-expected.json'), 'utf8')) as {
      kept: { id: string; timeMs: number; text: string; classes?: string[] }[];
      reports: unknown[];
    };
    const { kept, reports } = await run(join(FIXTURES, 'golden-rules.json'));
    expect(kept.map(({ id, timeMs, text, classes }) => ({ id, timeMs, text, ...(classes ? { classes } : {}) }))).toEqual(expected.kept);
    expect(reports).toEqual(expected.reports);
    for (const m of kept) expect(ChatMessageSchema.safeParse(m).success).toBe(true);
  });

  it('rules/none.json keeps everything', async () => {
    const { kept } = await run(join('rules', 'none.json'));
    expect(kept).toEqual(await goldenMessages());
  });

  it('rules/default.json drops deleted, bot, blank and repeated chat, and styles roles', async () => {
    const { kept, reports } = await run(join('rules', 'default.json'));
    const ids = kept.map((m) => m.id);
    // g02 bot, g05 deleted; g12 and g32 repeat minji's g11 within 10 s of the previous repeat.
    // Default dedupe is per author, so the copy-paste flood from four authors stays.
    for (const id of ['g02', 'g05', 'g12', 'g32']) expect(ids).not.toContain(id);
    expect(ids).toEqual(expect.arrayContaining(['g06', 'g08', 'g16', 'g21', 'g22', 'g23', 'g34']));
    expect(kept.find((m) => m.id === 'g14')!.classes).toEqual(['mod']);
    expect(Object.fromEntries(reports.map((r) => [r.rule, [r.dropped, r.edited]]))).toEqual({
      'drop-deleted': [1, 0],
      'drop-bots': [1, 0],
      'collapse-whitespace': [0, 2],
      'min-length': [0, 0],
      dedupe: [2, 0],
      'max-length': [0, 0],
      highlight: [0, 5],
    });
  });

  it('rules/strict.json masks the word list, drops links, emotes and floods, and paces the chat', async () => {
    const { kept } = await run(join('rules', 'strict.json'));
    const byId = new Map(kept.map((m) => [m.id, m]));
    expect(byId.get('g07')!.text).toBe('이 게임 ** 어렵네');
    for (const id of ['g02', 'g05', 'g08', 'g09', 'g12', 'g13', 'g16', 'g19', 'g21', 'g22', 'g23']) expect(byId.has(id), id).toBe(false);
    expect(byId.get('g24')!.text).toBe('you are such a NOOB lol'); // "noob" is not on the strict list
    const original = new Map((await goldenMessages()).map((m) => [m.id, m]));
    expect(byId.get('g18')!.text).toBe(original.get('g18')!.text); // 74 graphemes, under max-length 120
    // 4 per second: the burst keeps three viewers and the moderator.
    expect(['g26', 'g27', 'g28', 'g29', 'g30', 'g31'].filter((id) => byId.has(id))).toEqual(['g26', 'g27', 'g28', 'g31']);
    expect(byId.get('g31')!.classes).toEqual(['mod']);
  });
});
