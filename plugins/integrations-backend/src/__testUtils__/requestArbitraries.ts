import fc from 'fast-check';
import { z } from 'zod';

/**
 * Request input for fuzzing: values shaped by an endpoint's zod schema, and
 * the same with hostile values in any place (wrong types, huge and deeply
 * nested values, unusual unicode, control characters, prototype keys).
 */

/** Marks where {@link serializeBody} writes a value nested this many levels. */
const DEEP_MARKER = /"@@deep:(\d+)@@"/g;

/** A value no one sends by accident. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, '', [], {}),
  fc.integer(),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\u202egnp.exe',
    'שלום',
    '\u200f\u200e',
    '\r\n',
    '\u0007\u001b[31m',
    '😀'.repeat(100),
    '<img src=x onerror=alert(1)>',
    "'; DROP TABLE integration_configs; --",
    '../../etc/passwd',
    '%00',
    'null',
    'true',
    '1e400',
    'x'.repeat(70_000),
    'y'.repeat(300_000),
  ),
  fc.constantFrom(40, 2_000, 20_000).map(depth => `@@deep:${depth}@@`),
  fc
    .constant(null)
    .map(() =>
      JSON.parse(
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{}}',
      ),
    ),
  fc.constant(null).map(() => new Array(20_000).fill(0)),
);

/** An object key meant to confuse code that copies objects. */
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '', '\u0000'),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

export interface ArbitraryOptions {
  /** Arbitraries for particular schemas, such as names that exist. */
  overrides: ReadonlyMap<z.ZodType, fc.Arbitrary<unknown>>;
  /** URLs a valid value may hold: nothing else is ever called. */
  urls: fc.Arbitrary<string>;
  /** Whether any value may be replaced by a hostile one. */
  hostile: boolean;
}

function withOwnKeys(
  object: Record<string, unknown>,
  extra: Array<[string, unknown]>,
): Record<string, unknown> {
  for (const [key, value] of extra) {
    // defineProperty, so that `__proto__` becomes a key as JSON.parse makes it
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

type Check = { check: string; [key: string]: any };

function checksOf(schema: z.ZodType): Check[] {
  const checks = (schema._zod.def as { checks?: any[] }).checks ?? [];
  return checks.map(check => check._zod.def);
}

function stringArbitrary(
  schema: z.ZodType,
  options: ArbitraryOptions,
): fc.Arbitrary<unknown> {
  const def = schema._zod.def as { format?: string };
  const checks = checksOf(schema);
  const maxLength = checks.find(c => c.check === 'max_length')?.maximum;
  const minLength = checks.find(c => c.check === 'min_length')?.minimum ?? 0;
  if (def.format === 'url') {
    return options.urls;
  }
  if (def.format === 'uuid') {
    return fc.uuid({ version: 4 });
  }
  if (def.format === 'datetime') {
    return fc
      .date({
        min: new Date('2000-01-01'),
        max: new Date('2100-01-01'),
        noInvalidDate: true,
      })
      .map(date => date.toISOString());
  }
  const pattern = checks.find(c => c.format === 'regex')?.pattern;
  if (pattern) {
    return (
      fc
        // stringMatching knows no case-insensitive patterns; the lowercase ones match too
        .stringMatching(
          new RegExp(pattern.source, pattern.flags.replace('i', '')),
        )
        .filter(text => maxLength === undefined || text.length <= maxLength)
    );
  }
  return fc.string({
    minLength,
    maxLength: Math.min(maxLength ?? 40, Math.max(minLength, 40)),
  });
}

function numberArbitrary(schema: z.ZodType): fc.Arbitrary<number> {
  const checks = checksOf(schema);
  const min = checks.find(c => c.check === 'greater_than')?.value ?? -1e6;
  const max = checks.find(c => c.check === 'less_than')?.value ?? 1e9;
  if (!checks.some(c => c.check === 'number_format')) {
    return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  }
  const low = Math.max(min, -1e9);
  const high = Math.min(max, 2e9);
  // Small whole numbers name versions, offsets and counts that exist.
  return fc.oneof(
    fc.integer({ min: low, max: Math.min(high, low + 5) }),
    fc.integer({ min: low, max: high }),
  );
}

function shapedArbitrary(
  schema: z.ZodType,
  options: ArbitraryOptions,
): fc.Arbitrary<unknown> {
  const override = options.overrides.get(schema);
  if (override) {
    return override;
  }
  const def = schema._zod.def as any;
  const of = (inner: z.ZodType) => arbitraryFor(inner, options);
  switch (def.type) {
    case 'string':
      return stringArbitrary(schema, options);
    case 'number':
      return numberArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries));
    case 'literal':
      return fc.constantFrom(...def.values);
    case 'optional':
    case 'default':
      return of(def.innerType);
    case 'nullable':
      return fc.oneof(fc.constant(null), of(def.innerType));
    case 'pipe':
      return of(def.in);
    case 'union':
      return fc.oneof(...def.options.map(of));
    case 'array': {
      const checks = checksOf(schema);
      const minLength = checks.find(c => c.check === 'min_length')?.minimum;
      return fc.array(of(def.element), {
        minLength: minLength ?? 0,
        maxLength: Math.max(minLength ?? 0, 4),
      });
    }
    case 'record':
      return fc.dictionary(
        of(def.keyType) as fc.Arbitrary<string>,
        of(def.valueType),
        {
          minKeys: 1,
          maxKeys: 3,
        },
      );
    case 'object': {
      const shape: Record<string, z.ZodType> = def.shape;
      const required = Object.keys(shape).filter(
        key => shape[key]._zod.def.type !== 'optional',
      );
      const record = fc.record(
        Object.fromEntries(
          Object.entries(shape).map(([key, value]) => [key, of(value)]),
        ),
        { requiredKeys: required },
      );
      if (!options.hostile) {
        return record;
      }
      const withExtraKeys = fc
        .tuple(
          record,
          fc.array(fc.tuple(hostileKey, hostileValue), {
            minLength: 1,
            maxLength: 2,
          }),
        )
        .map(([object, extra]) =>
          withOwnKeys({ ...(object as object) }, extra),
        );
      // Mostly without extra keys, which a strict schema refuses at once.
      return fc.oneof(
        { weight: 5, arbitrary: record },
        { weight: 1, arbitrary: withExtraKeys },
      );
    }
    default:
      // Free-form values (custom schemas, unknown)
      return fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), {
        maxKeys: 4,
      });
  }
}

