/**
 * `supervision_item_unit` carries the item's 密级 (`level`) and owning office (`owner_unit_id`) too, and its two
 * indexes end with them (issue #17, W2). The unit-filtered ledger's count and page can then decide the usual
 * visibility — within clearance and owned by the reader's office, or the reader's unit among the item's units —
 * from the index entry alone, and read an item's row only for the other cases (a user named on the item, a share,
 * the director) or for the rows of the page. Before, every row the capped count walked (up to 1,001) read its
 * item's row to test visibility: ~2.7 µs of the ~3 µs per row at a million items.
 *
 * The triggers of 202612081500 that copy the item's state are replaced by the same statements copying the two
 * columns as well; backfilled here. Frozen: imports only kysely and the migration kit.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../db/migration-kit.js';

type Dialect = 'sqlite' | 'postgres';

const COLS = 'unit_id, item_id, status, deadline, is_lead, level, owner_unit_id';

/** The rows of item row `r` (= NEW): its lead unit and the unit of each of its tasks. */
function itemRows(r: string): string {
  return `INSERT INTO supervision_item_unit (${COLS})
      SELECT ${r}.lead_unit_id, ${r}.id, ${r}.status, ${r}.deadline, 1, ${r}.level, ${r}.owner_unit_id WHERE 1 = 1
      ON CONFLICT (item_id, unit_id) DO UPDATE SET status = excluded.status, deadline = excluded.deadline, is_lead = 1,
        level = excluded.level, owner_unit_id = excluded.owner_unit_id;
    INSERT INTO supervision_item_unit (${COLS})
      SELECT t.unit_id, ${r}.id, ${r}.status, ${r}.deadline, 0, ${r}.level, ${r}.owner_unit_id FROM supervision_task t WHERE t.item_id = ${r}.id
      ON CONFLICT (item_id, unit_id) DO NOTHING;`;
}

/** The row of task row `r`'s (item, unit) pair when the task makes one (its item exists). */
function taskAdds(r: string): string {
  return `INSERT INTO supervision_item_unit (${COLS})
      SELECT ${r}.unit_id, i.id, i.status, i.deadline, CASE WHEN i.lead_unit_id = ${r}.unit_id THEN 1 ELSE 0 END, i.level, i.owner_unit_id
      FROM supervision_item i WHERE i.id = ${r}.item_id
      ON CONFLICT (item_id, unit_id) DO NOTHING;`;
}

/** As 202612081500: the pair's row removed when nothing keeps it. */
function taskDrops(d: Dialect, r: string): string {
  const taskUnitIs = d === 'sqlite' ? `+t.unit_id = ${r}.unit_id` : `(t.unit_id + 0) = ${r}.unit_id`;
  return `DELETE FROM supervision_item_unit WHERE item_id = ${r}.item_id AND unit_id = ${r}.unit_id
      AND NOT EXISTS (SELECT 1 FROM supervision_item i WHERE i.id = ${r}.item_id AND i.lead_unit_id = ${r}.unit_id)
      AND NOT EXISTS (SELECT 1 FROM supervision_task t WHERE t.item_id = ${r}.item_id AND ${taskUnitIs});`;
}

const ITEM_STATE = ['status', 'deadline', 'level', 'owner_unit_id'];
const ITEM_KEY = ['lead_unit_id', 'id'];
const TASK_KEY = ['unit_id', 'item_id'];

function changed(cols: string[], op: 'IS NOT' | 'IS DISTINCT FROM'): string {
  return cols.map((c) => `OLD.${c} ${op} NEW.${c}`).join(' OR ');
}

const ITEM_STATE_SYNC = `UPDATE supervision_item_unit SET status = NEW.status, deadline = NEW.deadline, level = NEW.level, owner_unit_id = NEW.owner_unit_id
  WHERE item_id = NEW.id;`;
const ITEM_REBUILD = `DELETE FROM supervision_item_unit WHERE item_id = OLD.id; ${itemRows('NEW')}`;

/** The triggers this migration replaces (the delete triggers of 202612081500 stay as they are). */
const REPLACED = [
  'supervision_item_unit_item_ins',
  'supervision_item_unit_item_state',
  'supervision_item_unit_item_key',
  'supervision_item_unit_task_ins',
  'supervision_item_unit_task_upd',
];
const ON: Record<string, string> = {
  supervision_item_unit_item_ins: 'supervision_item',
  supervision_item_unit_item_state: 'supervision_item',
  supervision_item_unit_item_key: 'supervision_item',
  supervision_item_unit_task_ins: 'supervision_task',
  supervision_item_unit_task_upd: 'supervision_task',
};

