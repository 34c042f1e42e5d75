import { StringTable } from '../string-table.js';
import type { Author } from './message.js';

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** A platform colour if it is one the message schema accepts (`#rrggbb`); blank or odd values are dropped. */
export function normalizeColor(color: string | null | undefined): string | undefined {
  return color && COLOR.test(color) ? color : undefined;
}

/**
 * Hands out one shared Author object per distinct (id, name, color, roles). A million-message
 * archive has a few thousand chatters; sharing their author objects (and role arrays) keeps the
 * messages, which the pipeline must hold to sort, small. Shared objects must never be mutated.
 */
export class AuthorInterner {
  private readonly authors = new Map<string, Author>();
  private readonly roleLists = new Map<string, string[]>();
  /** Looked up once per message: a StringTable, not a Map (see string-table.ts). */
  private readonly lastById = new StringTable<Author>();

  get size(): number {
    return this.authors.size;
  }

  author(id: string | undefined, name: string, roles: readonly string[], color: string | undefined): Author {
    // Fast path: the same chatter usually looks the same as last time; no key string is built.
    const last = id === undefined ? undefined : this.lastById.get(id);
    if (last !== undefined && last.name === name && last.color === color && sameRoles(last.roles, roles)) return last;
    const author = this.lookup(id, name, roles, color);
    if (id !== undefined) this.lastById.set(id, author);
    return author;
  }

  private lookup(id: string | undefined, name: string, roles: readonly string[], color: string | undefined): Author {
    const rolesKey = roles.join(',');
    const key = `${id ?? ''}\u0000${name}\u0000${color ?? ''}\u0000${rolesKey}`;
    let author = this.authors.get(key);
    if (author === undefined) {
      let shared = this.roleLists.get(rolesKey);
      if (shared === undefined) {
        shared = [...roles];
        this.roleLists.set(rolesKey, shared);
      }
      author = color === undefined ? { id, name, roles: shared } : { id, name, roles: shared, color };
      if (id === undefined) delete author.id;
      this.authors.set(key, author);
    }
    return author;
  }
}

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Adds `role` once, keeping the platform's badge order. */
export function pushRole(roles: string[], role: string): void {
  if (!roles.includes(role)) roles.push(role);
}
