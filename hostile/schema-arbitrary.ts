/**
 * fast-check arbitraries from an operation's own zod schema (through zod 4's JSON Schema, input
 * side): valid inputs, near-valid ones (one field made hostile), and the hostile values themselves.
 * Sizes are capped so a run stays quick; huge values come from the hostile list, not from chance.
 */
import fc from 'fast-check';
import { z } from 'zod';

export type JsonSchema = {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema;
  enum?: unknown[]; const?: unknown; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[];
  minLength?: number; maxLength?: number; pattern?: string; format?: string;
  minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number;
  minItems?: number; maxItems?: number; default?: unknown;
};

const MAX_STRING = 40;
const MAX_ITEMS = 4;

/** The JSON Schema a client is asked to send (zod's input side; transforms and refinements become "anything"). */
export function inputSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Values that have broken servers: prototype names, NUL, ids past 2^63, NaN text, deep nesting, huge text. */
export function hostileValues(): unknown[] {
  let deep: unknown = 'bottom';
  for (let i = 0; i < 2000; i++) deep = [deep];
  return [
    '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
    'a\u0000b', '\u0000', '', ' ', '../../etc/passwd', '%00', '${jndi:x}', '$(touch /tmp/pwned)', '`id`', '-oProxyCommand=touch x',
    '9223372036854775808', '18446744073709551616', '99999999999999999999999', '-1', '0', '1e309', 'NaN', 'Infinity', '0x10',
    2 ** 63, 2 ** 64, -1, 0, -0, 1.5, Number.MAX_VALUE, -Number.MAX_VALUE,
    true, false, null, [], {}, [null], { __proto__: null, constructor: 1 },
    'x'.repeat(100_000), '\ud800', '🙂'.repeat(1000), 'A\r\nB: c',
    deep,
  ];
}

const hostile = fc.constantFrom(...hostileValues());

function intArb(s: JsonSchema): fc.Arbitrary<number> {
  const min = Math.max(s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : s.minimum ?? -1_000_000, Number.MIN_SAFE_INTEGER);
  const max = Math.min(s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : s.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER);
  // Small values hit real rows (ids 1..10) far more often than a uniform draw would.
  return fc.oneof(fc.integer({ min: Math.max(min, Math.min(0, max)), max: Math.min(max, Math.max(min, 10)) }), fc.integer({ min, max }));
}

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? MAX_STRING, MAX_STRING));
  if (s.format === 'email') return fc.emailAddress().filter((e) => e.length <= (s.maxLength ?? 254));
  if (s.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  const patterns = [s.pattern, ...(s.allOf ?? []).map((a) => a.pattern)].filter((p): p is string => typeof p === 'string');
  if (patterns.length) {
    const res = patterns.map((p) => new RegExp(p));
    // The most specific pattern generates; all must hold, and the length is clipped into range.
    // (Only the schema's own maximum clips: a pattern may need more than MAX_STRING characters.)
    const clip = s.maxLength ?? Infinity;
    return fc.stringMatching(res[res.length - 1]!).map((v) => v.slice(0, clip)).filter((v) => v.length >= min && res.every((r) => r.test(v)));
  }
  return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
}

function objectArb(s: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) model[k] = arbitraryOf(v, depth + 1);
  return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) }) as fc.Arbitrary<Record<string, unknown>>;
}

/** Merge the object members of an allOf (zod's `.and`) into one object schema. */
function mergeAllOf(parts: JsonSchema[]): JsonSchema {
  const out: JsonSchema = { type: 'object', properties: {}, required: [] };
  for (const p of parts) {
    Object.assign(out.properties!, p.properties ?? {});
    out.required!.push(...(p.required ?? []));
  }
  return out;
}

/** An arbitrary of values the schema accepts (as far as JSON Schema says: refinements are not known). */
export function arbitraryOf(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf ?? s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf)!.map((x) => arbitraryOf(x, depth + 1)));
  if (s.allOf && s.type !== 'string') return arbitraryOf(mergeAllOf(s.allOf), depth + 1);
  switch (Array.isArray(s.type) ? s.type[0] : s.type) {
    case 'string': return stringArb(s);
    case 'integer': return intArb(s);
    case 'number': return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': return fc.array(arbitraryOf(s.items ?? {}, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? MAX_ITEMS, MAX_ITEMS)) });
    case 'object': return objectArb(s, depth);
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A valid object with one field (possibly nested one level) replaced by a hostile value, or one hostile key added. */
export function nearValidOf(s: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const base = arbitraryOf(s) as fc.Arbitrary<unknown>;
  const keys = Object.keys(s.allOf ? mergeAllOf(s.allOf).properties ?? {} : s.properties ?? {});
  const extra = fc.constantFrom('__proto__', 'constructor', 'x');
  return fc.tuple(base, fc.constantFrom('__extra__', ...keys), hostile, fc.boolean(), extra).map(([v, key, bad, nested, extraKey]) => {
    const obj: Record<string, unknown> = typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...(v as object) } : {};
    const target = key === '__extra__' ? extraKey : key;
    const current = obj[target];
    if (nested && typeof current === 'object' && current !== null && !Array.isArray(current) && Object.keys(current).length) {
      const inner = Object.keys(current)[0]!;
      // defineProperty: a key named __proto__ must be an own key that JSON.stringify sends.
      const copy = { ...(current as object) };
      Object.defineProperty(copy, inner, { value: bad, enumerable: true, writable: true, configurable: true });
      obj[target] = copy;
    } else {
      Object.defineProperty(obj, target, { value: bad, enumerable: true, writable: true, configurable: true });
    }
    return obj;
  });
}

/** Texts that are not the JSON object the API expects, and the content types they come under. */
export function hostileBodies(): fc.Arbitrary<{ body: string; type: string | undefined }> {
  const bodies = fc.constantFrom(
    '{', '{"a":', 'null', '[]', '[1,2]', '"text"', '42', 'true', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}',
    '{"id":"9223372036854775808"}', '{"id":1e400}', '\u0000', '{"a":"\u0000"}', '\ufeff{}', '{"a":1,"a":2}',
    '['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
  );
  const types = fc.constantFrom<string | undefined>('application/json', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined, '');
  return fc.record({ body: bodies, type: types });
}

/** Path parameter values a hostile caller puts in a URL (already URL-encoded as sent). */
export const hostilePathParams: readonly string[] = [
  '0', '-1', '1.5', '1e3', '9223372036854775807', '9223372036854775808', '18446744073709551616', '99999999999999999999999',
  'NaN', 'Infinity', '__proto__', 'constructor', 'toString', '%00', 'a%00b', '..', '%2e%2e', '%2e%2e%2f%2e%2e', '%E0%A4%A', '%', '%zz',
  '%C0%AF', encodeURIComponent('x'.repeat(4000)), '%20', '%0d%0aX-Injected:%201',
];
