/**
 * 考核督查's view of supervision: per unit, the tasks accepted (办结) in a period, those accepted on
 * time and how often their reports were returned. Aggregates only (no titles or content), over every
 * task of the office: the assessment of a unit counts all its tasks whoever asks.
 */
import type { Db, Trx } from '../../../db/client.js';
import { closedBySource, taskCountsByUnit, type UnitTaskCounts } from '../repo/assessment-counts.js';

export type { UnitTaskCounts } from '../repo/assessment-counts.js';

/** Counts per unit id for tasks accepted between the dates `from` and `to` (YYYY-MM-DD, inclusive). */
export function assessmentCounts(db: Db | Trx, from: string, to: string): Promise<Record<number, UnitTaskCounts>> {
  return taskCountsByUnit(db, `${from}T00:00:00.000Z`, `${to}T23:59:59.999Z`);
}

/** Per source id of `sourceType`, the China date its supervision items were all closed (销号), or null while one is open. */
export function closedDatesBySource(db: Db | Trx, sourceType: string, sourceIds: readonly number[]): Promise<Record<number, string | null>> {
  return closedBySource(db, sourceType, sourceIds);
}
