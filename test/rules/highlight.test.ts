import { describe, expect, it } from 'vitest';
import { ChatMessageSchema } from '../../src/ingest/message.js';
import { msg, runRule } from './helpers.js';

describe('highlight', () => {
  it('adds role and kind classes by default (moderator → mod)', async () => {
    const { out, report } = await runRule('highlight', {}, [
      msg('a', { author: { roles: ['moderator', 'subscriber'] } }),
      msg('b', { author: { roles: ['broadcaster'] } }),
      msg('c', { kind: 'donation', author: { roles: ['vip'] } }),
      msg('d', { kind: 'subscription' }),
      msg('e'),
    ]);
    expect(out.map((m) => m.classes)).toEqual([['mod'], ['broadcaster'], ['vip', 'donation'], ['subscription'], undefined]);
    expect(report.edited).toBe(4);
  });

  it('adds highlight for chosen users and a colour class when asked, without repeating classes', async () => {
    const { out } = await runRule('highlight', { users: ['Hangyeol'], color: true, roles: [] }, [
      msg('a', { author: { name: 'hangyeol', color: '#FF4500' }, classes: ['highlight'] }),
      msg('b', { author: { name: 'other', color: '#1e90ff' } }),
    ]);
    expect(out.map((m) => m.classes)).toEqual([['highlight', 'color-ff4500'], ['color-1e90ff']]);
  });

  it('makes any role a valid WebVTT class name', async () => {
    const { out } = await runRule('highlight', { roles: ['top fan.1'] }, [msg('a', { author: { roles: ['top fan.1'] } })]);
    expect(out[0]!.classes).toEqual(['top-fan-1']);
    expect(ChatMessageSchema.safeParse(out[0]).success).toBe(true);
  });
});
