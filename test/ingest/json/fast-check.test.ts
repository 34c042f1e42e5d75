import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ChatDownloaderItemSchema } from '../../../src/ingest/chat-downloader-schema.js';
import { compileFastCheck, compileSafeParse } from '../../../src/ingest/json/fast-check.js';
import { NativeArchiveSchema, NativeBroadcastSchema, NativeMessageSchema } from '../../../src/ingest/native-schema.js';
import { TwitchCommentSchema, TwitchVideoSchema } from '../../../src/ingest/twitchdownloader-schema.js';
import * as renderers from '../../../src/ingest/youtube/renderer-schema.js';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: readonly z.ZodType[];
  pattern?: RegExp;
  checks?: ReadonlyArray<{ _zod: { def: { check?: string; pattern?: RegExp } } }>;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Values that are wrong in the usual ways: types, signs, fractions, emptiness, null vs undefined. */
const NEAR_MISSES = [null, undefined, '', 'x', '😀', -1, -0.5, 0, 1.5, 2 ** 53, NaN, Infinity, true, false, [], {}, [1], { a: 1 }];

interface GenOptions {
  /** Add keys the schema does not declare (zod strips them; the check may pass). */
  extras: boolean;
}

/**
 * Values shaped by the schema: mostly valid, with near misses anywhere (and, at a default, never
 * undefined when `extras` is off, so that zod's output is its input whenever it succeeds).
 */
function valuesOf(schema: z.ZodType, options: GenOptions): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const miss = fc.constantFrom(...NEAR_MISSES.filter((v) => options.extras || def.type !== 'default' || v !== undefined));
  return fc.oneof({ weight: 6, arbitrary: validOf(schema, def, options) }, { weight: 1, arbitrary: miss });
}

function validOf(schema: z.ZodType, def: Def, options: GenOptions): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'string': {
      const pattern = def.pattern ?? def.checks?.find((c) => c._zod.def.pattern)?._zod.def.pattern;
      if (pattern) return fc.oneof(fc.stringMatching(pattern), fc.constantFrom('2026-11-21T10:00:00Z', '2026-11-21T10:00:00.5+09:00', '123', '2026-13-01T00:00:00Z'), fc.string());
      return fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('a', '\ud83d', '\ud83d\ude00', 'ab'));
    }
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 1e6 }), fc.double({ noNaN: true }), fc.constantFrom(0, -0, 3, 2 ** 53 - 1));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'unknown':
    case 'any':
      return fc.jsonValue({ maxDepth: 2 });
    case 'literal':
    case 'enum':
      return fc.constantFrom(...(schema as unknown as { _zod: { values: Set<unknown> } })._zod.values);
    case 'optional':
      return fc.oneof(fc.constant(undefined), valuesOf(def.innerType!, options));
    case 'nullable':
      return fc.oneof(fc.constant(null), valuesOf(def.innerType!, options));
    case 'default':
      // undefined would fire the default (the check leaves that to zod): only the extras run tries it.
      return valuesOf(def.innerType!, options).filter((v) => options.extras || v !== undefined);
    case 'union':
      return fc.oneof(...def.options!.map((o) => valuesOf(o, options)));
    case 'array':
      return fc.array(valuesOf(def.element!, options), { maxLength: 3 });
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape!).map(([k, s]) => [k, valuesOf(s, options)]));
      // A missing key is a near miss for required fields, and fine for optional ones; only keys with
      // a default are always there (a default that fires is zod's job, the check says false).
      const defaults = Object.keys(def.shape!).filter((k) => defOf(def.shape![k]!).type === 'default');
      const record = fc.record(shape, { requiredKeys: defaults });
      if (!options.extras) return record;
      const keys = fc.string({ maxLength: 3 }).filter((k) => k !== '__proto__' && !(k in def.shape!));
      const extra = fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(keys, fc.jsonValue({ maxDepth: 1 }), { minKeys: 1, maxKeys: 2 }) });
      return fc.tuple(record, extra).map(([r, e]) => Object.assign({}, e, r));
    }
    default:
      throw new Error(`no generator for ${def.type}`);
  }
}

/** The value as zod's output should be: undeclared keys dropped, at every depth. */
function declaredPart(schema: z.ZodType, value: unknown): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return value === undefined || value === null ? value : declaredPart(def.innerType!, value);
    case 'array':
      return (value as unknown[]).map((v) => declaredPart(def.element!, v));
    case 'object': {
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(def.shape!)) if (Object.hasOwn(record, k)) out[k] = declaredPart(s, record[k]);
      return out;
    }
    default:
      return value;
  }
}

