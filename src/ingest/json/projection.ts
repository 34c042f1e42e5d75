import type { z } from 'zod';

/**
 * Which parts of a JSON value to materialize. Archives carry far more than we use (TwitchDownloader
 * repeats every message body in `fragments`, adds logos, bios, timestamps); skipping those bytes
 * without building strings and objects is what makes the reader about twice as fast as JSON.parse.
 */
export type Projection = WholeProjection | ObjectProjection | ArrayProjection;

/** Materialize the value completely (what JSON.parse would return). */
export interface WholeProjection {
  readonly kind: 'whole';
}

export interface KeyEntry {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly sub: Projection;
  /** Index of this key's value in the slots the cursor fills before `build`. */
  readonly slot: number;
}

/** Keep only the listed keys of an object; others are skipped (still syntax-checked). */
export interface ObjectProjection {
  readonly kind: 'object';
  /** Keys bucketed by UTF-8 byte length, so matching a key never allocates a string. */
  readonly byLength: ReadonlyArray<ReadonlyArray<KeyEntry> | undefined>;
  readonly keys: ReadonlyMap<string, Projection>;
  /** Key entries in declaration order (entry k fills slot k). */
  readonly entries: ReadonlyArray<KeyEntry>;
  /**
   * Builds the object from its slots in one object literal: every object of a projection gets the
   * same hidden class, instead of one grown key by key in file order through a megamorphic keyed
   * store. A key missing from the input is present with the value undefined, which zod treats
   * exactly like an absent key (optional fields stay undefined, required ones fail the same way).
   */
  readonly build: (slots: ReadonlyArray<unknown>) => Record<string, unknown>;
  /**
   * The keys of the last object read with this projection, in its order: archives write every
   * record with the same keys in the same order, so the cursor first checks whether the n-th key
   * is the n-th key of last time. A guess only; a wrong one costs a byte comparison.
   */
  readonly lastKeys: KeyGuess[];
}

/** A key seen at some position: its bytes and closing quote, and the wanted key it is (undefined: skipped). */
export interface KeyGuess {
  readonly quoted: Uint8Array;
  /** `quoted` as little-endian 32-bit words (its whole words only). */
  readonly words: Uint32Array;
  readonly entry: KeyEntry | undefined;
}

export interface ArrayProjection {
  readonly kind: 'array';
  readonly items: Projection;
}

export const WHOLE: WholeProjection = { kind: 'whole' };

export function objectProjection(keys: Record<string, Projection>): ObjectProjection {
  const byLength: KeyEntry[][] = [];
  const map = new Map<string, Projection>();
  const entries: KeyEntry[] = [];
  for (const [name, sub] of Object.entries(keys)) {
    const entry = { name, bytes: Buffer.from(name, 'utf8'), sub, slot: entries.length };
    (byLength[entry.bytes.length] ??= []).push(entry);
    entries.push(entry);
    map.set(name, sub);
  }
  return { kind: 'object', byLength, keys: map, entries, build: compileBuilder(entries.map((e) => e.name)), lastKeys: [] };
}

/**
 * `(s) => ({ "a": s[0], "b": s[1] })` for the given names: a literal is the only way to give V8 one
 * fixed shape per projection up front. Names are JSON-quoted, and `__proto__` is written as a
 * computed key so that it stays an own property (as JSON.parse makes it) instead of setting the prototype.
 */
function compileBuilder(names: readonly string[]): (slots: ReadonlyArray<unknown>) => Record<string, unknown> {
  const fields = names.map((name, k) => `${name === '__proto__' ? `[${JSON.stringify(name)}]` : JSON.stringify(name)}: s[${k}]`);
  return new Function('s', `return { ${fields.join(', ')} };`) as (slots: ReadonlyArray<unknown>) => Record<string, unknown>;
}

interface ZodDefLike {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: readonly z.ZodType[];
  catchall?: z.ZodType;
}

function defOf(schema: z.ZodType): ZodDefLike {
  return (schema as unknown as { _zod: { def: ZodDefLike } })._zod.def;
}

/**
 * Derives the projection from the zod schema that validates the record, so the fields we read and
 * the fields we validate can never drift apart. Objects keep exactly their declared keys (zod would
 * strip the others anyway); anything that is not an object or array is materialized whole.
 */
export function projectionFromSchema(schema: z.ZodType): Projection {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return projectionFromSchema(def.innerType!);
    case 'pipe':
      return projectionFromSchema(def.in!);
    case 'array':
      return { kind: 'array', items: projectionFromSchema(def.element!) };
    case 'object': {
      // A loose object keeps every key and a strict one must see every key to reject the unknown
      // ones: both are read whole. Only a plain (stripping) object can skip what it does not declare.
      if (def.catchall) return WHOLE;
      const keys: Record<string, Projection> = {};
      for (const [name, sub] of Object.entries(def.shape!)) keys[name] = projectionFromSchema(sub);
      return objectProjection(keys);
    }
    case 'union': {
      // Only a union of objects can be projected (merge their keys); anything mixed is read whole.
      const options = (def.options ?? []).map(projectionFromSchema);
      if (!options.every((o): o is ObjectProjection => o.kind === 'object')) return WHOLE;
      const keys: Record<string, Projection> = {};
      for (const option of options) {
        for (const [name, sub] of option.keys) {
          const seen = keys[name];
          keys[name] = seen === undefined || sameProjection(seen, sub) ? sub : WHOLE;
        }
      }
      return objectProjection(keys);
    }
    default:
      return WHOLE;
  }
}

function sameProjection(a: Projection, b: Projection): boolean {
  return a === b || (a.kind === 'whole' && b.kind === 'whole');
}
