/**
 * The 信息 statistics from the trigger-kept count tables (migration 202612081400) equal the statistics counted from
 * the rows, for random periods of whole China days and random unit subsets, after random sequences of writes
 * through the routes (报送, 迟报, 采编, 退回, 合并, 采用 at levels, 批示, events becoming 漏报) and of direct SQL (a
 * report moved across China midnight, a merged item's level changed or cleared, one statement changing a merged
 * item and a source together, a source moved to another merged item, a 批示 moved or deleted, an event's due time
 * moved) — and the count tables equal a recount from the rows. Both databases.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { supervisionModule } from '../supervision/supervision.module.js';
import { informationModule } from './information.module.js';
import { statisticsRows } from './information.repo.js';
import { chinaDayStarting, statisticsRowsAggregated, wholeChinaDays } from './repo/information.stats-aggregates.js';
import { bounds, unitStatistics } from './usecases/statistics.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const LIAISONS = ['fgw_xu', 'czj_han', 'sthj_feng', 'yjj_cao', 'zjj_peng'] as const;
const UNITS = ['ndrc', 'finance', 'ecology', 'emergency', 'housing'] as const;
const LEVELS = ['recorded', 'special', 'upper'] as const;
const RUNS = 25;

type Op =
  | { kind: 'submit'; unit: number; urgent: boolean; lateBy: number }
  | { kind: 'take' | 'return' | 'instruct'; pick: number }
  | { kind: 'adopt'; pick: number; level: number; merged: boolean }
  | { kind: 'merge'; pick: number; n: number }
  | { kind: 'event'; unit: number }
  | { kind: 'hours'; n: number }
  | {
      kind: 'sqlMoveReport' | 'sqlParentLevel' | 'sqlMixed' | 'sqlRemerge' | 'sqlMoveInstruction' | 'sqlDropInstruction' | 'sqlMoveEvent';
      pick: number;
      n: number;
    };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('submit' as const), unit: fc.nat(4), urgent: fc.boolean(), lateBy: fc.integer({ min: 0, max: 120 }) }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constantFrom('take' as const, 'return' as const, 'instruct' as const), pick: fc.nat() }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('adopt' as const), pick: fc.nat(), level: fc.nat(2), merged: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('merge' as const), pick: fc.nat(), n: fc.integer({ min: 2, max: 3 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('event' as const), unit: fc.nat(4) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('hours' as const), n: fc.integer({ min: 1, max: 30 }) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'sqlMoveReport' as const,
        'sqlParentLevel' as const,
        'sqlMixed' as const,
        'sqlRemerge' as const,
        'sqlMoveInstruction' as const,
        'sqlDropInstruction' as const,
        'sqlMoveEvent' as const,
      ),
      pick: fc.nat(),
      n: fc.nat(15),
    }),
    weight: 3,
  },
);

/** The China day of an ISO instant. */
const chinaDay = (at: string) => new Date(Date.parse(at) + 8 * HOUR).toISOString().slice(0, 10);

