import { describe, expect, it } from 'vitest';
import { describeRules, formatRulesListing, rulesCommand } from '../../src/cli/rules-command.js';
import { RULES } from '../../src/rules/registry.js';

describe('chat-replay rules', () => {
  it('describes every registered rule with a description', () => {
    const described = describeRules();
    expect(described.map((r) => r.name)).toEqual(RULES.map((r) => r.name));
    for (const r of described) expect(r.description.length).toBeGreaterThan(10);
  });

  it('derives option types, requiredness and defaults from the schemas', () => {
    const byName = new Map(describeRules().map((r) => [r.name, r]));
    expect(byName.get('drop-deleted')!.options).toEqual([]);
    expect(byName.get('max-length')!.options).toContainEqual(expect.objectContaining({ name: 'chars', type: 'integer', required: true }));
    expect(byName.get('banned-words')!.options).toContainEqual({
      name: 'action',
      type: '"mask" | "drop"',
      required: false,
      default: 'mask',
      description: expect.stringContaining('replace each character'),
    });
    expect(byName.get('kinds')!.options[0]).toMatchObject({ name: 'keep', type: '("chat" | "donation" | "subscription" | "system")[]' });
    expect(byName.get('time-window')!.options.map((o) => [o.name, o.required])).toEqual([['fromMs', false], ['toMs', false]]);
  });

  it('gives every option a description', () => {
    for (const rule of describeRules()) {
      for (const o of rule.options) expect(o.description, `${rule.name}.${o.name}`).not.toBe('');
    }
  });

  it('prints a human listing and JSON', async () => {
    const listing = formatRulesListing();
    expect(listing).toMatch(/^drop-deleted\n {2}Drop messages/);
    expect(listing).toContain('  perSecond: integer (required)');
    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: () => {}, stderrIsTTY: false };
    expect(await rulesCommand.run({ json: true }, io)).toBe(0);
    expect(JSON.parse(out)).toEqual(describeRules());
    out = '';
    await rulesCommand.run({ json: false }, io);
    expect(out).toBe(listing);
  });
});