function sqliteTriggers(): string[] {
  const t = (name: string, event: string, when: string | null, body: string) =>
    `CREATE TRIGGER ${name} AFTER ${event} FOR EACH ROW ${when ? `WHEN ${when} ` : ''}BEGIN ${body} END`;
  return [
    t('supervision_item_unit_item_ins', 'INSERT ON supervision_item', null, itemRows('NEW')),
    t('supervision_item_unit_item_state', 'UPDATE ON supervision_item', changed(ITEM_STATE, 'IS NOT'), ITEM_STATE_SYNC),
    t('supervision_item_unit_item_key', 'UPDATE ON supervision_item', changed(ITEM_KEY, 'IS NOT'), ITEM_REBUILD),
    t('supervision_item_unit_task_ins', 'INSERT ON supervision_task', null, taskAdds('NEW')),
    t('supervision_item_unit_task_upd', 'UPDATE ON supervision_task', changed(TASK_KEY, 'IS NOT'), taskDrops('sqlite', 'OLD') + taskAdds('NEW')),
  ];
}

function postgresTriggers(): string[] {
  const fn = (name: string, body: string) => `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN ${body} RETURN NULL; END; $$ LANGUAGE plpgsql`;
  const trg = (name: string, table: string, event: string, when: string | null) =>
    `CREATE TRIGGER ${name} AFTER ${event} ON ${table} FOR EACH ROW ${when ? `WHEN (${when}) ` : ''}EXECUTE FUNCTION ${name}()`;
  return [
    fn('supervision_item_unit_item_ins', itemRows('NEW')),
    fn('supervision_item_unit_item_state', ITEM_STATE_SYNC),
    fn('supervision_item_unit_item_key', ITEM_REBUILD),
    fn('supervision_item_unit_task_ins', taskAdds('NEW')),
    fn('supervision_item_unit_task_upd', taskDrops('postgres', 'OLD') + taskAdds('NEW')),
    trg('supervision_item_unit_item_ins', 'supervision_item', 'INSERT', null),
    trg('supervision_item_unit_item_state', 'supervision_item', 'UPDATE', changed(ITEM_STATE, 'IS DISTINCT FROM')),
    trg('supervision_item_unit_item_key', 'supervision_item', 'UPDATE', changed(ITEM_KEY, 'IS DISTINCT FROM')),
    trg('supervision_item_unit_task_ins', 'supervision_task', 'INSERT', null),
    trg('supervision_item_unit_task_upd', 'supervision_task', 'UPDATE', changed(TASK_KEY, 'IS DISTINCT FROM')),
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const d = dialectOf(db);
  for (const name of REPLACED) await sql.raw(d === 'postgres' ? `DROP TRIGGER IF EXISTS ${name} ON ${ON[name]}` : `DROP TRIGGER IF EXISTS ${name}`).execute(db);
  await sql`ALTER TABLE supervision_item_unit ADD COLUMN level integer NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE supervision_item_unit ADD COLUMN owner_unit_id integer NOT NULL DEFAULT 0`.execute(db);
  if (d === 'postgres') {
    await sql`UPDATE supervision_item_unit lu SET level = i.level, owner_unit_id = i.owner_unit_id FROM supervision_item i WHERE i.id = lu.item_id`.execute(db);
  } else {
    await sql`UPDATE supervision_item_unit SET (level, owner_unit_id) = (SELECT i.level, i.owner_unit_id FROM supervision_item i WHERE i.id = supervision_item_unit.item_id)`.execute(
      db,
    );
  }
  // the same two orders as before, each ending with the two columns (the count reads only the index)
  await db.schema.dropIndex('supervision_item_unit_status_idx').execute();
  await db.schema.dropIndex('supervision_item_unit_deadline_idx').execute();
  await db.schema
    .createIndex('supervision_item_unit_status_idx')
    .on('supervision_item_unit')
    .columns(['unit_id', 'status', 'deadline', 'item_id', 'level', 'owner_unit_id'])
    .execute();
  await db.schema
    .createIndex('supervision_item_unit_deadline_idx')
    .on('supervision_item_unit')
    .columns(['unit_id', 'deadline', 'item_id', 'level', 'owner_unit_id'])
    .execute();
  for (const q of d === 'postgres' ? postgresTriggers() : sqliteTriggers()) await sql.raw(q).execute(db);
  if (d === 'postgres') await sql`ANALYZE supervision_item_unit`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
