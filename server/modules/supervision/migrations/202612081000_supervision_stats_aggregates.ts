/**
 * The statistics page at a million tasks: counts of items, tasks and extension requests kept per
 * (owner unit, level, day the item was registered, …) by database triggers, in the same transaction as
 * every write (services, Excel import, direct inserts), and backfilled here from the rows already stored.
 *
 * - `supervision_stat_task`  (owner_unit_id, unit_id, level, created_day, status, on_time) → cnt, return_sum, extension_sum
 * - `supervision_stat_item`  (owner_unit_id, level, created_day, source, status) → cnt
 * - `supervision_stat_ext`   (owner_unit_id, level, created_day, status) → cnt (owner and level of the request's task)
 *
 * `created_day` is the first 10 characters of the item's `created_at` (a task or a request counts on its
 * item's day); `on_time` is 1 where `accepted_on_time = 1`. A key whose rows all left keeps a row with cnt 0.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../db/migration-kit.js';

const TASK_KEY = 'owner_unit_id, unit_id, level, created_day, status, on_time';
const ITEM_KEY = 'owner_unit_id, level, created_day, source, status';
const EXT_KEY = 'owner_unit_id, level, created_day, status';

const TASK_UPSERT = `ON CONFLICT (${TASK_KEY}) DO UPDATE SET cnt = supervision_stat_task.cnt + excluded.cnt,
  return_sum = supervision_stat_task.return_sum + excluded.return_sum, extension_sum = supervision_stat_task.extension_sum + excluded.extension_sum`;
const ITEM_UPSERT = `ON CONFLICT (${ITEM_KEY}) DO UPDATE SET cnt = supervision_stat_item.cnt + excluded.cnt`;
const EXT_UPSERT = `ON CONFLICT (${EXT_KEY}) DO UPDATE SET cnt = supervision_stat_ext.cnt + excluded.cnt`;

/** One task row (`r` = NEW or OLD) counted `sign` times. */
function taskDelta(r: string, sign: 1 | -1): string {
  return `INSERT INTO supervision_stat_task (${TASK_KEY}, cnt, return_sum, extension_sum)
    SELECT ${r}.owner_unit_id, ${r}.unit_id, ${r}.level, substr(i.created_at, 1, 10), ${r}.status,
      CASE WHEN ${r}.accepted_on_time = 1 THEN 1 ELSE 0 END, ${sign}, ${sign} * ${r}.return_count, ${sign} * ${r}.extension_count
    FROM supervision_item i WHERE i.id = ${r}.item_id
    ${TASK_UPSERT};`;
}

/** The extension requests of task `r` counted `sign` times under the task's owner and level. */
function taskExtsDelta(r: string, sign: 1 | -1): string {
  return `INSERT INTO supervision_stat_ext (${EXT_KEY}, cnt)
    SELECT ${r}.owner_unit_id, ${r}.level, substr(i.created_at, 1, 10), e.status, ${sign} * count(*)
    FROM supervision_extension e JOIN supervision_item i ON i.id = ${r}.item_id WHERE e.task_id = ${r}.id
    GROUP BY e.status, i.created_at
    ${EXT_UPSERT};`;
}

/** One item row counted `sign` times. */
function itemDelta(r: string, sign: 1 | -1): string {
  return `INSERT INTO supervision_stat_item (${ITEM_KEY}, cnt)
    SELECT ${r}.owner_unit_id, ${r}.level, substr(${r}.created_at, 1, 10), ${r}.source, ${r}.status, ${sign} WHERE 1 = 1
    ${ITEM_UPSERT};`;
}

/** The tasks and requests of item `r` counted `sign` times on `r`'s day (an item's day moved). */
function itemChildrenDelta(r: string, sign: 1 | -1): string {
  return `INSERT INTO supervision_stat_task (${TASK_KEY}, cnt, return_sum, extension_sum)
    SELECT t.owner_unit_id, t.unit_id, t.level, substr(${r}.created_at, 1, 10), t.status, CASE WHEN t.accepted_on_time = 1 THEN 1 ELSE 0 END,
      ${sign} * count(*), ${sign} * sum(t.return_count), ${sign} * sum(t.extension_count)
    FROM supervision_task t WHERE t.item_id = ${r}.id
    GROUP BY t.owner_unit_id, t.unit_id, t.level, t.status, CASE WHEN t.accepted_on_time = 1 THEN 1 ELSE 0 END
    ${TASK_UPSERT};
  INSERT INTO supervision_stat_ext (${EXT_KEY}, cnt)
    SELECT t.owner_unit_id, t.level, substr(${r}.created_at, 1, 10), e.status, ${sign} * count(*)
    FROM supervision_task t JOIN supervision_extension e ON e.task_id = t.id WHERE t.item_id = ${r}.id
    GROUP BY t.owner_unit_id, t.level, e.status
    ${EXT_UPSERT};`;
}

