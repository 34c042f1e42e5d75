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
 * messages, which the pipeline must hold to sort, small. Shared objects' fields must never change
 * (the batch encoder keeps its numbers on them, under hidden symbols, and changes nothing else).
 *
 * A chatter is found by id, and most never change how they look: only one whose name, colour or
 * roles changed is also remembered under a key of all four (as is every chatter without an id),
 * so switching back finds the first object again. A key for every chatter cost 4.8 MB of the
 * reading thread's heap at 20 000 chatters (a 1 M-message archive), about 10 MB of its peak RSS.
 */
export class AuthorInterner {
  private readonly byKey = new Map<string, Author>();
  private readonly roleLists = new Map<string, string[]>();
  /** Looked up once per message: a StringTable, not a Map (see string-table.ts). */
  private readonly lastById = new StringTable<Author>();
  private count = 0;

  /** Distinct author objects handed out. */
  get size(): number {
    return this.count;
  }

  author(id: string | undefined, name: string, roles: readonly string[], color: string | undefined): Author {
    if (id === undefined) return this.lookup(undefined, name, roles, color);
    // Fast path: the same chatter usually looks the same as last time; no key string is built.
    const last = this.lastById.get(id);
    if (last === undefined) {
      const author = this.create(id, name, roles, color);
      this.lastById.set(id, author);
      return author;
    }
    if (last.name === name && last.color === color && sameRoles(last.roles, roles)) return last;
    const lastKey = keyOf(id, last.name, last.roles, last.color);
    if (!this.byKey.has(lastKey)) this.byKey.set(lastKey, last);
    const author = this.lookup(id, name, roles, color);
    this.lastById.set(id, author);
    return author;
  }

  private lookup(id: string | undefined, name: string, roles: readonly string[], color: string | undefined): Author {
    const key = keyOf(id, name, roles, color);
    let author = this.byKey.get(key);
    if (author === undefined) {
      author = this.create(id, name, roles, color);
      this.byKey.set(key, author);
    }
    return author;
  }

  private create(id: string | undefined, name: string, roles: readonly string[], color: string | undefined): Author {
    const rolesKey = roles.join(',');
    let shared = this.roleLists.get(rolesKey);
    if (shared === undefined) {
      shared = [...roles];
      this.roleLists.set(rolesKey, shared);
    }
    const author: Author = color === undefined ? { id, name, roles: shared } : { id, name, roles: shared, color };
    if (id === undefined) delete author.id;
    this.count++;
    return author;
  }
}

function keyOf(id: string | undefined, name: string, roles: readonly string[], color: string | undefined): string {
  return `${id ?? ''}\u0000${name}\u0000${color ?? ''}\u0000${roles.join(',')}`;
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
