/**
 * The records behind 考核督查's 信息 figures (the counts themselves come from `statisticsRows`): per unit
 * and figure, the first `cap` reports or 漏报 events counted, and which of them a reader may open.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { eventsVisibleTo, infoVisibleTo } from '../information.repo.js';
import './information.tables.js';

type H = Db | Trx;
/** A counted record: the unit it counts for and its id. */
export type CountedRow = { unit_id: number; id: number };

const only = (col: string, unitIds: readonly number[]) => sql<SqlBool>`${sql.ref(col)} IN (${sql.join(unitIds.length ? [...unitIds] : [0])})`;
/** The first `cap` rows per unit of an inner query selecting `unit_id` and `id` (window function; SQLite ≥ 3.25 and PostgreSQL). */
const firstPerUnit = (inner: RawBuilder<unknown>, cap: number) =>
  sql<CountedRow>`SELECT unit_id, id FROM (SELECT q.unit_id, q.id, ROW_NUMBER() OVER (PARTITION BY q.unit_id ORDER BY q.id) AS rn FROM (${inner}) q) t WHERE rn <= ${cap} ORDER BY unit_id, id`;

/** For `[from, to)` (ISO instants) and the units: the reports counted as reported, late, adopted and 批示, and the 漏报 events. */
export async function countedInfoRecords(db: H, from: string, to: string, unitIds: readonly number[], cap: number) {
  const reports = (extra: RawBuilder<unknown>) =>
    sql`SELECT r.unit_id, r.id FROM info_item r LEFT JOIN info_item m ON m.id = r.merged_into_id
        WHERE r.origin = 'report' AND r.reported_at >= ${from} AND r.reported_at < ${to} AND ${only('r.unit_id', unitIds)} AND ${extra}`;
  const run = async (inner: RawBuilder<unknown>) => (await firstPerUnit(inner, cap).execute(db)).rows;
  const [reported, late, adopted, instructions, missed] = await Promise.all([
    run(reports(sql`1 = 1`)),
    run(reports(sql`r.late = 1`)),
    run(reports(sql`coalesce(m.adopt_level, r.adopt_level) IS NOT NULL`)),
    run(sql`SELECT DISTINCT r.unit_id, r.id FROM info_instruction i JOIN info_item r ON (r.id = i.item_id OR r.merged_into_id = i.item_id)
            WHERE r.origin = 'report' AND i.created_at >= ${from} AND i.created_at < ${to} AND ${only('r.unit_id', unitIds)}`),
    run(sql`SELECT e.unit_id, e.id FROM info_event e WHERE e.status = 'missed' AND e.due_at >= ${from} AND e.due_at < ${to} AND ${only('e.unit_id', unitIds)}`),
  ]);
  return { reported, late, adopted, instructions, missed };
}

/** Of `ids`, the reports `actor` may read (the item read rule), with their titles. */
export function readableReports(db: H, actor: Actor, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('info_item')
    .select(['id', 'title'])
    .where('id', 'in', [...ids])
    .where(infoVisibleTo(actor))
    .orderBy('id')
    .execute();
}

/** Of `ids`, the events `actor` may read (the event read rule), with their titles. */
export function readableEvents(db: H, actor: Actor, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('info_event')
    .select(['id', 'title'])
    .where('id', 'in', [...ids])
    .where(eventsVisibleTo(actor))
    .orderBy('id')
    .execute();
}
