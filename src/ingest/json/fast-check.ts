import type { z } from 'zod';

/**
 * A validator compiled from a zod schema that only ever says "certainly valid": `check(v) === true`
 * means `schema.safeParse(v)` succeeds and its data deep-equals `v` without the keys the schema does
 * not declare. Readers call it per record and go to zod only when it says false, for zod's verdict
 * and its exact message. zod costs about as much per record as our whole JSON cursor spends on a
 * TwitchDownloader comment; these closures cost a few property reads.
 *
 * Only the part of zod our schemas use is understood (objects, arrays, strings, numbers, booleans,
 * null, literals, enums, optional/nullable/nullish, defaults that do not fire, simple unions,
 * regex and ISO formats, refinements); anything else compiles to a check that always says false,
 * which is slow but never wrong.
 */
export type FastCheck = (value: unknown) => boolean;

interface CheckDef {
  check?: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: unknown;
  inclusive?: boolean;
  when?: unknown;
  fn?: (value: unknown) => unknown;
}

interface SchemaDef extends CheckDef {
  type: string;
  coerce?: boolean;
  checks?: ReadonlyArray<{ _zod: { def: CheckDef } }>;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: readonly z.ZodType[];
  values?: readonly unknown[];
  entries?: Record<string, unknown>;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

const NEVER: FastCheck = () => false;

const cache = new WeakMap<z.ZodType, FastCheck>();

export function compileFastCheck(schema: z.ZodType): FastCheck {
  let check = cache.get(schema);
  if (check === undefined) {
    check = generate(schema);
    cache.set(schema, check);
  }
  return check;
}

/** The checks a def carries: its `checks`, and the def itself when the schema is a check (`z.int()`, `z.iso.datetime()`). */
function checksOf(def: SchemaDef): CheckDef[] {
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  if (def.check !== undefined) checks.unshift(def);
  return checks;
}

/** zod counts string lengths in code points (a surrogate pair is one). */
function codePoints(s: string): number {
  let count = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

/** A union is accepted only over options whose output is their input (no objects, arrays, defaults). */
function isScalar(schema: z.ZodType): boolean {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'literal':
    case 'enum':
      return true;
    case 'optional':
    case 'nullable':
      return isScalar(def.innerType!);
    default:
      return false;
  }
}

class Unsupported extends Error {}

/**
 * Generates one function per schema, as zod itself does for objects: the checks of a whole record
 * inline, with property reads by constant name, which V8 turns into monomorphic loads on the
 * fixed-shape objects the cursor builds. Closures calling closures through a keyed load per field
 * were no faster than zod.
 */
class Generator {
  readonly constants: unknown[] = [];
  private vars = 0;

  constant(value: unknown): string {
    this.constants.push(value);
    return `c[${this.constants.length - 1}]`;
  }

  variable(): string {
    return `v${++this.vars}`;
  }

  /** Statements that `return false` unless the value in the variable `v` passes. */
  check(schema: z.ZodType, v: string, exact: boolean): string {
    const def = defOf(schema);
    if (def.coerce) throw new Unsupported();
    switch (def.type) {
      case 'string':
        return `if (typeof ${v} !== 'string') return false;\n${this.refinements(def, v, 'string')}`;
      case 'number':
        // zod's number rejects NaN and ±Infinity.
        return `if (typeof ${v} !== 'number' || !Number.isFinite(${v})) return false;\n${this.refinements(def, v, 'number')}`;
      case 'boolean':
        if (checksOf(def).length) throw new Unsupported();
        return `if (typeof ${v} !== 'boolean') return false;\n`;
      case 'null':
        return `if (${v} !== null) return false;\n`;
      case 'unknown':
      case 'any':
        return '';
      case 'literal':
      case 'enum': {
        // zod's own set of accepted values (for a TypeScript enum, without its reverse mappings).
        const values = (schema as unknown as { _zod: { values?: unknown } })._zod.values;
        if (!(values instanceof Set)) throw new Unsupported();
        return `if (!${this.constant(values)}.has(${v})) return false;\n`;
      }
      case 'optional':
        return `if (${v} !== undefined) {\n${this.check(def.innerType!, v, exact)}}\n`;
      case 'nullable':
        return `if (${v} !== null) {\n${this.check(def.innerType!, v, exact)}}\n`;
      case 'default':
      case 'prefault':
        // A default that would fire changes the value: leave that case to zod.
        return `if (${v} === undefined) return false;\n${this.check(def.innerType!, v, exact)}`;
      case 'union': {
        const options = def.options ?? [];
        if (!options.every(isScalar)) throw new Unsupported();
        const tests = options.map((o) => `${this.constant(generate(o))}(${v})`);
        return `if (!(${tests.join(' || ')})) return false;\n`;
      }
      case 'array': {
        if (checksOf(def).length) throw new Unsupported();
        const k = this.variable();
        const item = this.variable();
        return `if (!Array.isArray(${v})) return false;\nfor (let ${k} = 0; ${k} < ${v}.length; ${k}++) {\nconst ${item} = ${v}[${k}];\n${this.check(def.element!, item, exact)}}\n`;
      }
      case 'object':
        return this.object(def, v, exact);
      default:
        throw new Unsupported();
    }
  }