const SCHEMAS: Record<string, z.ZodType> = {
  TwitchCommentSchema,
  TwitchVideoSchema,
  NativeMessageSchema,
  NativeBroadcastSchema,
  NativeArchiveSchema,
  ChatDownloaderItemSchema,
  ...Object.fromEntries(Object.entries(renderers).filter(([name]) => name.endsWith('Schema'))),
};

describe('compileFastCheck', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    test(`${name}: a pass means zod succeeds with the declared part of the value`, () => {
      const check = compileFastCheck(schema);
      let passed = 0;
      fc.assert(
        fc.property(valuesOf(schema, { extras: true }), (value) => {
          if (!check(value)) return;
          passed++;
          const parsed = schema.safeParse(value);
          expect(parsed.success).toBe(true);
          expect(parsed.data).toStrictEqual(declaredPart(schema, value));
        }),
        { numRuns: 1000 },
      );
      // Not vacuous: the check lets a good share of generated values through.
      expect(passed).toBeGreaterThan(0);
    });

    test(`${name}: without undeclared keys, the check agrees with zod`, () => {
      const check = compileFastCheck(schema);
      fc.assert(
        fc.property(valuesOf(schema, { extras: false }), (value) => {
          expect(check(value)).toBe(schema.safeParse(value).success);
        }),
        { numRuns: 1000 },
      );
    });
  }

  test('a TwitchDownloader comment as the cursor projects it (absent keys present as undefined) passes', () => {
    const comment = {
      _id: 'c1',
      content_offset_seconds: 12,
      commenter: { display_name: 'A', _id: '1', name: 'a' },
      message: { body: 'hi', bits_spent: undefined, user_badges: [{ _id: 'subscriber' }], user_color: undefined, user_notice_params: undefined },
    };
    expect(compileFastCheck(TwitchCommentSchema)(comment)).toBe(true);
    expect(compileFastCheck(TwitchCommentSchema)({ ...comment, _id: undefined })).toBe(false);
    expect(compileFastCheck(TwitchCommentSchema)({ ...comment, message: { ...comment.message, bits_spent: -1 } })).toBe(false);
  });

  test('what it does not understand is left to zod', () => {
    const never = [
      z.string().trim(),
      z.string().email(),
      z.number().multipleOf(2),
      z.array(z.string()).min(1),
      z.union([z.object({ a: z.string() }), z.string()]),
      z.string().transform((s) => s.length),
      z.object({ a: z.string() }).catchall(z.string()),
      z.record(z.string(), z.string()),
      z.coerce.number(),
    ];
    for (const schema of never) expect(compileFastCheck(schema)('a')).toBe(false);
    expect(compileFastCheck(z.array(z.string()).default([]))(undefined)).toBe(false);
    expect(compileFastCheck(z.object({ a: z.string() }).refine(() => 1 as unknown as boolean))({ a: 'x' })).toBe(false);
    expect(compileFastCheck(z.object({ a: z.string() }).refine(() => true))({ a: 'x', b: 1 })).toBe(false);
    expect(compileFastCheck(z.strictObject({ a: z.string() }))({ a: 'x', b: 1 })).toBe(false);
    expect(compileFastCheck(z.strictObject({ a: z.string() }))({ a: 'x' })).toBe(true);
  });
});

describe('compileSafeParse', () => {
  const parse = compileSafeParse(TwitchCommentSchema);
  const comment = { _id: 'c1', content_offset_seconds: 3, commenter: { display_name: 'A', _id: '1', name: 'a' }, message: { body: 'hi', user_badges: [{ _id: 'vip' }] } };

  test('a record the check vouches for comes back as it is, without zod', () => {
    const result = parse(comment);
    expect(result.success).toBe(true);
    expect(result.data).toBe(comment);
  });

  test('anything else gets zod\'s verdict and message', () => {
    for (const bad of [{ ...comment, content_offset_seconds: 'soon' }, { ...comment, _id: '' }, null, []]) {
      const ours = parse(bad);
      const zods = TwitchCommentSchema.safeParse(bad);
      expect(ours.success).toBe(false);
      expect(ours.error?.message).toBe(zods.error?.message);
    }
  });
});
