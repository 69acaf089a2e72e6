/**
 * The statistics page over a range (#17, W7 with a range): its overdue/yellow figures count the open tasks by time
 * limit whose item was registered in the range. The registration time was read from each task's item row, one lookup
 * per open task (91k at 1m: 200 ms of the page's 230 ms). Each task now carries a copy, `item_created_at`, kept by
 * triggers in the same transaction as every write (a task inserted or moved to another item, an item's registration
 * time changed), and the open-task index carries it, so the figures come from the index alone.
 *
 * Frozen: imports only kysely and the migration kit.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../db/migration-kit.js';

const OVERDUE_IDX = ['status', 'deadline', 'unit_id', 'level', 'owner_unit_id', 'lead_unit_id', 'responsible_user_id', 'leader_id', 'item_id'];

function sqliteTriggers(): string[] {
  const copy = `UPDATE supervision_task SET item_created_at = (SELECT i.created_at FROM supervision_item i WHERE i.id = NEW.item_id) WHERE id = NEW.id;`;
  return [
    `CREATE TRIGGER supervision_task_item_created_ins AFTER INSERT ON supervision_task FOR EACH ROW BEGIN ${copy} END`,
    `CREATE TRIGGER supervision_task_item_created_move AFTER UPDATE OF item_id ON supervision_task FOR EACH ROW WHEN OLD.item_id IS NOT NEW.item_id BEGIN ${copy} END`,
    `CREATE TRIGGER supervision_item_created_copy AFTER UPDATE OF created_at ON supervision_item FOR EACH ROW WHEN OLD.created_at IS NOT NEW.created_at
      BEGIN UPDATE supervision_task SET item_created_at = NEW.created_at WHERE item_id = NEW.id; END`,
  ];
}

function postgresTriggers(): string[] {
  return [
    `CREATE OR REPLACE FUNCTION supervision_task_item_created() RETURNS trigger AS $$ BEGIN
      NEW.item_created_at := (SELECT i.created_at FROM supervision_item i WHERE i.id = NEW.item_id); RETURN NEW; END; $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER supervision_task_item_created BEFORE INSERT OR UPDATE OF item_id ON supervision_task FOR EACH ROW EXECUTE FUNCTION supervision_task_item_created()`,
    `CREATE OR REPLACE FUNCTION supervision_item_created_copy() RETURNS trigger AS $$ BEGIN
      UPDATE supervision_task SET item_created_at = NEW.created_at WHERE item_id = NEW.id; RETURN NULL; END; $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER supervision_item_created_copy AFTER UPDATE OF created_at ON supervision_item FOR EACH ROW
      WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at) EXECUTE FUNCTION supervision_item_created_copy()`,
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = dialectOf(db) === 'sqlite';
  await sql`ALTER TABLE supervision_task ADD COLUMN item_created_at text NOT NULL DEFAULT ''`.execute(db);
  if (sqlite)
    await sql`UPDATE supervision_task SET item_created_at = (SELECT i.created_at FROM supervision_item i WHERE i.id = supervision_task.item_id)`.execute(db);
  else await sql`UPDATE supervision_task t SET item_created_at = i.created_at FROM supervision_item i WHERE i.id = t.item_id`.execute(db);
  for (const q of sqlite ? sqliteTriggers() : postgresTriggers()) await sql.raw(q).execute(db);
  await db.schema.dropIndex('supervision_task_overdue_idx').execute();
  await db.schema
    .createIndex('supervision_task_overdue_idx')
    .on('supervision_task')
    .columns([...OVERDUE_IDX, 'item_created_at'])
    .execute();
  if (!sqlite) await sql`ANALYZE supervision_task`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