  private refinements(def: SchemaDef, v: string, base: 'string' | 'number'): string {
    let out = '';
    for (const c of checksOf(def)) {
      if (c.when !== undefined && c.check !== 'min_length') throw new Unsupported();
      if (base === 'string' && c.check === 'min_length' && typeof c.minimum === 'number') {
        const min = c.minimum;
        out += `if (!(${v}.length >= ${2 * min} || (${v}.length >= ${min} && ${this.constant(codePoints)}(${v}) >= ${min}))) return false;\n`;
      } else if (base === 'string' && c.check === 'string_format' && (c.format === 'regex' || c.format === 'datetime') && c.pattern instanceof RegExp) {
        const pattern = this.constant(c.pattern);
        out += `${pattern}.lastIndex = 0;\nif (!${pattern}.test(${v})) return false;\n`;
      } else if (base === 'number' && c.check === 'number_format' && c.format === 'safeint') {
        out += `if (!Number.isSafeInteger(${v})) return false;\n`;
      } else if (base === 'number' && (c.check === 'greater_than' || c.check === 'less_than') && typeof c.value === 'number' && Number.isFinite(c.value)) {
        const op = (c.check === 'greater_than' ? '>' : '<') + (c.inclusive ? '=' : '');
        out += `if (!(${v} ${op} ${c.value})) return false;\n`;
      } else throw new Unsupported();
    }
    return out;
  }

  /**
   * `exact`: objects must have no undeclared keys, at any depth. A refinement sees zod's output, in
   * which those keys are stripped; requiring their absence makes the caller's value that output.
   */
  private object(def: SchemaDef, v: string, exact: boolean): string {
    const refinements = checksOf(def);
    for (const c of refinements) if (c.check !== 'custom' || typeof c.fn !== 'function' || c.when !== undefined) throw new Unsupported();
    if (refinements.length) exact = true;
    const catchall = def.catchall === undefined ? 'strip' : defOf(def.catchall).type;
    if (catchall !== 'strip' && catchall !== 'never' && catchall !== 'unknown' && catchall !== 'any') throw new Unsupported();
    let out = `if (typeof ${v} !== 'object' || ${v} === null || Array.isArray(${v})) return false;\n`;
    const names = Object.keys(def.shape!);
    for (const name of names) {
      const field = this.variable();
      out += `const ${field} = ${v}[${JSON.stringify(name)}];\n${this.check(def.shape![name]!, field, exact)}`;
    }
    // A strict object rejects undeclared keys; so do we under a refinement.
    if (exact || catchall === 'never') {
      const key = this.variable();
      out += `for (const ${key} in ${v}) if (!${this.constant(new Set(names))}.has(${key})) return false;\n`;
    }
    // zod accepts any truthy answer of a refinement; we only `true`.
    for (const c of refinements) out += `if (${this.constant(c.fn)}(${v}) !== true) return false;\n`;
    return out;
  }
}

function generate(schema: z.ZodType): FastCheck {
  const generator = new Generator();
  let body: string;
  try {
    body = generator.check(schema, 'v0', false);
  } catch (err) {
    if (err instanceof Unsupported) return NEVER;
    throw err;
  }
  return new Function('c', `return function fastCheck(v0) {\n${body}return true;\n};`)(generator.constants) as FastCheck;
}

/**
 * `schema.safeParse`, minus zod for the values the compiled check vouches for: those are returned
 * as they are (the reader's projected object, which has only the schema's keys). zod still gives
 * the verdict and its exact message for everything else.
 */
export function compileSafeParse<S extends z.ZodType>(schema: S): (value: unknown) => z.ZodSafeParseResult<z.output<S>> {
  const check = compileFastCheck(schema);
  return (value) => (check(value) ? { success: true, data: value as z.output<S> } : schema.safeParse(value));
}
