/**
 * `planLiteral` (client.ts): a safe integer is written into the SQL text, anything else is refused. On PostgreSQL the
 * 督办台账's first page and capped count by unit, and 超期任务（按单位） of a unit's office, keep a generic plan when run
 * as prepared statements (#17: they were planned on every call, and planning cost more than running them).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestEnv } from '../../test/harness.js';
import { testDialects } from '../../test/dialects.js';
import { openDatabase, planLiteral } from './client.js';
import { IdentityService } from '../modules/identity/identity.service.js';
import { ledgerCount, ledgerPage } from '../modules/supervision/repo/supervision.lists.js';
import { overdueCountsAggregated } from '../modules/supervision/repo/supervision.stats-aggregates.js';

it('writes safe integers into the text and refuses anything else', async () => {
  const db = openDatabase({ kind: 'sqlite', file: ':memory:' });
  try {
    const q = sql`SELECT ${planLiteral(20)} AS a, ${planLiteral(-3)} AS b, ${7} AS c`.compile(db.db);
    expect(q.sql).toBe('SELECT 20 AS a, -3 AS b, ? AS c');
    expect(q.parameters).toEqual([7]);
  } finally {
    await db.close();
  }
  for (const bad of [1.5, Number.NaN, Infinity, 2 ** 60, '1 OR 1=1' as unknown as number]) expect(() => planLiteral(bad)).toThrow(TypeError);
});

describe.skipIf(!testDialects().includes('postgres'))('generic plans of the hot reads [postgres]', () => {
  it('the ledger page and count by unit and the overdue counts are no longer planned on every call', async () => {
    const env = await createTestEnv('postgres');
    if (env.config.db.kind !== 'postgres') throw new Error('postgres expected');
    // one connection, so that pg_prepared_statements shows every statement this test ran
    const one = openDatabase({ ...env.config.db, poolSize: 1 });
    try {
      const ids = new IdentityService(env.ctx);
      const actorOf = async (name: string) => (await ids.loadActor(one.db, env.demo.userByName[name]!, { ip: null, userAgent: null, locale: 'zh-CN' }))!;
      const office = await actorOf('dcs_huang');
      const unitId = env.demo.unitByCode.housing!;
      const th = env.ctx.calendar.lightThresholds(env.clock.now(), 3);
      for (let i = 0; i < 12; i++) {
        await ledgerPage(one.db, office, { unitId, status: 'issued' }, th, { limit: 20, offset: 0 });
        await ledgerCount(one.db, office, { unitId, status: 'issued' }, th, 1000);
        await overdueCountsAggregated(one.db, office, th.today);
      }
      const plans = (
        await sql<{ statement: string; generic_plans: string; custom_plans: string }>`
          SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements`.execute(one.db)
      ).rows;
      const of = (re: RegExp) => {
        const p = plans.find((r) => re.test(r.statement));
        if (!p) throw new Error(`not prepared: ${re} among ${plans.length}`);
        return { generic: Number(p.generic_plans), custom: Number(p.custom_plans) };
      };
      // the values that decide the plan are in the texts (at 1m, with them as parameters, PostgreSQL costed the generic
      // plans higher and planned every call: bench/results/2026-12-07-s20-summary.md; on this small database it would
      // keep the generic plan either way, so the texts are what this checks), and the generic plan is kept: PostgreSQL
      // plans the first five executions for their values, then keeps the generic one when it costs no more
      const c = office.clearance;
      const page = of(new RegExp(`^select "supervision_item"\\.\\* from \\(select "lu".*lu\\.level <= ${c} AND .* limit 20 offset 0\\)`, 's'));
      const count = of(
        new RegExp(`^select count\\(\\*\\) as "n" from \\(select 1 as "one" from "supervision_item_unit".*lu\\.level <= ${c} AND .* limit 1001\\)`, 's'),
      );
      const overdue = of(
        new RegExp(`supervision_stat_open_task_month.*o\\.owner_unit_id < ${office.unitId} UNION ALL .*o\\.owner_unit_id > ${office.unitId}\\)`, 's'),
      );
      for (const p of [page, count, overdue]) expect(p).toEqual({ generic: 7, custom: 5 });
    } finally {
      await one.close();
      await env.close();
    }
  });
});
