import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';
import type { Actor } from './actor.js';
import { hasRole } from './actor.js';
import { ConflictError, ForbiddenError, RuleError, StaleVersionError } from './errors.js';
import { allowedTransitions, defineWorkflow } from './workflow.js';

interface Probe {
  id: number;
  status: string;
  version: number;
  note: string | null;
}

const wf = defineWorkflow<Probe, { reason?: string }>({
  name: 'probe',
  table: 'wf_probe',
  states: { draft: { zh: '草稿', en: 'Draft' }, review: { zh: '审核中', en: 'In review' }, done: { zh: '办结', en: 'Done', terminal: true } },
  transitions: {
    submit: { label: { zh: '提交', en: 'Submit' }, from: ['draft'], to: 'review', allowed: (a) => hasRole(a, 'staff') },
    return: { label: { zh: '退回', en: 'Return' }, from: ['review'], to: 'draft', allowed: (a) => hasRole(a, 'division_head'), required: ['reason'] },
    accept: { label: { zh: '通过', en: 'Accept' }, from: ['review'], to: 'done', allowed: (a) => hasRole(a, 'division_head') },
  },
});

const staff = { id: 1, name: '甲', roles: ['staff'] } as unknown as Actor;
const head = { id: 2, name: '乙', roles: ['division_head'] } as unknown as Actor;

describeEachDialect('workflow engine', (env) => {
  beforeAll(async () => {
    await sql
      .raw('CREATE TABLE wf_probe (id integer primary key, status text not null, version integer not null, note text, updated_at text)')
      .execute(env().ctx.db);
  });

  async function make(id: number): Promise<Probe> {
    const { db } = env().ctx;
    await db
      .insertInto('wf_probe' as never)
      .values({ id, status: 'draft', version: 1, note: null } as never)
      .execute();
    return { id, status: 'draft', version: 1, note: null };
  }
  const load = async (id: number) =>
    (await env()
      .ctx.db.selectFrom('wf_probe' as never)
      .selectAll()
      .where('id' as never, '=', id as never)
      .executeTakeFirstOrThrow()) as unknown as Probe;
  const apply = (row: Probe, action: string, actor: Actor, version = row.version, input: { reason?: string } = {}) =>
    env()
      .ctx.db.transaction()
      .execute((trx) => env().ctx.workflow.apply(trx, wf, { row, action, actor, version, input, set: action === 'return' ? { note: input.reason } : {} }));

  it('moves a row, bumps its version and audits the change', async () => {
    const row = await make(1);
    expect(await apply(row, 'submit', staff)).toEqual({ status: 'review', version: 2, from: 'draft' });
    const audit = await env().ctx.db.selectFrom('audit_event').selectAll().where('action', '=', 'probe.submit').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.changes!)).toEqual({ status: ['draft', 'review'] });
    expect(allowedTransitions(wf, head, await load(1))).toEqual(['return', 'accept']);
    expect(allowedTransitions(wf, staff, await load(1))).toEqual([]);
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    const row = await make(2);
    await expect(apply(row, 'submit', staff, 7)).rejects.toBeInstanceOf(StaleVersionError);
    expect((await load(2)).status).toBe('draft');
  });

  it('lets exactly one of two racing transitions win; the other gets 409', async () => {
    await make(3);
    await apply(await load(3), 'submit', staff);
    const row = await load(3);
    const results = await Promise.allSettled([apply(row, 'accept', head), apply(row, 'return', head, row.version, { reason: '材料不全' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConflictError);
    expect((await load(3)).version).toBe(3);
  });

  it('refuses a transition from the wrong state, by the wrong role, or without required fields', async () => {
    const row = await make(4);
    await expect(apply(row, 'accept', head)).rejects.toBeInstanceOf(ConflictError);
    await expect(apply(row, 'submit', head)).rejects.toBeInstanceOf(ForbiddenError);
    await apply(row, 'submit', staff);
    await expect(apply(await load(4), 'return', head, 2, { reason: '  ' })).rejects.toBeInstanceOf(RuleError);
    expect(await apply(await load(4), 'return', head, 2, { reason: '请补充依据' })).toMatchObject({ status: 'draft' });
    expect((await load(4)).note).toBe('请补充依据');
  });
});
