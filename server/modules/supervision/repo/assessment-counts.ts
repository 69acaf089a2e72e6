/** The counts of 督办任务 per unit that 考核督查 computes its automatic indicators from. */
import type { Db, Trx } from '../../../db/client.js';
import { chinaDate } from '../../../platform/clock.js';
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
