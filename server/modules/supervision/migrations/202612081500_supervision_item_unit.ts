/**
 * The 督办台账's unit filter at a million items: `supervision_item_unit` holds one row per (item, unit) where the unit
 * is the item's lead unit (牵头单位) or has a task of the item — exactly the ledger's unit filter
 * `lead_unit_id = u OR EXISTS (task of the item with unit_id = u)` — with the item's status and time limit copied, so
 * that a page filtered by unit (and status) is one index range scan in the page's order (time limit, id) that stops
 * after the page, and the capped count stops after its cap, instead of walking the status index and testing the
 * unit of every item.
 *
 * - `supervision_item_unit` (item_id, unit_id) → status, deadline, is_lead (1 where the unit is the lead unit)
 *
 * Kept by database triggers in the same transaction as every write (services, Excel import, seeds, the CLI, direct
 * SQL) and backfilled here from the rows stored now. Every trigger statement recomputes the rows of the (item, unit)
 * pairs its row touches from the tables as they are after the row's change (SQLite: AFTER row triggers run inline;
 * PostgreSQL: AFTER row triggers run at the end of the statement and see all of it), so the order in which a
 * statement's rows fire does not matter. Frozen: imports only kysely and the migration kit.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../db/migration-kit.js';

type Dialect = 'sqlite' | 'postgres';

const COLS = 'unit_id, item_id, status, deadline, is_lead';

/**
 * `t.unit_id = <u>` as a filter only: the task is found by `item_id` (at most one task per item and unit), never by
 * a range scan of a unit's tasks in `supervision_task_unit_status_deadline_idx` (which a planner without statistics
 * may pick for an equality on its first column).
 */
const taskUnitIs = (d: Dialect, u: string) => (d === 'sqlite' ? `+t.unit_id = ${u}` : `(t.unit_id + 0) = ${u}`);

/** The rows of item row `r` (= NEW): its lead unit and the unit of each of its tasks. */
function itemRows(r: string): string {
  return `INSERT INTO supervision_item_unit (${COLS})
      SELECT ${r}.lead_unit_id, ${r}.id, ${r}.status, ${r}.deadline, 1 WHERE 1 = 1
      ON CONFLICT (item_id, unit_id) DO UPDATE SET status = excluded.status, deadline = excluded.deadline, is_lead = 1;
    INSERT INTO supervision_item_unit (${COLS})
      SELECT t.unit_id, ${r}.id, ${r}.status, ${r}.deadline, 0 FROM supervision_task t WHERE t.item_id = ${r}.id
      ON CONFLICT (item_id, unit_id) DO NOTHING;`;
}

/** The row of task row `r`'s (item, unit) pair when the task makes one (its item exists). */
function taskAdds(r: string): string {
  return `INSERT INTO supervision_item_unit (${COLS})
      SELECT ${r}.unit_id, i.id, i.status, i.deadline, CASE WHEN i.lead_unit_id = ${r}.unit_id THEN 1 ELSE 0 END
      FROM supervision_item i WHERE i.id = ${r}.item_id
      ON CONFLICT (item_id, unit_id) DO NOTHING;`;
}

/** The row of task row `r`'s (item, unit) pair removed when nothing keeps it: no longer the lead unit, no task. */
function taskDrops(d: Dialect, r: string): string {
  return `DELETE FROM supervision_item_unit WHERE item_id = ${r}.item_id AND unit_id = ${r}.unit_id
      AND NOT EXISTS (SELECT 1 FROM supervision_item i WHERE i.id = ${r}.item_id AND i.lead_unit_id = ${r}.unit_id)
      AND NOT EXISTS (SELECT 1 FROM supervision_task t WHERE t.item_id = ${r}.item_id AND ${taskUnitIs(d, `${r}.unit_id`)});`;
}

const ITEM_STATE = ['status', 'deadline'];
const ITEM_KEY = ['lead_unit_id', 'id'];
const TASK_KEY = ['unit_id', 'item_id'];

function changed(cols: string[], op: 'IS NOT' | 'IS DISTINCT FROM'): string {
  return cols.map((c) => `OLD.${c} ${op} NEW.${c}`).join(' OR ');
}

/** The item's rows follow its status and time limit. */
const ITEM_STATE_SYNC = `UPDATE supervision_item_unit SET status = NEW.status, deadline = NEW.deadline WHERE item_id = NEW.id;`;
/** The item's rows rebuilt (its lead unit or its id changed). */
const ITEM_REBUILD = `DELETE FROM supervision_item_unit WHERE item_id = OLD.id; ${itemRows('NEW')}`;
const ITEM_DROP = `DELETE FROM supervision_item_unit WHERE item_id = OLD.id;`;

