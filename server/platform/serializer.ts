/**
 * Response serialization: each route's zod response schema is compiled once to JSON Schema and then to a
 * fast-json-stringify function, instead of running the zod schema over every answer and JSON.stringify after.
 *
 * What stays as with zod: an object answers only the keys its schema declares (`additionalProperties: false`,
 * which `z.object` emits for output; fast-json-stringify writes declared properties only), so a row's extra
 * columns never leak; a loose object (`z.looseObject`, the error body) keeps its extra keys. What differs: zod
 * refuses a wrong shape (a 500), fast-json-stringify coerces it (a string where a number is declared is written
 * as a number). `check` (ZHONGSHU_SERIALIZER_CHECK=1, set by the test configurations) serializes every answer
 * both ways and throws on any difference, so the test suites are the equivalence test.
 *
 * A schema that does not compile (a construct JSON Schema or fast-json-stringify cannot express) keeps the zod
 * serializer for its route; `fallbacks` lists those routes.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import fastJson from 'fast-json-stringify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A route answer whose schema kept the zod serializer, and why. */
export interface SerializerFallback {
  route: string;
  reason: string;
}

/** The serializer compiler of an app, with the routes that fell back to zod. */
export interface ResponseSerializer {
  compiler: FastifySerializerCompiler<unknown>;
  fallbacks: SerializerFallback[];
}

/** Thrown in check mode when fast-json-stringify and zod answer differently. */
export class SerializerMismatchError extends Error {}

/**
 * The response serializer compiler. `check`: serialize both ways and throw SerializerMismatchError on a
 * difference; `onFallback`: told of each route answer that keeps the zod serializer.
 */
export function createResponseSerializer(opts: { check?: boolean; onFallback?: (f: SerializerFallback) => void } = {}): ResponseSerializer {
  const fallbacks: SerializerFallback[] = [];
  const compiler: FastifySerializerCompiler<unknown> = (def) => {
    const route = `${def.method} ${def.url} ${def.httpStatus ?? ''}${def.contentType ? ` ${def.contentType}` : ''}`.trim();
    const viaZod = zodSerializerCompiler(def as Parameters<typeof zodSerializerCompiler>[0]);
    // compiled on the route's first answer: compiling every route's schema at start-up took ~2 s (app and tests)
    let serialize: ((data: unknown) => string) | undefined;
    const build = (): ((data: unknown) => string) => {
      let fast: (data: unknown) => string;
      try {
        fast = compileFast(def.schema);
      } catch (e) {
        const f = { route, reason: e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e) };
        fallbacks.push(f);
        opts.onFallback?.(f);
        return viaZod;
      }
      if (!opts.check) return fast;
      return (data) => {
        const expected = viaZod(data); // a wrong shape throws here, as without the check
        let actual: string;
        try {
          actual = fast(data);
        } catch (e) {
          throw new SerializerMismatchError(`${route}: fast-json-stringify failed where zod did not: ${String(e)}`);
        }
        const diff = firstDifference(JSON.parse(expected), JSON.parse(actual), '$');
        if (diff) throw new SerializerMismatchError(`${route}: fast-json-stringify differs from zod at ${diff}`);
        return actual;
      };
    };
    return (data) => (serialize ??= build())(data);
  };
  return { compiler, fallbacks };
}

/** A zod schema compiled to a fast-json-stringify function; throws when it cannot be. */
export function compileFast(schema: unknown): (data: unknown) => string {
  if (!(schema instanceof z.ZodType)) throw new Error('not a zod schema');
  const json = z.toJSONSchema(schema, {
    io: 'output',
    target: 'draft-07',
    unrepresentable: 'throw', // a date, a bigint, a transform
    override: ({ zodSchema }) => {
      // zod encodes a codec's output back to its input (`z.codec(z.string(), z.number())` answers "12"): JSON Schema
      // describes one side only
      if (zodSchema._zod.def.type === 'pipe') throw new Error('a pipe or codec: JSON Schema has one side of it');
    },
  }) as Json;
  delete json.$schema;
  return fastJson(simplify(json) as Parameters<typeof fastJson>[0]);
}

/** Keywords that only validate: fast-json-stringify writes the same text with or without them. */
const VALIDATION_ONLY = new Set([
  'enum',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'description',
  'title',
  'examples',
]);
const PRIMITIVE = new Set(['string', 'number', 'integer', 'boolean', 'null']);

/** The primitive type(s) of a schema that only types and validates a primitive, else null. */
function primitiveTypes(s: unknown): string[] | null {
  if (!isObject(s)) return null;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (!types.every((t) => typeof t === 'string' && PRIMITIVE.has(t))) return null;
  return Object.keys(s).every((k) => k === 'type' || VALIDATION_ONLY.has(k)) ? (types as string[]) : null;
}

/**
 * What fast-json-stringify handles slowly or unlike zod, rewritten (in place): `additionalProperties: false`
 * dropped (see below); an `anyOf` of plain
 * primitive types (a nullable enum, a string-or-number) becomes `type: [..]`, and an `anyOf` of one schema
 * and null becomes that schema with `nullable: true`. Otherwise each option of an `anyOf` is chosen by
 * validating the value with Ajv, for every answer.
 */
export function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (!isObject(node)) return node;
  for (const [k, v] of Object.entries(node)) node[k] = simplify(v);
  // zod strips undeclared keys, and fast-json-stringify writes declared properties only with or without
  // `additionalProperties: false`; but with it, Ajv refuses a union's option for an object with extra keys (a
  // row's other columns), so no option matches and the answer fails
  if (node.additionalProperties === false) delete node.additionalProperties;
  const options = node.anyOf ?? node.oneOf;
  if (!Array.isArray(options) || options.length < 2) return node;
  const key = node.anyOf ? 'anyOf' : 'oneOf';
  const siblings = Object.keys(node).filter((k) => k !== key);
  if (siblings.some((k) => !VALIDATION_ONLY.has(k))) return node;
  const types = options.map(primitiveTypes);
  if (types.every((t) => t !== null)) {
    const { [key]: _options, ...rest } = node;
    return { ...rest, type: [...new Set(types.flat())] };
  }
  const nonNull = options.filter((o) => !(isObject(o) && o.type === 'null' && Object.keys(o).length === 1));
  const only = nonNull[0];
  if (nonNull.length === 1 && options.length === 2 && isObject(only) && only.$ref === undefined && only.anyOf === undefined && only.oneOf === undefined) {
    const { [key]: _options, ...rest } = node;
    return { ...rest, ...only, nullable: true };
  }
  return node;
}

/** The path of the first difference between two JSON values, or null when they are equal. */
function firstDifference(a: unknown, b: unknown, at: string): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at} (length ${a.length} ≠ ${b.length})`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
  }
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(k in b)) return `${at}.${k} (missing: zod ${JSON.stringify(a[k])})`;
      if (!(k in a)) return `${at}.${k} (extra: ${JSON.stringify(b[k])})`;
      const d = firstDifference(a[k], b[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  return `${at} (zod ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)})`;
}
