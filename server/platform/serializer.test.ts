import Fastify from 'fastify';
import { serializerCompiler as zodSerializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createResponseSerializer, SerializerMismatchError, type SerializerFallback } from './serializer.js';

/** The answer of one GET route whose 200 schema is `schema` and whose handler returns `data`. */
async function answer(schema: z.ZodType, data: unknown, check = false) {
  const fallbacks: SerializerFallback[] = [];
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  const serializer = createResponseSerializer({ check, onFallback: (f) => fallbacks.push(f) });
  app.setSerializerCompiler(serializer.compiler);
  app.setErrorHandler((err: Error, _req, reply) => reply.code(500).send(JSON.stringify({ error: err.constructor.name, message: err.message })));
  app.withTypeProvider<ZodTypeProvider>().get('/x', { schema: { response: { 200: schema } } }, () => data as never);
  const res = await app.inject({ method: 'GET', url: '/x' });
  await app.close();
  return { status: res.statusCode, body: res.body, json: res.json<unknown>(), fallbacks };
}

/** What the zod serializer (the one before this) answers for `data`. */
function viaZod(schema: z.ZodType, data: unknown): string {
  return zodSerializerCompiler({ schema, method: 'GET', url: '/x' })(data);
}

const task = z.object({ id: z.number(), title: z.string(), deadline: z.string().nullable(), note: z.string().optional() });

describe('response serializer (fast-json-stringify from the zod schemas)', () => {
  it('drops keys the schema does not declare, at every depth, as zod does', async () => {
    const schema = z.object({ task, tasks: z.array(task) });
    const row = { id: 1, title: '督办', deadline: null, secret_column: 'x', unit_id: 9 };
    const data = { task: row, tasks: [row, { ...row, id: 2 }], internal: true };
    const res = await answer(schema, data);
    expect(res.status).toBe(200);
    expect(res.body).not.toContain('secret_column');
    expect(res.json).toEqual({
      task: { id: 1, title: '督办', deadline: null },
      tasks: [
        { id: 1, title: '督办', deadline: null },
        { id: 2, title: '督办', deadline: null },
      ],
    });
    expect(res.body).toBe(viaZod(schema, data));
  });

  it('keeps the extra keys of a loose object (the error body)', async () => {
    const schema = z.looseObject({ error: z.string(), message: z.string(), details: z.unknown().optional() });
    const data = { error: 'e', message: 'm', details: { fields: ['a'] }, requestId: 'r1' };
    expect((await answer(schema, data)).json).toEqual(data);
  });

  it('writes nullable values, nullable objects and nullable enums', async () => {
    const schema = z.object({
      s: z.string().nullable(),
      o: z.object({ x: z.number() }).nullable(),
      e: z.enum(['on_time', 'overdue']).nullable(),
      n: z.number().int().nullable(),
    });
    expect((await answer(schema, { s: null, o: null, e: null, n: null })).json).toEqual({ s: null, o: null, e: null, n: null });
    expect((await answer(schema, { s: 'a', o: { x: 1, y: 2 }, e: 'overdue', n: 3 })).json).toEqual({ s: 'a', o: { x: 1 }, e: 'overdue', n: 3 });
  });

  it('leaves an optional key out when it is missing or undefined (not null)', async () => {
    const res = await answer(task, { id: 1, title: 't', deadline: '2026-12-31', note: undefined });
    expect(res.body).toBe('{"id":1,"title":"t","deadline":"2026-12-31"}');
    expect((await answer(task, { id: 1, title: 't', deadline: null, note: 'n' })).json).toEqual({ id: 1, title: 't', deadline: null, note: 'n' });
  });

  it('writes enums, arrays of objects, records and tuples as zod does', async () => {
    const schema = z.object({
      light: z.enum(['green', 'yellow', 'red', 'none']),
      rows: z.array(z.object({ unit: z.string(), count: z.number() })),
      byUnit: z.record(z.string(), z.number()),
      byStatus: z.record(z.enum(['open', 'closed']), z.array(z.number())),
      pair: z.tuple([z.string(), z.number()]),
    });
    const data = {
      light: 'red',
      rows: [
        { unit: '发改委', count: 3, x: 1 },
        { unit: '财政局', count: 0 },
      ],
      byUnit: { 发改委: 3, 财政局: 0 },
      byStatus: { open: [1, 2], closed: [] },
      pair: ['a', 1],
    };
    const res = await answer(schema, data);
    expect(res.body).toBe(viaZod(schema, data));
    expect(res.json).toMatchObject({
      byUnit: { 发改委: 3, 财政局: 0 },
      rows: [
        { unit: '发改委', count: 3 },
        { unit: '财政局', count: 0 },
      ],
    });
  });

  it('writes each option of a discriminated union with its own keys, extra keys dropped', async () => {
    const schema = z.array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('task'), taskId: z.number() }),
        z.object({ kind: z.literal('item'), itemId: z.number(), title: z.string() }),
      ]),
    );
    const data = [
      { kind: 'item', itemId: 7, title: '事项', taskId: 99, extra: 'x' },
      { kind: 'task', taskId: 3, itemId: 7 },
    ];
    const res = await answer(schema, data);
    expect(res.json).toEqual([
      { kind: 'item', itemId: 7, title: '事项' },
      { kind: 'task', taskId: 3 },
    ]);
    expect(res.body).toBe(viaZod(schema, data));
  });

  it('keeps the zod serializer for a schema JSON Schema cannot express (a codec, a date), and says which', async () => {
    const codec = z.object({ n: z.codec(z.string(), z.number(), { decode: Number, encode: String }) });
    const res = await answer(codec, { n: 12 });
    expect(res.json).toEqual({ n: '12' }); // zod encodes the codec; fast-json-stringify would write 12
    expect(res.fallbacks).toEqual([{ route: 'GET /x 200', reason: expect.stringContaining('codec') as string }]);
    const at = new Date('2026-12-06T00:00:00Z');
    expect((await answer(z.object({ at: z.date() }), { at })).json).toEqual({ at: '2026-12-06T00:00:00.000Z' });
  });

  it('in check mode throws, naming the route and the difference, where fast-json-stringify and zod disagree', async () => {
    // zod picks the first option its refinement accepts; JSON Schema cannot see the refinement, so Ajv picks the first
    const schema = z.union([z.object({ amount: z.number() }).refine((o) => o.amount >= 0), z.object({ amount: z.number(), refund: z.boolean() })]);
    const data = { amount: -5, refund: true };
    expect((await answer(schema, data)).json).toEqual({ amount: -5 }); // unchecked: fast-json-stringify's answer
    const checked = await answer(schema, data, true);
    expect(checked.status).toBe(500);
    expect(checked.json).toEqual({ error: SerializerMismatchError.name, message: expect.stringContaining('GET /x 200') as string });
    expect(checked.json).toMatchObject({ message: expect.stringContaining('$.refund (missing: zod true)') as string });
    // an answer both write alike passes the check
    expect((await answer(schema, { amount: 5 }, true)).json).toEqual({ amount: 5 });
  });

  it('in check mode still refuses a wrong shape as zod does', async () => {
    const res = await answer(task, { id: 'one', title: 't', deadline: null }, true);
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ message: expect.stringContaining("Response doesn't match the schema") as string });
  });
});
