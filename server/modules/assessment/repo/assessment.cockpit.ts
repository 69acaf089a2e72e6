/** The SQL of the 驾驶舱 snapshot: one row (id 1) with the figures as JSON and when they were computed. */
import { sql } from 'kysely';
import { dialectOf, type Db, type Trx } from '../../../db/client.js';

type H = Db | Trx;

/** 领导驾驶舱's stored figures (migration 202612081300). */
export interface AssessmentCockpitTable {
  id: number;
  /** JSON of the figures before the viewer's policy is applied. */
  figures: string;
  computed_at: string;
  /** How long the computation took (shown to operators, measured by the bench). */
  compute_ms: number;
  /** The refresh interval when computed (the setting `cockpitRefreshMinutes`): reads need not load the settings. */
  refresh_minutes: number;
  /** 1 once a scheme was published, closed or recomputed since: the next read computes afresh. */
  stale: number;
}

declare module '../../../db/schema.js' {
  interface DB {
    assessment_cockpit: AssessmentCockpitTable;
  }
}

/** The advisory lock of a refresh on PostgreSQL (a constant no other code uses). */
const COCKPIT_LOCK_ID = 727_014;

/** The snapshot, or undefined before the first computation. */
export function loadCockpit(db: H): Promise<AssessmentCockpitTable | undefined> {
  return db.selectFrom('assessment_cockpit').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** Stores a computation (replacing the previous one). */
export async function storeCockpit(trx: Trx, row: { figures: string; computedAt: string; computeMs: number; refreshMinutes: number }): Promise<void> {
  const values = { figures: row.figures, computed_at: row.computedAt, compute_ms: row.computeMs, refresh_minutes: row.refreshMinutes, stale: 0 };
  await trx
    .insertInto('assessment_cockpit')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** Marks the snapshot stale (a scheme changed state): the next read or job computes afresh. */
export async function markCockpitStale(trx: Trx): Promise<void> {
  await trx.updateTable('assessment_cockpit').set({ stale: 1 }).where('id', '=', 1).execute();
}

/**
 * Serializes refreshes until the transaction ends: on PostgreSQL a transaction-scoped advisory lock,
 * so concurrent requests finding the snapshot old compute it once; SQLite transactions are already serial.
 */
export async function lockCockpit(trx: Trx): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`SELECT pg_advisory_xact_lock(${COCKPIT_LOCK_ID})`.execute(trx);
}
