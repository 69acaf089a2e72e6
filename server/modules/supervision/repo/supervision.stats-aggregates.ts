/**
 * The statistics from the trigger-kept count tables (migration 202612081000): "bulk + exact remainder".
 *
 * An actor's visibility is an OR of conditions. The bulk is the part the count tables' key answers — the office
 * director: every row within clearance (that is the director's whole visibility); any other business user: the rows
 * of the actor's own unit as owner (督查室) within clearance. The remainder, the visible rows owned by another unit,
 * is counted exactly from the rows (`statsRows(…, outsideOwner)`, index ranges on owner_unit_id). The figures that
 * depend on today's date (overdue, yellow) are counted for the bulk from the open tasks by time limit (index range).
 * The sum equals `statsRows` over the same visibility. 超期任务（按单位） is split the same way, its bulk summed from the
 * open-task counts (migrations 202612081702 by time limit, 202612081703 by month).
 */
import { sql } from 'kysely';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { hasRole, isBusinessUser } from '../../../platform/actor.js';
import { overdueCountRows, overdueCountsByUnit, statsRows } from './supervision.stats.js';

type Thresholds = { today: string; yellowUntil: string };
type Rows = Awaited<ReturnType<typeof statsRows>>;
type Bulk = { clearance: number; ownerUnitId: number | null };

const OPEN = ['in_progress', 'returned', 'submitted'];
const ITEM_CLOSED = ['concluded', 'closed'];

/** The bulk of `a`'s visibility that the count tables answer, or null when there is none (then everything is exact). */
function bulkOf(a: Actor): Bulk | null {
  if (!isBusinessUser(a)) return null;
  if (hasRole(a, 'director')) return { clearance: a.clearance, ownerUnitId: null };
  return { clearance: a.clearance, ownerUnitId: a.unitId };
}

/** Adds `n` to `m[key]`, creating it from `zero`. */
function add<T extends Record<string, number>>(m: Map<string, T>, key: string, zero: () => T, n: Partial<T>) {
  const cur = m.get(key) ?? zero();
  for (const [k, v] of Object.entries(n)) (cur as Record<string, number>)[k] = (cur[k] ?? 0) + Number(v ?? 0);
  m.set(key, cur);
}

/** The bulk's task counts per unit (from the count table) and overdue/yellow per unit (open tasks by time limit). */
async function bulkTasks(db: Db, b: Bulk, th: Thresholds, q: { from: string; to: string; fromDay: string; toDay: string; ranged: boolean }) {
  const counts = await db
    .selectFrom('supervision_stat_task')
    .where('level', '<=', b.clearance)
    .$if(b.ownerUnitId !== null, (qb) => qb.where('owner_unit_id', '=', b.ownerUnitId!))
    .where('created_day', '>=', q.fromDay)
    .where('created_day', '<=', q.toDay)
    .select((eb) => [
      'unit_id as unitId',
      eb.fn.sum<number>('cnt').as('n'),
      eb.fn.sum<number>('cnt').filterWhere('status', '!=', 'pending').as('assigned'),
      eb.fn.sum<number>('cnt').filterWhere('status', '=', 'accepted').as('closed'),
      eb.fn.sum<number>('cnt').filterWhere('on_time', '=', 1).as('onTime'),
      eb.fn.sum<number>('return_sum').as('returns'),
      eb.fn.sum<number>('extension_sum').as('extensions'),
    ])
    .groupBy('unit_id')
    .execute();
  // without a range every open task counts: the open-task counts answer; with one, the open tasks by time limit
  if (!q.ranged) return { counts, lights: await openTaskSums(db, b, th.today, th.yellowUntil) };
  const upper = th.yellowUntil > th.today ? th.yellowUntil : th.today;
  const lights = await db
    .selectFrom('supervision_task')
    .where('supervision_task.status', 'in', OPEN)
    .where('supervision_task.deadline', '<=', upper)
    .where('supervision_task.level', '<=', b.clearance)
    // unary plus: the open tasks by time limit (supervision_task_overdue_idx) drive this, not the owner unit's every task
    .$if(b.ownerUnitId !== null, (qb) => qb.where(sql<number>`+${sql.ref('supervision_task.owner_unit_id')}`, '=', b.ownerUnitId!))
    // the item's registration time from the task's copy: the index answers without reading each task's item
    .where('supervision_task.item_created_at', '>=', q.from)
    .where('supervision_task.item_created_at', '<=', q.to)
    // count(*), not count(id): PostgreSQL's index holds no id, and the figures then come from the index alone
    .select((eb) => [
      'supervision_task.unit_id as unitId',
      eb.fn.countAll<number>().filterWhere('supervision_task.deadline', '<', th.today).as('overdue'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w('supervision_task.deadline', '>=', th.today), w('supervision_task.deadline', '<=', th.yellowUntil)]))
        .as('yellow'),
    ])
    .groupBy('supervision_task.unit_id')
    .execute();
  return { counts, lights };
}