/** One extension request row counted `sign` times under its task's owner and level. */
function extDelta(r: string, sign: 1 | -1): string {
  return `INSERT INTO supervision_stat_ext (${EXT_KEY}, cnt)
    SELECT t.owner_unit_id, t.level, substr(i.created_at, 1, 10), ${r}.status, ${sign}
    FROM supervision_task t JOIN supervision_item i ON i.id = t.item_id WHERE t.id = ${r}.task_id
    ${EXT_UPSERT};`;
}

const TASK_CHANGED = ['owner_unit_id', 'unit_id', 'level', 'status', 'accepted_on_time', 'return_count', 'extension_count', 'item_id'];
const TASK_MOVED = ['owner_unit_id', 'level', 'item_id'];
const ITEM_CHANGED = ['owner_unit_id', 'level', 'created_at', 'source', 'status'];
const EXT_CHANGED = ['status', 'task_id'];

function changed(cols: string[], op: 'IS NOT' | 'IS DISTINCT FROM'): string {
  return cols.map((c) => `OLD.${c} ${op} NEW.${c}`).join(' OR ');
}
const DAY_MOVED_SQLITE = 'substr(OLD.created_at, 1, 10) IS NOT substr(NEW.created_at, 1, 10)';
const DAY_MOVED_PG = 'substr(OLD.created_at, 1, 10) IS DISTINCT FROM substr(NEW.created_at, 1, 10)';

function sqliteTriggers(): string[] {
  const t = (name: string, event: string, when: string | null, body: string) =>
    `CREATE TRIGGER ${name} AFTER ${event} FOR EACH ROW ${when ? `WHEN ${when} ` : ''}BEGIN ${body} END`;
  return [
    t('supervision_stat_task_ins', 'INSERT ON supervision_task', null, taskDelta('NEW', 1)),
    t('supervision_stat_task_del', 'DELETE ON supervision_task', null, taskDelta('OLD', -1)),
    t('supervision_stat_task_upd', 'UPDATE ON supervision_task', changed(TASK_CHANGED, 'IS NOT'), taskDelta('OLD', -1) + taskDelta('NEW', 1)),
    t('supervision_stat_task_move', 'UPDATE ON supervision_task', changed(TASK_MOVED, 'IS NOT'), taskExtsDelta('OLD', -1) + taskExtsDelta('NEW', 1)),
    t('supervision_stat_item_ins', 'INSERT ON supervision_item', null, itemDelta('NEW', 1)),
    t('supervision_stat_item_del', 'DELETE ON supervision_item', null, itemDelta('OLD', -1)),
    t('supervision_stat_item_upd', 'UPDATE ON supervision_item', changed(ITEM_CHANGED, 'IS NOT'), itemDelta('OLD', -1) + itemDelta('NEW', 1)),
    t('supervision_stat_item_day', 'UPDATE ON supervision_item', DAY_MOVED_SQLITE, itemChildrenDelta('OLD', -1) + itemChildrenDelta('NEW', 1)),
    t('supervision_stat_ext_ins', 'INSERT ON supervision_extension', null, extDelta('NEW', 1)),
    t('supervision_stat_ext_del', 'DELETE ON supervision_extension', null, extDelta('OLD', -1)),
    t('supervision_stat_ext_upd', 'UPDATE ON supervision_extension', changed(EXT_CHANGED, 'IS NOT'), extDelta('OLD', -1) + extDelta('NEW', 1)),
  ];
}

