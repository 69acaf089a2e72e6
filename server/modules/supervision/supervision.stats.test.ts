/**
 * The statistics from the trigger-kept count tables equal the statistics counted from the rows, for every actor
 * and range, after random sequences of writes through the services (立项, 分解, 交办, reports, review, 退回,
 * extensions, 撤销, 回访) and of direct writes (a moved registration day, a task handed to another owner unit,
 * a deleted request, a moved time limit) — and the count tables equal a recount from the rows; so does 超期任务（按单位）
 * from the open-task counts by time limit and by month. Both databases.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import type { Actor } from '../../platform/actor.js';
import { overdueCountsAggregated, statsRowsAggregated } from './repo/supervision.stats-aggregates.js';
import { overdueCountsByUnit, statsRows } from './repo/supervision.stats.js';
import { addDays } from './usecases/common.js';
import { overdueByUnit, stats } from './usecases/statistics.js';

const DAY = 86_400_000;
const OPEN = ['in_progress', 'returned', 'submitted'];
const UNITS = ['housing', 'finance', 'ecology', 'emergency', 'ndrc'] as const;
const VIEWERS = ['dcs_zhang', 'dcs_huang', 'zr_chen', 'fzr_liu', 'fgw_xu', 'zjj_peng', 'sj_li', 'jd_song', 'zhc_zheng'];

type Op =
  | { kind: 'register'; level: 0 | 1; source: 'decision' | 'assessment' | 'instruction'; lead: number; co: number; issue: boolean }
  | { kind: 'report' | 'accept' | 'return' | 'extend' | 'approve' | 'refuse' | 'withdrawTask' | 'withdrawItem' | 'close'; pick: number }
  | { kind: 'moveDay' | 'otherOwner' | 'dropExtension' | 'moveDeadline'; pick: number; n: number }
  | { kind: 'days'; n: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('register' as const),
      level: fc.constantFrom(0 as const, 1 as const),
      source: fc.constantFrom('decision' as const, 'assessment' as const, 'instruction' as const),
      lead: fc.nat(4),
      co: fc.nat(5),
      issue: fc.boolean(),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom('report' as const, 'accept' as const, 'return' as const, 'extend' as const, 'approve' as const, 'refuse' as const),
      pick: fc.nat(),
    }),
    weight: 6,
  },
  { arbitrary: fc.record({ kind: fc.constantFrom('withdrawTask' as const, 'withdrawItem' as const, 'close' as const), pick: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom('moveDay' as const, 'otherOwner' as const, 'dropExtension' as const, 'moveDeadline' as const),
      pick: fc.nat(),
      n: fc.nat(5),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('days' as const), n: fc.integer({ min: 1, max: 20 }) }), weight: 1 },
);

describeEachDialect('supervision statistics from the count tables', (env) => {
  const clients = new Map<string, TestClient>();
  const client = async (name: string) => {
    if (!clients.has(name)) clients.set(name, await env().login(name));
    return clients.get(name)!;
  };
  const nameOf = (id: number) => Object.entries(env().demo.userByName).find(([, v]) => v === id)?.[0];
  const persons: Record<string, string> = { housing: 'zjj_peng', finance: 'czj_han', ecology: 'sthj_feng', emergency: 'yjj_cao', ndrc: 'fgw_xu' };
  const actorOf = async (username: string): Promise<Actor> => {
    const { IdentityService } = await import('../identity/identity.service.js');
    return (await new IdentityService(env().ctx).loadActor(env().ctx.db, env().demo.userByName[username]!, { ip: null, userAgent: null, locale: 'zh-CN' }))!;
  };
  const day = (offset: number) => new Date(env().clock.now().getTime() + offset * DAY).toISOString().slice(0, 10);
  const tasks = () => env().ctx.db.selectFrom('supervision_task').selectAll().orderBy('id').execute();
  const items = () => env().ctx.db.selectFrom('supervision_item').selectAll().orderBy('id').execute();

  async function apply(op: Op): Promise<void> {
    const db = env().ctx.db;
    const office = await client('dcs_huang');
    if (op.kind === 'register') {
      const lead = UNITS[op.lead]!;
      const co = UNITS[op.co % UNITS.length]!;
      const units = co === lead ? [lead] : [lead, co];
      const reg = await office.post('/api/supervision/items', {
        source: op.source,
        ...(op.source === 'instruction' ? { instructedBy: '李明华', instructedById: env().demo.userByName.sj_li, instructionText: '请抓紧' } : {}),
        title: '督办城区积水点整治',
        requirement: '按期完成',
        level: op.level,
        leadUnitId: env().demo.unitByCode[lead],
        responsibleLeaderId: env().demo.userByName.msz_zhao,
        deadline: day(30),
      });
      if (reg.status !== 200) return;
      const split = await office.post(`/api/supervision/items/${reg.json.item.id}/split`, {
        version: reg.json.item.version,
        tasks: units.map((u) => ({ unitId: env().demo.unitByCode[u], responsibleUserId: env().demo.userByName[persons[u]!], deadline: day(10 + op.co) })),
      });
      if (split.status === 200 && op.issue) await office.post(`/api/supervision/items/${reg.json.item.id}/issue`, { version: split.json.item.version });
      return;
    }
    if (op.kind === 'days') return env().clock.advance(op.n * DAY);
    const all = await tasks();
    if (all.length === 0) return;
    const t = all[op.pick % all.length]!;
    const liaison = await client(nameOf(t.responsible_user_id)!);
    switch (op.kind) {
      case 'report':
        await liaison.post(`/api/supervision/tasks/${t.id}/reports`, { version: t.version, content: '已完成', final: op.pick % 2 === 0 });
        return;
      case 'accept':
      case 'return': {
        const criteria = { factsClear: true, problemSolved: true, instructionImplemented: true, conclusionAccurate: true, handlingProper: true };
        const body = op.kind === 'accept' ? { decision: 'accept', criteria } : { decision: 'return', reason: '材料不全' };
        await office.post(`/api/supervision/tasks/${t.id}/review`, { version: t.version, ...body });
        await (await client('zr_chen')).post(`/api/supervision/tasks/${t.id}/review`, { version: t.version, ...body });
        return;
      }
      case 'extend':
        await liaison.post(`/api/supervision/tasks/${t.id}/extensions`, { version: t.version, reason: '需协调', requestedDeadline: day(40) });
        return;
      case 'approve':
      case 'refuse': {
        const ext = await db.selectFrom('supervision_extension').select(['id', 'version']).where('status', '=', 'pending').orderBy('id').execute();
        const e = ext[op.pick % Math.max(1, ext.length)];
        if (!e) return;
        for (const who of ['dcs_huang', 'zr_chen'])
          await (
            await client(who)
          ).post(`/api/supervision/extensions/${e.id}/decision`, { version: e.version, approve: op.kind === 'approve', comment: '同意' });
        return;
      }
      case 'withdrawTask':
        await office.post(`/api/supervision/tasks/${t.id}/withdraw`, { version: t.version, reason: '调整' });
        return;
      case 'withdrawItem':
      case 'close': {
        const it = (await items()).find((i) => i.id === t.item_id)!;
        if (op.kind === 'withdrawItem') await office.post(`/api/supervision/items/${it.id}/withdraw`, { version: it.version, reason: '不再督办' });
        else
          for (const who of ['dcs_huang', 'zr_chen'])
            await (await client(who)).post(`/api/supervision/items/${it.id}/follow-up`, { version: it.version, note: '满意', rating: 5 });
        return;
      }
      case 'moveDay': {
        const it = (await items()).find((i) => i.id === t.item_id)!;
        const at = new Date(new Date(it.created_at).getTime() - (op.n + 1) * DAY).toISOString();
        await db.updateTable('supervision_item').set({ created_at: at }).where('id', '=', it.id).execute();
        return;
      }
      case 'moveDeadline':
        // a time limit moved by SQL, earlier or later (the open-task counts follow it)
        await db
          .updateTable('supervision_task')
          .set({ deadline: day(op.n * 7 - 20) })
          .where('id', '=', t.id)
          .execute();
        return;
      case 'otherOwner':
        // a task (and its item) owned by another unit: the remainder outside the 督查室's bulk
        await db
          .updateTable('supervision_task')
          .set({ owner_unit_id: env().demo.unitByCode[UNITS[op.n % UNITS.length]!]!, level: op.n % 2 })
          .where('id', '=', t.id)
          .execute();
        await db.updateTable('supervision_item').set({ owner_unit_id: env().demo.unitByCode.general! }).where('id', '=', t.item_id).execute();
        return;
      case 'dropExtension': {
        const e = await db.selectFrom('supervision_extension').select('id').orderBy('id').executeTakeFirst();
        if (e) await db.deleteFrom('supervision_extension').where('id', '=', e.id).execute();
        return;
      }
    }
  }

  /** The count tables recounted from the rows (rows with cnt 0 left out). */
  async function recount() {
    const db = env().ctx.db;
    const t = await db
      .selectFrom('supervision_task')
      .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
      .select([
        'supervision_task.owner_unit_id',
        'supervision_task.unit_id',
        'supervision_task.level',
        'supervision_item.created_at',
        'supervision_task.status',
        'supervision_task.accepted_on_time',
        'supervision_task.return_count',
        'supervision_task.extension_count',
      ])
      .execute();
    const agg = new Map<string, number[]>();
    const bump = (k: string, v: number[]) =>
      agg.set(
        k,
        (agg.get(k) ?? v.map(() => 0)).map((x, i) => x + v[i]!),
      );
    for (const r of t)
      bump(`t|${r.owner_unit_id}|${r.unit_id}|${r.level}|${r.created_at.slice(0, 10)}|${r.status}|${r.accepted_on_time === 1 ? 1 : 0}`, [
        1,
        r.return_count,
        r.extension_count,
      ]);
    for (const r of await items()) bump(`i|${r.owner_unit_id}|${r.level}|${r.created_at.slice(0, 10)}|${r.source}|${r.status}`, [1]);
    const e = await db
      .selectFrom('supervision_extension')
      .innerJoin('supervision_task', 'supervision_task.id', 'supervision_extension.task_id')
      .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
      .select(['supervision_task.owner_unit_id', 'supervision_task.level', 'supervision_item.created_at', 'supervision_extension.status'])
      .execute();
    for (const r of e) bump(`e|${r.owner_unit_id}|${r.level}|${r.created_at.slice(0, 10)}|${r.status}`, [1]);
    for (const r of await tasks())
      if (OPEN.includes(r.status)) {
        bump(`o|${r.owner_unit_id}|${r.level}|${r.deadline}|${r.unit_id}`, [1]);
        bump(`m|${r.owner_unit_id}|${r.level}|${r.deadline.slice(0, 7)}|${r.unit_id}`, [1]);
      }
    return agg;
  }

  async function stored() {
    const db = env().ctx.db;
    const agg = new Map<string, number[]>();
    for (const r of await db.selectFrom('supervision_stat_task').selectAll().execute())
      if (Number(r.cnt) !== 0 || Number(r.return_sum) !== 0 || Number(r.extension_sum) !== 0)
        agg.set(`t|${r.owner_unit_id}|${r.unit_id}|${r.level}|${r.created_day}|${r.status}|${r.on_time}`, [r.cnt, r.return_sum, r.extension_sum].map(Number));
    for (const r of await db.selectFrom('supervision_stat_item').selectAll().execute())
      if (Number(r.cnt) !== 0) agg.set(`i|${r.owner_unit_id}|${r.level}|${r.created_day}|${r.source}|${r.status}`, [Number(r.cnt)]);
    for (const r of await db.selectFrom('supervision_stat_ext').selectAll().execute())
      if (Number(r.cnt) !== 0) agg.set(`e|${r.owner_unit_id}|${r.level}|${r.created_day}|${r.status}`, [Number(r.cnt)]);
    for (const r of await db.selectFrom('supervision_stat_open_task').selectAll().execute())
      if (Number(r.cnt) !== 0) agg.set(`o|${r.owner_unit_id}|${r.level}|${r.deadline}|${r.unit_id}`, [Number(r.cnt)]);
    for (const r of await db.selectFrom('supervision_stat_open_task_month').selectAll().execute())
      if (Number(r.cnt) !== 0) agg.set(`m|${r.owner_unit_id}|${r.level}|${r.month}|${r.unit_id}`, [Number(r.cnt)]);
    return agg;
  }

  /** The tasks whose copy of their item's registration time (migration 202612081705) differs from the item's. */
  async function staleCopies() {
    const rows = await env()
      .ctx.db.selectFrom('supervision_task as t')
      .innerJoin('supervision_item as i', 'i.id', 't.item_id')
      .select(['t.id', 't.item_created_at', 'i.created_at'])
      .execute();
    return rows.filter((r) => r.item_created_at !== r.created_at);
  }

  it("each task's copy of its item's registration time follows a task inserted or moved to another item by SQL and a registration time changed", async () => {
    const db = env().ctx.db;
    const all = await tasks();
    const unitsOf = (itemId: number) => new Set(all.filter((x) => x.item_id === itemId).map((x) => x.unit_id));
    // a task and another item with no task of the task's unit (one task per item and unit), and a unit that item lacks
    const [t, b] = all
      .map((x) => [x, all.find((y) => y.item_id !== x.item_id && !unitsOf(y.item_id).has(x.unit_id))?.item_id] as const)
      .find(([, other]) => other !== undefined)! as readonly [(typeof all)[number], number];
    const free = Object.values(env().demo.unitByCode).find((u) => !unitsOf(b).has(u) && u !== t.unit_id)!;
    const { id: _id, item_created_at: _copy, ...rest } = t;
    const inserted = await db
      .insertInto('supervision_task')
      .values({ ...rest, item_id: b, unit_id: free })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('supervision_task').set({ item_id: b }).where('id', '=', t.id).execute();
    await db.updateTable('supervision_item').set({ created_at: '2025-01-02T03:04:05.000Z' }).where('id', '=', b).execute();
    const copies = await db.selectFrom('supervision_task').select(['id', 'item_created_at']).where('id', 'in', [t.id, inserted.id]).orderBy('id').execute();
    expect(copies.map((c) => c.item_created_at)).toEqual(['2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05.000Z']);
    expect(await staleCopies()).toEqual([]);
    // the moved task, open and past its time limit, counts as overdue in a range around its item's registration day only
    await db
      .updateTable('supervision_task')
      .set({ status: 'in_progress', deadline: day(-5) })
      .where('id', '=', t.id)
      .execute();
    const office = await actorOf('dcs_zhang');
    const overdueOf = (s: Awaited<ReturnType<typeof stats>>) => s.byUnit.find((u) => u.unitId === t.unit_id)?.overdue ?? 0;
    for (const [q, counted] of [
      [{ from: '2025-01-01', to: '2025-01-03' }, true],
      [{ from: '2025-01-03', to: day(0) }, false],
    ] as const) {
      const fast = await stats(env().ctx, office, q);
      expect(fast.byUnit, JSON.stringify(q)).toEqual((await stats(env().ctx, office, q, { exact: true })).byUnit);
      expect(overdueOf(fast) > 0, JSON.stringify(q)).toBe(counted);
    }
  });

  it('after random writes, every actor and range: count-table statistics = statistics from the rows; the tables = a recount', async () => {
    const viewers = await Promise.all(VIEWERS.map(actorOf));
    const sorted = <T extends Record<string, unknown>>(xs: T[], k: keyof T) => [...xs].sort((a, b) => String(a[k]).localeCompare(String(b[k])));
    const normal = (s: Awaited<ReturnType<typeof stats>>) => ({ ...s, bySource: sorted(s.bySource, 'source'), byStatus: sorted(s.byStatus, 'status') });
    let checked = 0;
    let overdueSeen = 0;
    let monthsProbed = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 12 }), fc.nat(20), fc.nat(20), async (ops, a, b) => {
        for (const op of ops) await apply(op);
        expect(Object.fromEntries(await stored())).toEqual(Object.fromEntries(await recount()));
        expect(await staleCopies()).toEqual([]);
        for (const q of [{}, { from: day(-a) }, { to: day(-b) }, { from: day(-a - b), to: day(-b) }])
          for (const actor of viewers) {
            const fast = await stats(env().ctx, actor, q);
            const exact = await stats(env().ctx, actor, q, { exact: true });
            expect(normal(fast), `${actor.username} ${JSON.stringify(q)}`).toEqual(normal(exact));
            checked++;
          }
        // 超期任务（按单位）: from the open-task counts (by month before the day's month, by day within it) = from the
        // rows, today and on the day of the last open time limits, the day after each, two days before each, and the
        // first of their months
        const limits = [...new Set((await tasks()).filter((t) => OPEN.includes(t.status)).map((t) => t.deadline))].sort();
        const probes = new Set<string>();
        for (const d of limits.slice(-3)) {
          const next = addDays(d, 1);
          // two days before: the time limit is the last yellow day
          const yellowEnd = addDays(d, -2);
          for (const p of [d, next, yellowEnd, `${d.slice(0, 7)}-01`, `${next.slice(0, 7)}-01`]) probes.add(p);
        }
        monthsProbed += new Set([...probes].map((p) => p.slice(0, 7))).size;
        for (const actor of viewers) {
          const fast = await overdueByUnit(env().ctx, actor);
          expect(fast, `overdue ${actor.username}`).toEqual(await overdueByUnit(env().ctx, actor, { exact: true }));
          overdueSeen += fast.total;
          for (const d of probes) {
            const byUnit = (rows: { unitId: number; overdue: number }[]) => rows.map((r) => [r.unitId, Number(r.overdue)]).sort((x, y) => x[0]! - y[0]!);
            const rows = byUnit(await overdueCountsAggregated(env().ctx.db, actor, d));
            expect(rows, `overdue ${actor.username} on ${d}`).toEqual(byUnit(await overdueCountsByUnit(env().ctx.db, actor, d)));
            // the statistics' lights (no range: from the open-task counts) on that day, yellow up to two days after it
            const th = { today: d, yellowUntil: addDays(d, 2) };
            const lights = (r: Awaited<ReturnType<typeof statsRows>>) =>
              r.byUnitRows.map((u) => [Number(u.unitId), Number(u.overdue), Number(u.yellow)]).sort((x, y) => x[0]! - y[0]!);
            expect(lights(await statsRowsAggregated(env().ctx.db, actor, th, {})), `lights ${actor.username} on ${d}`).toEqual(
              lights(await statsRows(env().ctx.db, actor, th, '0000', '9999')),
            );
          }
        }
      }),
      { numRuns: 6, seed: 20261208, endOnFailure: true },
    );
    // the writes reached the statistics: the 督查室 sees tasks, some of them closed or returned
    const office = await stats(env().ctx, viewers[0]!, {});
    expect(office.totals.tasks).toBeGreaterThan(0);
    expect(checked).toBe(6 * 4 * VIEWERS.length);
    // and some tasks were overdue when the figures were compared, on days of more than one month each run
    expect(overdueSeen).toBeGreaterThan(0);
    expect(monthsProbed).toBeGreaterThan(6);
  }, 180_000);
});