function sqliteTriggers(): string[] {
  const d = 'sqlite';
  const t = (name: string, event: string, when: string | null, body: string) =>
    `CREATE TRIGGER ${name} AFTER ${event} FOR EACH ROW ${when ? `WHEN ${when} ` : ''}BEGIN ${body} END`;
  return [
    t('supervision_item_unit_item_ins', 'INSERT ON supervision_item', null, itemRows('NEW')),
    t('supervision_item_unit_item_del', 'DELETE ON supervision_item', null, ITEM_DROP),
    t('supervision_item_unit_item_state', 'UPDATE ON supervision_item', changed(ITEM_STATE, 'IS NOT'), ITEM_STATE_SYNC),
    t('supervision_item_unit_item_key', 'UPDATE ON supervision_item', changed(ITEM_KEY, 'IS NOT'), ITEM_REBUILD),
    t('supervision_item_unit_task_ins', 'INSERT ON supervision_task', null, taskAdds('NEW')),
    t('supervision_item_unit_task_del', 'DELETE ON supervision_task', null, taskDrops(d, 'OLD')),
    t('supervision_item_unit_task_upd', 'UPDATE ON supervision_task', changed(TASK_KEY, 'IS NOT'), taskDrops(d, 'OLD') + taskAdds('NEW')),
  ];
}

function postgresTriggers(): string[] {
  const d = 'postgres';
  const fn = (name: string, body: string) => `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN ${body} RETURN NULL; END; $$ LANGUAGE plpgsql`;
  const trg = (name: string, table: string, f: string, event: string, when: string | null) =>
    `CREATE TRIGGER ${name} AFTER ${event} ON ${table} FOR EACH ROW ${when ? `WHEN (${when}) ` : ''}EXECUTE FUNCTION ${f}()`;
  return [
    fn('supervision_item_unit_item_ins', itemRows('NEW')),
    fn('supervision_item_unit_item_del', ITEM_DROP),
    fn('supervision_item_unit_item_state', ITEM_STATE_SYNC),
    fn('supervision_item_unit_item_key', ITEM_REBUILD),
    fn('supervision_item_unit_task_ins', taskAdds('NEW')),
    fn('supervision_item_unit_task_del', taskDrops(d, 'OLD')),
    fn('supervision_item_unit_task_upd', taskDrops(d, 'OLD') + taskAdds('NEW')),
    trg('supervision_item_unit_item_ins', 'supervision_item', 'supervision_item_unit_item_ins', 'INSERT', null),
    trg('supervision_item_unit_item_del', 'supervision_item', 'supervision_item_unit_item_del', 'DELETE', null),
    trg('supervision_item_unit_item_state', 'supervision_item', 'supervision_item_unit_item_state', 'UPDATE', changed(ITEM_STATE, 'IS DISTINCT FROM')),
    trg('supervision_item_unit_item_key', 'supervision_item', 'supervision_item_unit_item_key', 'UPDATE', changed(ITEM_KEY, 'IS DISTINCT FROM')),
    trg('supervision_item_unit_task_ins', 'supervision_task', 'supervision_item_unit_task_ins', 'INSERT', null),
    trg('supervision_item_unit_task_del', 'supervision_task', 'supervision_item_unit_task_del', 'DELETE', null),
    trg('supervision_item_unit_task_upd', 'supervision_task', 'supervision_item_unit_task_upd', 'UPDATE', changed(TASK_KEY, 'IS DISTINCT FROM')),
  ];
}

/** Fills the table from the rows stored now: every lead unit, then the units of the tasks. */
const BACKFILL = [
  `INSERT INTO supervision_item_unit (${COLS}) SELECT lead_unit_id, id, status, deadline, 1 FROM supervision_item`,
  `INSERT INTO supervision_item_unit (${COLS})
    SELECT t.unit_id, i.id, i.status, i.deadline, 0 FROM supervision_task t JOIN supervision_item i ON i.id = t.item_id
    WHERE t.unit_id <> i.lead_unit_id`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const d = dialectOf(db);
  await db.schema
    .createTable('supervision_item_unit')
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('is_lead', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_item_unit_pk', ['item_id', 'unit_id'])
    .execute();
  for (const q of BACKFILL) await sql.raw(q).execute(db);
  // the ledger filtered by unit and status, and by unit alone, in its order (time limit, id)
  await db.schema.createIndex('supervision_item_unit_status_idx').on('supervision_item_unit').columns(['unit_id', 'status', 'deadline', 'item_id']).execute();
  await db.schema.createIndex('supervision_item_unit_deadline_idx').on('supervision_item_unit').columns(['unit_id', 'deadline', 'item_id']).execute();
  for (const q of d === 'postgres' ? postgresTriggers() : sqliteTriggers()) await sql.raw(q).execute(db);
  // statistics for the planner at once (SQLite gathers them at the next open: `PRAGMA optimize` in db/client.ts)
  if (d === 'postgres') await sql`ANALYZE supervision_item_unit`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
