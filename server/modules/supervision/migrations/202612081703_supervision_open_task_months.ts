/**
 * 超期任务（按单位） at a million tasks (issue #17, W3), second step: the open-task counts of migration 202612081702
 * rolled up by month of the time limit, kept by triggers in the same transaction as every write, and backfilled here.
 * The overdue figure of a day is the sum of the month counts before its month plus the day counts of its month before
 * it: a few hundred count rows for the 督查室 at 1m (384 month rows and 80 day rows early in a month) instead of 10.5k.
 *
 * - `supervision_stat_open_task_month` (owner_unit_id, level, month, unit_id) → cnt, `month` = the time limit's
 *   first seven characters (`YYYY-MM`), over the tasks whose status is in_progress, returned or submitted. A key whose
 *   tasks all left keeps a row with cnt 0.
 *
 * Frozen: imports only kysely and the migration kit.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../db/migration-kit.js';

const KEY = 'owner_unit_id, level, month, unit_id';
const OPEN = `('in_progress', 'returned', 'submitted')`;

/** Task row `r` (NEW or OLD) counted `sign` times in its month when it is open. */
function monthDelta(r: string, sign: 1 | -1): string {
  return `INSERT INTO supervision_stat_open_task_month (${KEY}, cnt)
    SELECT ${r}.owner_unit_id, ${r}.level, substr(${r}.deadline, 1, 7), ${r}.unit_id, ${sign} WHERE ${r}.status IN ${OPEN}
    ON CONFLICT (${KEY}) DO UPDATE SET cnt = supervision_stat_open_task_month.cnt + excluded.cnt;`;
}

const CHANGED = ['owner_unit_id', 'level', 'deadline', 'unit_id', 'status'];
const changed = (op: 'IS NOT' | 'IS DISTINCT FROM') => CHANGED.map((c) => `OLD.${c} ${op} NEW.${c}`).join(' OR ');

function sqliteTriggers(): string[] {
  const t = (name: string, event: string, when: string, body: string) => `CREATE TRIGGER ${name} AFTER ${event} FOR EACH ROW WHEN ${when} BEGIN ${body} END`;
  return [
    t('supervision_stat_open_month_ins', 'INSERT ON supervision_task', `NEW.status IN ${OPEN}`, monthDelta('NEW', 1)),
    t('supervision_stat_open_month_del', 'DELETE ON supervision_task', `OLD.status IN ${OPEN}`, monthDelta('OLD', -1)),
    t('supervision_stat_open_month_upd', 'UPDATE ON supervision_task', changed('IS NOT'), monthDelta('OLD', -1) + monthDelta('NEW', 1)),
  ];
}

function postgresTriggers(): string[] {
  const body = `IF TG_OP IN ('UPDATE', 'DELETE') THEN ${monthDelta('OLD', -1)} END IF; IF TG_OP IN ('UPDATE', 'INSERT') THEN ${monthDelta('NEW', 1)} END IF;`;
  return [
    `CREATE OR REPLACE FUNCTION supervision_stat_open_month_row() RETURNS trigger AS $$ BEGIN ${body} RETURN NULL; END; $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER supervision_stat_open_month_insdel AFTER INSERT OR DELETE ON supervision_task FOR EACH ROW EXECUTE FUNCTION supervision_stat_open_month_row()`,
    `CREATE TRIGGER supervision_stat_open_month_upd AFTER UPDATE ON supervision_task FOR EACH ROW WHEN (${changed('IS DISTINCT FROM')}) EXECUTE FUNCTION supervision_stat_open_month_row()`,
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = dialectOf(db) === 'sqlite';
  await db.schema
    .createTable('supervision_stat_open_task_month')
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('cnt', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_stat_open_task_month_pk', ['owner_unit_id', 'level', 'month', 'unit_id'])
    .$call((t) => (sqlite ? t.modifyEnd(sql`WITHOUT ROWID`) : t))
    .execute();
  // from the day counts (a few thousand rows), not from the tasks
  await sql
    .raw(
      `INSERT INTO supervision_stat_open_task_month (${KEY}, cnt)
      SELECT owner_unit_id, level, substr(deadline, 1, 7), unit_id, sum(cnt) FROM supervision_stat_open_task
      GROUP BY owner_unit_id, level, substr(deadline, 1, 7), unit_id`,
    )
    .execute(db);
  for (const q of sqlite ? sqliteTriggers() : postgresTriggers()) await sql.raw(q).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
