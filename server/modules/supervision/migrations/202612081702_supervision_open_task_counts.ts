/**
 * 超期任务（按单位） at a million tasks (issue #17, W3): the open tasks counted per (owner unit, level, time limit,
 * unit) by triggers, in the same transaction as every write, and backfilled here. The overdue figure of a day is the
 * sum of the counts whose time limit is before it: a few thousand count rows instead of every open task past its
 * time limit (hundreds of thousands at 1m, each tested for visibility).
 *
 * - `supervision_stat_open_task` (owner_unit_id, level, deadline, unit_id) → cnt, over the tasks whose status is
 *   in_progress, returned or submitted. A key whose tasks all left keeps a row with cnt 0.
 *
 * Frozen: imports only kysely and the migration kit.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../db/migration-kit.js';

const KEY = 'owner_unit_id, level, deadline, unit_id';
const OPEN = `('in_progress', 'returned', 'submitted')`;

/** Task row `r` (NEW or OLD) counted `sign` times when it is open. */
function openDelta(r: string, sign: 1 | -1): string {
  return `INSERT INTO supervision_stat_open_task (${KEY}, cnt)
    SELECT ${r}.owner_unit_id, ${r}.level, ${r}.deadline, ${r}.unit_id, ${sign} WHERE ${r}.status IN ${OPEN}
    ON CONFLICT (${KEY}) DO UPDATE SET cnt = supervision_stat_open_task.cnt + excluded.cnt;`;
}

const CHANGED = ['owner_unit_id', 'level', 'deadline', 'unit_id', 'status'];
const changed = (op: 'IS NOT' | 'IS DISTINCT FROM') => CHANGED.map((c) => `OLD.${c} ${op} NEW.${c}`).join(' OR ');

function sqliteTriggers(): string[] {
  const t = (name: string, event: string, when: string | null, body: string) =>
    `CREATE TRIGGER ${name} AFTER ${event} FOR EACH ROW ${when ? `WHEN ${when} ` : ''}BEGIN ${body} END`;
  return [
    t('supervision_stat_open_ins', 'INSERT ON supervision_task', `NEW.status IN ${OPEN}`, openDelta('NEW', 1)),
    t('supervision_stat_open_del', 'DELETE ON supervision_task', `OLD.status IN ${OPEN}`, openDelta('OLD', -1)),
    t('supervision_stat_open_upd', 'UPDATE ON supervision_task', changed('IS NOT'), openDelta('OLD', -1) + openDelta('NEW', 1)),
  ];
}

function postgresTriggers(): string[] {
  const body = `IF TG_OP IN ('UPDATE', 'DELETE') THEN ${openDelta('OLD', -1)} END IF; IF TG_OP IN ('UPDATE', 'INSERT') THEN ${openDelta('NEW', 1)} END IF;`;
  return [
    `CREATE OR REPLACE FUNCTION supervision_stat_open_row() RETURNS trigger AS $$ BEGIN ${body} RETURN NULL; END; $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER supervision_stat_open_insdel AFTER INSERT OR DELETE ON supervision_task FOR EACH ROW EXECUTE FUNCTION supervision_stat_open_row()`,
    `CREATE TRIGGER supervision_stat_open_upd AFTER UPDATE ON supervision_task FOR EACH ROW WHEN (${changed('IS DISTINCT FROM')}) EXECUTE FUNCTION supervision_stat_open_row()`,
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = dialectOf(db) === 'sqlite';
  await db.schema
    .createTable('supervision_stat_open_task')
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('cnt', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_stat_open_task_pk', ['owner_unit_id', 'level', 'deadline', 'unit_id'])
    // SQLite: the table is its key's b-tree, so the sum over a range of time limits reads no other page
    .$call((t) => (sqlite ? t.modifyEnd(sql`WITHOUT ROWID`) : t))
    .execute();
  await sql
    .raw(
      `INSERT INTO supervision_stat_open_task (${KEY}, cnt)
      SELECT owner_unit_id, level, deadline, unit_id, count(*) FROM supervision_task WHERE status IN ${OPEN}
      GROUP BY owner_unit_id, level, deadline, unit_id`,
    )
    .execute(db);
  for (const q of sqlite ? sqliteTriggers() : postgresTriggers()) await sql.raw(q).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