describeEachDialect(
  'information statistics from the count tables',
  (env) => {
    const clients = new Map<string, TestClient>();
    const client = async (name: string) => {
      if (!clients.has(name)) clients.set(name, await env().login(name));
      return clients.get(name)!;
    };
    const ago = (minutes: number) => new Date(env().clock.now().getTime() - minutes * MIN).toISOString();
    /** An instant near a China midnight 0–3 days back: 1 ms before, at, 1 ms after it, or 5 hours after. */
    const nearMidnight = (n: number) => {
      const midnight = Date.parse(`${chinaDay(env().clock.now().toISOString())}T00:00:00+08:00`) - Math.floor(n / 4) * DAY;
      return new Date(midnight + [-1, 0, 1, 5 * HOUR][n % 4]!).toISOString();
    };
    const items = () => env().ctx.db.selectFrom('info_item').selectAll().orderBy('id').execute();
    const pickOf = <T>(xs: T[], pick: number) => (xs.length ? xs[pick % xs.length] : undefined);
    /** Writes that took effect, by kind. */
    const done: Record<string, number> = {};
    const count = (kind: string, ok: boolean) => {
      if (ok) done[kind] = (done[kind] ?? 0) + 1;
    };
    const ok = (res: { status: number }) => res.status >= 200 && res.status < 300;

    async function apply(op: Op): Promise<void> {
      const db = env().ctx.db;
      const desk = await client('xxc_he');
      switch (op.kind) {
        case 'submit': {
          const liaison = await client(LIAISONS[op.unit]!);
          // a 紧急信息 has a 1-hour limit: `lateBy` past it is 迟报
          const res = await liaison.post('/api/information/items', {
            kind: op.urgent ? '紧急信息' : '工作动态',
            title: '重点项目推进情况',
            body: '正文',
            level: 0,
            eventAt: ago(op.urgent ? 60 + op.lateBy : 30),
          });
          count(op.kind, ok(res));
          return;
        }
        case 'take':
        case 'return': {
          const it = pickOf(
            (await items()).filter((i) => i.status === 'submitted' || (op.kind === 'return' && i.status === 'taken')),
            op.pick,
          );
          if (!it) return;
          count(
            op.kind,
            ok(await desk.post(`/api/information/items/${it.id}/${op.kind}`, { version: it.version, ...(op.kind === 'return' ? { reason: '要素不全' } : {}) })),
          );
          return;
        }
        case 'adopt': {
          const it = pickOf(
            (await items()).filter((i) => ['taken', 'adopted'].includes(i.status) && (i.origin === 'merge') === op.merged),
            op.pick,
          );
          if (!it) return;
          count(
            op.merged ? 'adoptMerged' : 'adopt',
            ok(await desk.post(`/api/information/items/${it.id}/adopt`, { version: it.version, level: LEVELS[op.level] })),
          );
          return;
        }
        case 'merge': {
          const open = (await items()).filter((i) => i.origin === 'report' && ['submitted', 'taken'].includes(i.status));
          const sources = Array.from({ length: op.n }, (_, k) => pickOf(open, op.pick + k)).filter((x) => x !== undefined);
          const unique = [...new Map(sources.map((s) => [s.id, s])).values()];
          if (unique.length < 2) return;
          count(
            'merge',
            ok(
              await desk.post('/api/information/merge', { sources: unique.map((s) => ({ id: s.id, version: s.version })), title: '合并稿', body: '合并正文' }),
            ),
          );
          return;
        }
        case 'instruct': {
          const it = pickOf(
            (await items()).filter((i) => i.status === 'adopted'),
            op.pick,
          );
          if (!it) return;
          count(`instruct:${it.origin}`, ok(await (await client('sj_li')).post(`/api/information/items/${it.id}/instructions`, { text: '请抓紧落实' })));
          return;
        }
        case 'event':
          count(
            'event',
            ok(
              await desk.post('/api/information/events', {
                kind: '紧急信息',
                title: '突发事件',
                unitId: env().demo.unitByCode[UNITS[op.unit]!],
                occurredAt: ago(5),
              }),
            ),
          );
          return;
        case 'hours':
          env().clock.advance(op.n * HOUR);
          // the sessions expired meanwhile: log in again
          clients.clear();
          count('jobs', (await env().ctx.scheduler.runDue()) > 0);
          return;
      }
      count(op.kind, true);
      // direct SQL: rows written around the services
      const all = await items();
      const reports = all.filter((i) => i.origin === 'report');
      const merges = all.filter((i) => i.origin === 'merge');
      switch (op.kind) {
        case 'sqlMoveReport': {
          const r = pickOf(reports, op.pick);
          if (r)
            await db
              .updateTable('info_item')
              .set({ reported_at: nearMidnight(op.n), late: op.n % 2 })
              .where('id', '=', r.id)
              .execute();
          return;
        }
        case 'sqlParentLevel': {
          const m = pickOf(merges, op.pick);
          if (m)
            await db
              .updateTable('info_item')
              .set({ adopt_level: op.n % 4 === 3 ? null : LEVELS[op.n % 4]! })
              .where('id', '=', m.id)
              .execute();
          return;
        }
        case 'sqlMixed': {
          // one statement changes a merged item and one of its sources
          const child = pickOf(
            reports.filter((r) => r.merged_into_id !== null),
            op.pick,
          );
          if (!child) return;
          const level = op.n % 4 === 3 ? null : LEVELS[op.n % 4]!;
          await sql`UPDATE info_item SET adopt_level = CASE WHEN id = ${child.id} THEN ${LEVELS[(op.n + 1) % 3]!} ELSE ${level} END
                    WHERE id IN (${child.id}, ${child.merged_into_id})`.execute(db);
          return;
        }
        case 'sqlRemerge': {
          const r = pickOf(reports, op.pick);
          const m = pickOf(merges, op.n);
          if (r)
            await db
              .updateTable('info_item')
              .set({ merged_into_id: op.n % 3 === 0 || !m ? null : m.id })
              .where('id', '=', r.id)
              .execute();
          return;
        }
        case 'sqlMoveInstruction':
        case 'sqlDropInstruction': {
          const ins = pickOf(await db.selectFrom('info_instruction').select('id').orderBy('id').execute(), op.pick);
          if (!ins) return;
          if (op.kind === 'sqlDropInstruction') await db.deleteFrom('info_instruction').where('id', '=', ins.id).execute();
          else
            await db
              .updateTable('info_instruction')
              .set({ created_at: nearMidnight(op.n) })
              .where('id', '=', ins.id)
              .execute();
          return;
        }
        case 'sqlMoveEvent': {
          const ev = pickOf(await db.selectFrom('info_event').select('id').orderBy('id').execute(), op.pick);
          if (ev)
            await db
              .updateTable('info_event')
              .set({ due_at: nearMidnight(op.n), ...(op.n % 3 === 0 ? { status: 'missed' as const } : {}) })
              .where('id', '=', ev.id)
              .execute();
          return;
        }
      }
    }

    /** The count tables recounted from the rows, keyed `table|day|unit[|level]`. */
    async function recount() {
      const db = env().ctx.db;
      const all = await items();
      const byId = new Map(all.map((i) => [i.id, i]));
      const agg = new Map<string, number[]>();
      const bump = (k: string, v: number[]) =>
        agg.set(
          k,
          (agg.get(k) ?? v.map(() => 0)).map((x, i) => x + v[i]!),
        );
      for (const r of all.filter((i) => i.origin === 'report')) {
        const parent = r.merged_into_id === null ? undefined : byId.get(r.merged_into_id);
        bump(`r|${chinaDay(r.reported_at)}|${r.unit_id}|${parent?.adopt_level ?? r.adopt_level ?? ''}`, [1, r.late]);
      }
      for (const i of await db.selectFrom('info_instruction').select(['item_id', 'created_at']).execute())
        for (const r of all.filter((x) => x.origin === 'report' && (x.id === i.item_id || x.merged_into_id === i.item_id)))
          bump(`i|${chinaDay(i.created_at)}|${r.unit_id}`, [1]);
      for (const e of await db.selectFrom('info_event').select(['unit_id', 'due_at']).where('status', '=', 'missed').execute())
        bump(`m|${chinaDay(e.due_at)}|${e.unit_id}`, [1]);
      return Object.fromEntries(agg);
    }

    async function stored() {
      const db = env().ctx.db;
      const agg: Record<string, number[]> = {};
      for (const r of await db.selectFrom('info_stat_report').selectAll().execute())
        if (Number(r.cnt) !== 0 || Number(r.late_sum) !== 0) agg[`r|${r.day}|${r.unit_id}|${r.lvl}`] = [Number(r.cnt), Number(r.late_sum)];
      for (const [t, k] of [
        ['info_stat_instruction', 'i'],
        ['info_stat_missed', 'm'],
      ] as const)
        for (const r of await db.selectFrom(t).selectAll().execute()) if (Number(r.cnt) !== 0) agg[`${k}|${r.day}|${r.unit_id}`] = [Number(r.cnt)];
      return agg;
    }

    it('China days: a period of whole days reads the tables; an edge inside a day is not whole', () => {
      expect(bounds({ from: '2026-03-01', to: '2026-03-02' })).toEqual({ from: '2026-02-28T16:00:00.000Z', to: '2026-03-02T16:00:00.000Z' });
      expect(wholeChinaDays('2026-02-28T16:00:00.000Z', '2026-03-02T16:00:00.000Z')).toEqual({ fromDay: '2026-03-01', toDay: '2026-03-02' });
      expect(chinaDayStarting('2026-02-28T16:00:00.001Z')).toBeNull();
      expect(chinaDayStarting('2026-02-28T16:00:00Z')).toBeNull();
      expect(chinaDayStarting('2026-03-01T00:00:00.000Z')).toBeNull();
      expect(wholeChinaDays('2026-02-28T16:00:00.000Z', '2026-03-02T12:00:00.000Z')).toBeNull();
    });

    it('after random writes: count-table statistics = statistics from the rows for random periods and units; the tables = a recount', async () => {
      const unitIds = UNITS.map((u) => env().demo.unitByCode[u]!);
      const day = (offset: number) => chinaDay(new Date(env().clock.now().getTime() + offset * DAY).toISOString());
      const normal = (rows: Awaited<ReturnType<typeof statisticsRows>>) => ({
        reported: rows.reported.map((r) => [r.unit_id, Number(r.n), Number(r.late)]).sort(),
        adopted: rows.adopted.map((r) => [r.unit_id, r.lvl, Number(r.n)]).sort(),
        instructions: rows.instructions.map((r) => [r.unit_id, Number(r.n)]).sort(),
        missed: rows.missed.map((r) => [r.unit_id, Number(r.n)]).sort(),
      });
      // the backfill of the demo office's rows
      expect(await stored()).toEqual(await recount());
      let checked = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(opArb, { minLength: 8, maxLength: 20 }),
          fc.array(fc.record({ a: fc.nat(6), len: fc.nat(5), units: fc.subarray(unitIds) }), { minLength: 3, maxLength: 3 }),
          async (ops, periods) => {
            for (const op of ops) await apply(op);
            expect(await stored()).toEqual(await recount());
            for (const p of periods) {
              const period = { from: day(-p.a), to: day(-p.a + p.len) };
              const units = p.units.length ? p.units : undefined;
              const fast = await unitStatistics(env().ctx.db, period, units);
              const exact = await unitStatistics(env().ctx.db, period, units, { exact: true });
              expect(fast, JSON.stringify(period)).toEqual(exact);
              const { from, to } = bounds(period);
              expect(normal(await statisticsRowsAggregated(env().ctx.db, from, to, units))).toEqual(
                normal(await statisticsRows(env().ctx.db, from, to, units)),
              );
              // an edge inside a day: counted from the rows
              const partial = new Date(Date.parse(to) - 7 * HOUR).toISOString();
              expect(normal(await statisticsRowsAggregated(env().ctx.db, from, partial, units))).toEqual(
                normal(await statisticsRows(env().ctx.db, from, partial, units)),
              );
              checked++;
            }
          },
        ),
        { numRuns: RUNS, seed: 20261206, endOnFailure: true },
      );
      expect(checked).toBe(RUNS * 3);
      // the writes reached the figures: reports, adoptions at levels, 批示 and 漏报 were counted
      const year = await unitStatistics(env().ctx.db, { from: day(-30), to: day(1) });
      const sum = (f: (s: (typeof year)[number]) => number) => year.reduce((a, s) => a + f(s), 0);
      expect(sum((s) => s.reported)).toBeGreaterThan(0);
      expect(sum((s) => s.adopted.total)).toBeGreaterThan(0);
      expect(sum((s) => s.instructions)).toBeGreaterThan(0);
      expect(sum((s) => s.late)).toBeGreaterThan(0);
      expect(sum((s) => s.missed)).toBeGreaterThan(0);
      // every kind of write took effect at least once
      const kinds = ['submit', 'take', 'return', 'adopt', 'adoptMerged', 'merge', 'instruct:report', 'instruct:merge', 'event', 'jobs'];
      const direct = ['sqlMoveReport', 'sqlParentLevel', 'sqlMixed', 'sqlRemerge', 'sqlMoveInstruction', 'sqlDropInstruction', 'sqlMoveEvent'];
      for (const k of [...kinds, ...direct]) expect(done[k] ?? 0, k).toBeGreaterThan(0);
    }, 120_000);
  },
  { modules: [supervisionModule, informationModule] },
);
