/**
 * 考核督查's view of supervision: per unit, the tasks accepted (办结) in a period, those accepted on
 * time and how often their reports were returned, over every task of the office: the assessment of a
 * unit counts all its tasks whoever asks. With the tasks counted (first `COUNTED_CAP` per figure), of
 * which a reader sees only those the task read rule lets them open (`readableRecords`).
 */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { COUNTED_CAP, type CountedRef, type ReadableRecord, type UnitCounted } from '../../../platform/counted.js';
import { closedBySource, countedTasks, readableTasks, taskCountsByUnit, type UnitTaskCounts } from '../repo/assessment-counts.js';

export type { UnitTaskCounts } from '../repo/assessment-counts.js';

/** Counts per unit id for tasks accepted between the dates `from` and `to` (YYYY-MM-DD, inclusive). */
export function assessmentCounts(db: Db | Trx, from: string, to: string): Promise<Record<number, UnitTaskCounts>> {
  return taskCountsByUnit(db, `${from}T00:00:00.000Z`, `${to}T23:59:59.999Z`);
}

/** Per source id of `sourceType`, the China date its supervision items were all closed (销号), or null while one is open. */
export function closedDatesBySource(db: Db | Trx, sourceType: string, sourceIds: readonly number[]): Promise<Record<number, string | null>> {
  return closedBySource(db, sourceType, sourceIds);
}

const TASK = 'supervision_task';

/** The same counts for the units of `unitIds` with the tasks behind each (`closed`, `closedOnTime`, `returned`). */
export async function assessmentRecords(db: Db | Trx, period: { from: string; to: string }, unitIds: readonly number[]): Promise<Record<number, UnitCounted>> {
  const fromIso = `${period.from}T00:00:00.000Z`;
  const toIso = `${period.to}T23:59:59.999Z`;
  const [counts, rec] = await Promise.all([taskCountsByUnit(db, fromIso, toIso), countedTasks(db, fromIso, toIso, unitIds, COUNTED_CAP)]);
  const out: Record<number, UnitCounted> = {};
  for (const unitId of unitIds) if (counts[unitId]) out[unitId] = { counts: { ...counts[unitId] }, refs: {} };
  for (const [key, rows] of Object.entries(rec))
    for (const r of rows) {
      const u = out[r.unit_id];
      if (u) (u.refs[key] ??= []).push({ type: TASK, id: Number(r.id) });
    }
  return out;
}

/** Of the counted `refs`, the tasks `actor` may see, titled by their item and linked to it. */
export async function readableRecords(db: Db | Trx, actor: Actor, refs: readonly CountedRef[]): Promise<ReadableRecord[]> {
  const ids = [...new Set(refs.filter((r) => r.type === TASK).map((r) => r.id))];
  const rows = await readableTasks(db, actor, ids);
  return rows.map((r) => ({ type: TASK, id: r.id, title: `${r.number} ${r.title}`, link: `/supervision/items/${r.item_id}` }));
}