function postgresTriggers(): string[] {
  const fn = (name: string, body: string) => `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN ${body} RETURN NULL; END; $$ LANGUAGE plpgsql`;
  const onOld = (body: string) => `IF TG_OP IN ('UPDATE', 'DELETE') THEN ${body} END IF;`;
  const onNew = (body: string) => `IF TG_OP IN ('UPDATE', 'INSERT') THEN ${body} END IF;`;
  const trg = (name: string, table: string, f: string, event: string, when: string | null) =>
    `CREATE TRIGGER ${name} AFTER ${event} ON ${table} FOR EACH ROW ${when ? `WHEN (${when}) ` : ''}EXECUTE FUNCTION ${f}()`;
  return [
    fn('supervision_stat_task_row', onOld(taskDelta('OLD', -1)) + onNew(taskDelta('NEW', 1))),
    fn('supervision_stat_task_move', taskExtsDelta('OLD', -1) + taskExtsDelta('NEW', 1)),
    fn('supervision_stat_item_row', onOld(itemDelta('OLD', -1)) + onNew(itemDelta('NEW', 1))),
    fn('supervision_stat_item_day', itemChildrenDelta('OLD', -1) + itemChildrenDelta('NEW', 1)),
    fn('supervision_stat_ext_row', onOld(extDelta('OLD', -1)) + onNew(extDelta('NEW', 1))),
    trg('supervision_stat_task_insdel', 'supervision_task', 'supervision_stat_task_row', 'INSERT OR DELETE', null),
    trg('supervision_stat_task_upd', 'supervision_task', 'supervision_stat_task_row', 'UPDATE', changed(TASK_CHANGED, 'IS DISTINCT FROM')),
    trg('supervision_stat_task_move', 'supervision_task', 'supervision_stat_task_move', 'UPDATE', changed(TASK_MOVED, 'IS DISTINCT FROM')),
    trg('supervision_stat_item_insdel', 'supervision_item', 'supervision_stat_item_row', 'INSERT OR DELETE', null),
    trg('supervision_stat_item_upd', 'supervision_item', 'supervision_stat_item_row', 'UPDATE', changed(ITEM_CHANGED, 'IS DISTINCT FROM')),
    trg('supervision_stat_item_day', 'supervision_item', 'supervision_stat_item_day', 'UPDATE', DAY_MOVED_PG),
    trg('supervision_stat_ext_insdel', 'supervision_extension', 'supervision_stat_ext_row', 'INSERT OR DELETE', null),
    trg('supervision_stat_ext_upd', 'supervision_extension', 'supervision_stat_ext_row', 'UPDATE', changed(EXT_CHANGED, 'IS DISTINCT FROM')),
  ];
}

/** Fills the three tables from the rows stored now. */
const BACKFILL = [
  `INSERT INTO supervision_stat_task (${TASK_KEY}, cnt, return_sum, extension_sum)
    SELECT t.owner_unit_id, t.unit_id, t.level, substr(i.created_at, 1, 10), t.status, CASE WHEN t.accepted_on_time = 1 THEN 1 ELSE 0 END,
      count(*), sum(t.return_count), sum(t.extension_count)
    FROM supervision_task t JOIN supervision_item i ON i.id = t.item_id
    GROUP BY t.owner_unit_id, t.unit_id, t.level, substr(i.created_at, 1, 10), t.status, CASE WHEN t.accepted_on_time = 1 THEN 1 ELSE 0 END`,
  `INSERT INTO supervision_stat_item (${ITEM_KEY}, cnt)
    SELECT owner_unit_id, level, substr(created_at, 1, 10), source, status, count(*) FROM supervision_item
    GROUP BY owner_unit_id, level, substr(created_at, 1, 10), source, status`,
  `INSERT INTO supervision_stat_ext (${EXT_KEY}, cnt)
    SELECT t.owner_unit_id, t.level, substr(i.created_at, 1, 10), e.status, count(*)
    FROM supervision_extension e JOIN supervision_task t ON t.id = e.task_id JOIN supervision_item i ON i.id = t.item_id
    GROUP BY t.owner_unit_id, t.level, substr(i.created_at, 1, 10), e.status`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('supervision_stat_task')
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('created_day', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('on_time', 'integer', (c) => c.notNull())
    .addColumn('cnt', 'integer', (c) => c.notNull())
    .addColumn('return_sum', 'integer', (c) => c.notNull())
    .addColumn('extension_sum', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_stat_task_pk', ['owner_unit_id', 'unit_id', 'level', 'created_day', 'status', 'on_time'])
    .execute();
  await db.schema
    .createTable('supervision_stat_item')
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('created_day', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cnt', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_stat_item_pk', ['owner_unit_id', 'level', 'created_day', 'source', 'status'])
    .execute();
  await db.schema
    .createTable('supervision_stat_ext')
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('created_day', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cnt', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_stat_ext_pk', ['owner_unit_id', 'level', 'created_day', 'status'])
    .execute();
  // the exact remainder (rows visible outside the owner unit) and the open tasks by time limit, by index range
  await db.schema.createIndex('supervision_task_owner_idx').on('supervision_task').columns(['owner_unit_id', 'level']).execute();
  await db.schema.createIndex('supervision_item_owner_idx').on('supervision_item').columns(['owner_unit_id', 'level']).execute();
  for (const q of BACKFILL) await sql.raw(q).execute(db);
  for (const q of dialectOf(db) === 'postgres' ? postgresTriggers() : sqliteTriggers()) await sql.raw(q).execute(db);
}