/** The bulk's item counts by source, month and status, and its extension requests by status. */
async function bulkItemsAndExts(db: Db, b: Bulk, q: { fromDay: string; toDay: string }) {
  const items = await db
    .selectFrom('supervision_stat_item')
    .where('level', '<=', b.clearance)
    .$if(b.ownerUnitId !== null, (qb) => qb.where('owner_unit_id', '=', b.ownerUnitId!))
    .where('created_day', '>=', q.fromDay)
    .where('created_day', '<=', q.toDay)
    .select((eb) => ['source', 'status', eb.fn<string>('substr', ['created_day', eb.val(1), eb.val(7)]).as('month'), eb.fn.sum<number>('cnt').as('n')])
    .groupBy(['source', 'status', 'month'])
    .execute();
  const exts = await db
    .selectFrom('supervision_stat_ext')
    .where('level', '<=', b.clearance)
    .$if(b.ownerUnitId !== null, (qb) => qb.where('owner_unit_id', '=', b.ownerUnitId!))
    .where('created_day', '>=', q.fromDay)
    .where('created_day', '<=', q.toDay)
    .select((eb) => ['status', eb.fn.sum<number>('cnt').as('n')])
    .groupBy('status')
    .execute();
  return { items, exts };
}

/**
 * The same grouped counts as `statsRows(db, actor, th, from, to)`, read from the count tables plus the exact
 * remainder. `q` holds the dates (YYYY-MM-DD) of the range, either end optional.
 */
export async function statsRowsAggregated(db: Db, actor: Actor, th: Thresholds, q: { from?: string; to?: string }): Promise<Rows> {
  const from = q.from ? `${q.from}T00:00:00.000Z` : '0000';
  const to = q.to ? `${q.to}T23:59:59.999Z` : '9999';
  const b = bulkOf(actor);
  if (!b) return statsRows(db, actor, th, from, to);
  const range = { from, to, fromDay: q.from ?? '0000', toDay: q.to ?? '9999', ranged: !!(q.from || q.to) };
  const [rest, tasks, itemsExts] = await Promise.all([
    // the director's bulk is the whole visibility: nothing remains
    b.ownerUnitId === null ? null : statsRows(db, actor, th, from, to, b.ownerUnitId),
    bulkTasks(db, b, th, range),
    bulkItemsAndExts(db, b, range),
  ]);

  const unitZero = () => ({ n: 0, assigned: 0, closed: 0, onTime: 0, overdue: 0, yellow: 0, returns: 0, extensions: 0 });
  const units = new Map<string, ReturnType<typeof unitZero>>();
  for (const r of tasks.counts) add(units, String(r.unitId), unitZero, r);
  for (const r of tasks.lights) add(units, String(r.unitId), unitZero, { overdue: r.overdue, yellow: r.yellow });
  for (const r of rest?.byUnitRows ?? []) {
    const { unitId, assigned, closed, onTime, overdue, yellow, returns, extensions } = r;
    add(units, String(unitId), unitZero, { n: 1, assigned, closed, onTime, overdue, yellow, returns: returns ?? 0, extensions: extensions ?? 0 });
  }

  const countZero = () => ({ count: 0, closed: 0 });
  const sources = new Map<string, ReturnType<typeof countZero>>();
  const months = new Map<string, ReturnType<typeof countZero>>();
  const statuses = new Map<string, { count: number }>();
  const exts = new Map<string, { count: number }>();
  for (const r of itemsExts.items) {
    const n = Number(r.n);
    const closed = ITEM_CLOSED.includes(r.status) ? n : 0;
    add(sources, r.source, countZero, { count: n, closed });
    add(months, r.month, countZero, { count: n, closed });
    add(statuses, r.status, () => ({ count: 0 }), { count: n });
  }
  for (const r of itemsExts.exts) add(exts, r.status, () => ({ count: 0 }), { count: r.n });
  for (const r of rest?.bySourceRows ?? []) add(sources, r.source, countZero, { count: r.count, closed: r.closed });
  for (const r of rest?.byMonthRows ?? []) add(months, r.month, countZero, { count: r.registered, closed: r.closed });
  for (const r of rest?.byStatusRows ?? []) add(statuses, r.status, () => ({ count: 0 }), { count: r.count });
  for (const r of rest?.extRows ?? []) add(exts, r.status, () => ({ count: 0 }), { count: r.count });

  const present = <T extends Record<string, number>>(m: Map<string, T>, k: keyof T) =>
    [...m.entries()].filter(([, v]) => v[k]! > 0).sort(([a], [z]) => (a < z ? -1 : a > z ? 1 : 0));
  return {
    byUnitRows: present(units, 'n').map(([unitId, r]) => ({
      unitId: Number(unitId),
      assigned: r.assigned,
      closed: r.closed,
      onTime: r.onTime,
      overdue: r.overdue,
      yellow: r.yellow,
      returns: r.returns,
      extensions: r.extensions,
    })),
    bySourceRows: present(sources, 'count').map(([source, r]) => ({ source, count: r.count, closed: r.closed })),
    byMonthRows: present(months, 'count').map(([month, r]) => ({ month, registered: r.count, closed: r.closed })),
    byStatusRows: present(statuses, 'count').map(([status, r]) => ({ status, count: r.count })),
    extRows: present(exts, 'count').map(([status, r]) => ({ status, count: r.count })),
  };
}

