import { describe, expect, test } from 'vitest';
import { AuthorInterner, normalizeColor } from '../../src/ingest/author-intern.js';

describe('AuthorInterner', () => {
  test('the same chatter gets the same object; any difference gets another', () => {
    const authors = new AuthorInterner();
    const a = authors.author('1', '민지', ['subscriber'], '#FF69B4');
    expect(authors.author('1', '민지', ['subscriber'], '#FF69B4')).toBe(a);
    const renamed = authors.author('1', '민지2', ['subscriber'], '#FF69B4');
    const recoloured = authors.author('1', '민지', ['subscriber'], undefined);
    const promoted = authors.author('1', '민지', ['moderator', 'subscriber'], '#FF69B4');
    expect(new Set([a, renamed, recoloured, promoted]).size).toBe(4);
    // Switching back finds the first object again, not a copy, and so does each later look.
    expect(authors.author('1', '민지', ['subscriber'], '#FF69B4')).toBe(a);
    expect(authors.author('1', '민지2', ['subscriber'], '#FF69B4')).toBe(renamed);
    expect(authors.author('1', '민지', ['moderator', 'subscriber'], '#FF69B4')).toBe(promoted);
    expect(authors.author('1', '민지', ['subscriber'], undefined)).toBe(recoloured);
    expect(authors.size).toBe(4);
    expect(recoloured).toEqual({ id: '1', name: '민지', roles: ['subscriber'] });
  });

  test('role lists are shared between chatters with the same roles; id-less authors work', () => {
    const authors = new AuthorInterner();
    const x = authors.author('1', 'x', ['vip'], undefined);
    const y = authors.author('2', 'y', ['vip'], undefined);
    expect(x.roles).toBe(y.roles);
    expect(authors.author(undefined, 'YouTube', [], undefined)).toEqual({ name: 'YouTube', roles: [] });
    expect(authors.author(undefined, 'YouTube', [], undefined)).toBe(authors.author(undefined, 'YouTube', [], undefined));
  });

  test('only #rrggbb colours are kept', () => {
    expect(normalizeColor('#1E90FF')).toBe('#1E90FF');
    expect(normalizeColor('')).toBeUndefined();
    expect(normalizeColor(null)).toBeUndefined();
    expect(normalizeColor('red')).toBeUndefined();
  });
});