/**
 * Characters that text rarely holds and storage, comparison or display may
 * trip on; NUL most often, as the one databases and C libraries refuse.
 */
const unusualCharacter = fc.constantFrom(
  '\u0000',
  '\u0000',
  '\u0000',
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e',
  '\u200f',
  '\ufeff',
  '\uffff',
  '\r',
  '\n',
  '\u0007',
  '\u001b',
  '😀',
);

/** The text with an unusual character put somewhere in it: still a string, as the schema wants. */
function withUnusualCharacter(
  text: fc.Arbitrary<string>,
): fc.Arbitrary<string> {
  return fc
    .tuple(text, unusualCharacter, fc.nat())
    .map(([value, character, at]) => {
      const index = at % (value.length + 1);
      return value.slice(0, index) + character + value.slice(index);
    });
}

/**
 * Values of the schema. With `hostile`, any part may be a hostile value, and
 * text may hold unusual characters while the rest stays valid, so the
 * request gets past validation to whatever stores or compares it.
 */
export function arbitraryFor(
  schema: z.ZodType,
  options: ArbitraryOptions,
): fc.Arbitrary<unknown> {
  const shaped = shapedArbitrary(schema, options);
  if (!options.hostile) {
    return shaped;
  }
  if (schema._zod.def.type === 'string') {
    return fc.oneof(
      { weight: 4, arbitrary: shaped },
      {
        weight: 3,
        arbitrary: withUnusualCharacter(shaped as fc.Arbitrary<string>),
      },
      { weight: 1, arbitrary: hostileValue },
    );
  }
  return fc.oneof(
    { weight: 12, arbitrary: shaped },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** Nested objects, as text: building and serializing them would overflow the stack. */
function nestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
}

/** The JSON text of a request body, with the deep values written out. */
export function serializeBody(body: unknown): string {
  return JSON.stringify(body).replace(DEEP_MARKER, (_, depth) =>
    nestedJson(Number(depth)),
  );
}

/** Path segments sent as they are: broken escapes, dots, an escaped slash. */
export const rawPathSegment = fc
  .constantFrom(
    '%',
    '%zz',
    '%00',
    '%ED%A0%80',
    '..',
    '%2e%2e',
    'a%2Fb',
    '%C0%AE',
  )
  .map(raw => ({ rawPathSegment: raw }));

/**
 * A path segment as a client would send it; a lone surrogate, which
 * `encodeURIComponent` refuses, is sent as the bytes a careless client sends.
 */
export function pathSegment(value: unknown): string {
  if (typeof value === 'object' && value && 'rawPathSegment' in value) {
    return String(value.rawPathSegment);
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  try {
    return encodeURIComponent(text);
  } catch {
    return `${encodeURIComponent(
      text.replace(/[\ud800-\udfff]/g, ''),
    )}%ED%A0%80`;
  }
}