/**
 * The bulk's open tasks per unit from the open-task counts: `overdue` (time limit before `today`: by month before
 * today's month, by time limit within it) and `yellow` (time limit from `today` to `yellowUntil`; none when null).
 */
async function openTaskSums(db: Db, b: Bulk, today: string, yellowUntil: string | null, more?: ReturnType<typeof overdueCountRows>) {
  const month = today.slice(0, 7);
  // the levels one by one: with a range on level the time limit's range could not narrow the key's scan
  const levels = Array.from({ length: b.clearance + 1 }, (_, i) => i);
  // yellow: a time limit from today to yellowUntil, read as far as that; none when yellowUntil is null or past
  const yellowTo = yellowUntil !== null && yellowUntil >= today ? yellowUntil : null;
  const before = db
    .selectFrom('supervision_stat_open_task_month')
    .$if(b.ownerUnitId !== null, (qb) => qb.where('owner_unit_id', '=', b.ownerUnitId!))
    .where('level', 'in', levels)
    .where('month', '<', month)
    .select(['unit_id', 'cnt', sql<number>`1`.as('o'), sql<number>`0`.as('y')]);
  const within = db
    .selectFrom('supervision_stat_open_task')
    .$if(b.ownerUnitId !== null, (qb) => qb.where('owner_unit_id', '=', b.ownerUnitId!))
    .where('level', 'in', levels)
    .where('deadline', '>=', `${month}-01`)
    .where('deadline', yellowTo === null ? '<' : '<=', yellowTo ?? today)
    .select([
      'unit_id',
      'cnt',
      sql<number>`CASE WHEN deadline < ${today} THEN 1 ELSE 0 END`.as('o'),
      (yellowTo === null ? sql<number>`0` : sql<number>`CASE WHEN deadline >= ${today} THEN 1 ELSE 0 END`).as('y'),
    ]);
  const rows = more ? before.unionAll(within).unionAll(more) : before.unionAll(within);
  return db
    .selectFrom(rows.as('c'))
    .select((eb) => ['c.unit_id as unitId', eb.fn.sum<number>(sql`c.cnt * c.o`).as('overdue'), eb.fn.sum<number>(sql`c.cnt * c.y`).as('yellow')])
    .groupBy('c.unit_id')
    .execute();
}

/**
 * The same counts as `overdueCountsByUnit(db, actor, today)`: the bulk summed from the open-task counts
 * (`openTaskSums`) plus the exact remainder (open tasks past `today` owned by another unit that the actor may see).
 */
export async function overdueCountsAggregated(db: Db, actor: Actor, today: string): Promise<{ unitId: number; overdue: number }[]> {
  const b = bulkOf(actor);
  if (!b) return overdueCountsByUnit(db, actor, today);
  // one query: the exact remainder joins the counts' sum (#17: a query is a round trip on PostgreSQL)
  const rows = await openTaskSums(db, b, today, null, b.ownerUnitId === null ? undefined : overdueCountRows(db, actor, today, b.ownerUnitId));
  return rows.filter((r) => Number(r.overdue) > 0).map((r) => ({ unitId: Number(r.unitId), overdue: Number(r.overdue) }));
}
