/** The counts of 督办任务 per unit that 考核督查 computes its automatic indicators from, and the tasks behind them. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { chinaDate } from '../../../platform/clock.js';
import { tasksVisibleTo } from './supervision.visibility.js';
import './supervision.tables.js';

/** One unit's tasks accepted (办结) in a period. */
export interface UnitTaskCounts {
  /** Tasks accepted (审核通过) in the period. */
  closed: number;
  /** Of those, accepted by their deadline. */
  closedOnTime: number;
  /** Times those tasks' reports were returned (退回). */
  returned: number;
}

/** Tasks accepted between `fromIso` and `toIso` (inclusive), grouped by the responsible unit. */
export async function taskCountsByUnit(db: Db | Trx, fromIso: string, toIso: string): Promise<Record<number, UnitTaskCounts>> {
  const rows = await db
    .selectFrom('supervision_task')
    .select((eb) => [
      'unit_id',
      eb.fn.countAll<number>().as('closed'),
      eb.fn.count<number>('id').filterWhere('accepted_on_time', '=', 1).as('closedOnTime'),
      eb.fn.sum<number>('return_count').as('returned'),
    ])
    .where('status', '=', 'accepted')
    .where('accepted_at', '>=', fromIso)
    .where('accepted_at', '<=', toIso)
    .groupBy('unit_id')
    .execute();
  const out: Record<number, UnitTaskCounts> = {};
  for (const r of rows) out[r.unit_id] = { closed: Number(r.closed), closedOnTime: Number(r.closedOnTime), returned: Number(r.returned ?? 0) };
  return out;
}

/** Items registered from `sourceIds` of `sourceType`: per source id, the China date its last item was closed (销号), or null while any is open. */
export async function closedBySource(db: Db | Trx, sourceType: string, sourceIds: readonly number[]): Promise<Record<number, string | null>> {
  if (!sourceIds.length) return {};
  const rows = await db
    .selectFrom('supervision_item')
    .select(['source_id', 'status', 'closed_at'])
    .where('source_type', '=', sourceType)
    .where('source_id', 'in', [...sourceIds])
    .execute();
  const out: Record<number, string | null> = {};
  for (const r of rows) {
    if (r.source_id === null) continue;
    const day = r.status === 'closed' && r.closed_at ? chinaDate(new Date(r.closed_at)) : null;
    const before = out[r.source_id];
    out[r.source_id] = before === undefined ? day : before === null || day === null ? null : before > day ? before : day;
  }
  return out;
}

/** For the figures of `taskCountsByUnit` and the units: the first `cap` tasks per unit counted as closed, closed on time and returned. */
export async function countedTasks(db: Db | Trx, fromIso: string, toIso: string, unitIds: readonly number[], cap: number) {
  const only = sql<SqlBool>`unit_id IN (${sql.join(unitIds.length ? [...unitIds] : [0])})`;
  const first = async (extra: RawBuilder<SqlBool>) =>
    (
      await sql<{ unit_id: number; id: number; item_id: number }>`SELECT unit_id, id, item_id FROM (
        SELECT unit_id, id, item_id, ROW_NUMBER() OVER (PARTITION BY unit_id ORDER BY id) AS rn FROM supervision_task
        WHERE status = 'accepted' AND accepted_at >= ${fromIso} AND accepted_at <= ${toIso} AND ${only} AND ${extra}) t
        WHERE rn <= ${cap} ORDER BY unit_id, id`.execute(db)
    ).rows;
  const [closed, closedOnTime, returned] = await Promise.all([
    first(sql<SqlBool>`1 = 1`),
    first(sql<SqlBool>`accepted_on_time = 1`),
    first(sql<SqlBool>`return_count > 0`),
  ]);
  return { closed, closedOnTime, returned };
}

/** Of task `ids`, those `actor` may see (the task read rule), with their item's number and title. */
export function readableTasks(db: Db | Trx, actor: Actor, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('supervision_task')
    .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
    .select(['supervision_task.id', 'supervision_task.item_id', 'supervision_item.number', 'supervision_item.title'])
    .where('supervision_task.id', 'in', [...ids])
    .where(tasksVisibleTo(actor))
    .orderBy('supervision_task.id')
    .execute();
}
