/**
 * The 信息 statistics at a million reports: counts per (China calendar day, unit, …) kept by database triggers in
 * the same transaction as every write (services, seeds, direct SQL), and backfilled here from the rows stored now.
 *
 * - `info_stat_report`      (day, unit_id, lvl) → cnt, late_sum: reports (`origin = 'report'`) by the China day of
 *   `reported_at`; `lvl` is the effective 采用 level `coalesce(merged item's adopt_level, adopt_level)`, '' for none
 * - `info_stat_instruction` (day, unit_id) → cnt: pairs (批示, report) where the 批示 is on the report or on the item
 *   the report was merged into, by the China day of the 批示's `created_at`, under the report's unit
 * - `info_stat_missed`      (day, unit_id) → cnt: 漏报 events (`status = 'missed'`) by the China day of `due_at`
 *
 * The China day of an ISO-8601 UTC instant is its date at UTC+8 (no daylight saving since 1991), the same rule as
 * the statistics' period bounds (`bounds` in usecases/statistics.ts). A key whose rows all left keeps a row with cnt 0.
 *
 * A report's level reads another row (the item it was merged into), so a change of that item's `adopt_level` moves
 * its sources' counts (the "parent" triggers). The triggers run row by row with the earlier rows of the statement
 * already applied (SQLite: AFTER row triggers run inline; PostgreSQL: BEFORE row triggers, which see the rows the
 * statement changed before), so a statement changing a merged item and its sources together is counted right.
 * Frozen: imports only kysely and the migration kit.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../db/migration-kit.js';

type Dialect = 'sqlite' | 'postgres';

/** The China day (YYYY-MM-DD) of an ISO instant column or expression. */
function dayOf(d: Dialect, col: string): string {
  return d === 'postgres' ? `to_char((${col})::timestamptz AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM-DD')` : `date(${col}, '+8 hours')`;
}

const REPORT_UPSERT = `ON CONFLICT (day, unit_id, lvl) DO UPDATE SET cnt = info_stat_report.cnt + excluded.cnt, late_sum = info_stat_report.late_sum + excluded.late_sum`;
const INSTR_UPSERT = `ON CONFLICT (day, unit_id) DO UPDATE SET cnt = info_stat_instruction.cnt + excluded.cnt`;
const MISSED_UPSERT = `ON CONFLICT (day, unit_id) DO UPDATE SET cnt = info_stat_missed.cnt + excluded.cnt`;

/**
 * `<t>.origin = 'report'` as a filter only, so that neither planner reads the covering index that starts with `origin`
 * (without statistics both did, scanning every report for each row written: 8.7 ms an insert at 60k rows on SQLite,
 * 230 rows a second on PostgreSQL); the lookups go by id and `merged_into_id` instead.
 */
const isReport = (d: Dialect, t: string) => (d === 'sqlite' ? `+${t}.origin = 'report'` : `(${t}.origin || '') = 'report'`);

/** The effective level of report row `r`: its merged item's 采用 level, else its own, '' for none. */
const levelOf = (r: string) => `coalesce((SELECT m.adopt_level FROM info_item m WHERE m.id = ${r}.merged_into_id), ${r}.adopt_level, '')`;

/** Item row `r` counted `sign` times as a report. */
function reportDelta(d: Dialect, r: string, sign: 1 | -1): string {
  return `INSERT INTO info_stat_report (day, unit_id, lvl, cnt, late_sum)
    SELECT ${dayOf(d, `${r}.reported_at`)}, ${r}.unit_id, ${levelOf(r)}, ${sign}, ${sign} * ${r}.late WHERE ${r}.origin = 'report'
    ${REPORT_UPSERT};`;
}

/**
 * The reports merged into item `r`: `attach` (+1) moves them from their own level to `coalesce(r.adopt_level, own)`,
 * detach (-1) moves them back (item `r` appears, disappears or changes its level or id).
 */
function childrenDelta(d: Dialect, r: string, sign: 1 | -1): string {
  const move = (lvl: string, s: 1 | -1) => `INSERT INTO info_stat_report (day, unit_id, lvl, cnt, late_sum)
    SELECT ${dayOf(d, 'c.reported_at')}, c.unit_id, ${lvl}, ${s} * count(*), ${s} * sum(c.late)
    FROM info_item c WHERE c.merged_into_id = ${r}.id AND ${isReport(d, 'c')}
    GROUP BY ${dayOf(d, 'c.reported_at')}, c.unit_id, ${lvl}
    ${REPORT_UPSERT};`;
  const merged = `coalesce(${r}.adopt_level, c.adopt_level, '')`;
  const own = `coalesce(c.adopt_level, '')`;
  return sign === 1 ? move(own, -1) + move(merged, 1) : move(merged, -1) + move(own, 1);
}

/** The 批示 counted for item row `r` as a report (on itself or on the item it was merged into), `sign` times. */
function reportInstructionsDelta(d: Dialect, r: string, sign: 1 | -1): string {
  return `INSERT INTO info_stat_instruction (day, unit_id, cnt)
    SELECT ${dayOf(d, 'i.created_at')}, ${r}.unit_id, ${sign} * count(*)
    FROM info_instruction i WHERE ${r}.origin = 'report' AND (i.item_id = ${r}.id OR i.item_id = ${r}.merged_into_id)
    GROUP BY ${dayOf(d, 'i.created_at')}
    ${INSTR_UPSERT};`;
}

/** 批示 row `r` counted `sign` times for each report it counts for. */
function instructionDelta(d: Dialect, r: string, sign: 1 | -1): string {
  return `INSERT INTO info_stat_instruction (day, unit_id, cnt)
    SELECT ${dayOf(d, `${r}.created_at`)}, x.unit_id, ${sign} * count(*)
    FROM info_item x WHERE ${isReport(d, 'x')} AND (x.id = ${r}.item_id OR x.merged_into_id = ${r}.item_id)
    GROUP BY x.unit_id
    ${INSTR_UPSERT};`;
}

/** Event row `r` counted `sign` times as 漏报. */
function missedDelta(d: Dialect, r: string, sign: 1 | -1): string {
  return `INSERT INTO info_stat_missed (day, unit_id, cnt)
    SELECT ${dayOf(d, `${r}.due_at`)}, ${r}.unit_id, ${sign} WHERE ${r}.status = 'missed'
    ${MISSED_UPSERT};`;
}

const REPORT_CHANGED = ['origin', 'unit_id', 'reported_at', 'late', 'adopt_level', 'merged_into_id', 'id'];
const PARENT_CHANGED = ['adopt_level', 'id'];
const REPORT_PAIRS_CHANGED = ['origin', 'unit_id', 'merged_into_id', 'id'];
const INSTR_CHANGED = ['item_id', 'created_at'];
const EVENT_CHANGED = ['status', 'unit_id', 'due_at'];

function changed(cols: string[], op: 'IS NOT' | 'IS DISTINCT FROM'): string {
  return cols.map((c) => `OLD.${c} ${op} NEW.${c}`).join(' OR ');
}

function sqliteTriggers(): string[] {
  const d = 'sqlite';
  const t = (name: string, event: string, when: string | null, body: string) =>
    `CREATE TRIGGER ${name} AFTER ${event} FOR EACH ROW ${when ? `WHEN ${when} ` : ''}BEGIN ${body} END`;
  const itemIns = reportDelta(d, 'NEW', 1) + childrenDelta(d, 'NEW', 1) + reportInstructionsDelta(d, 'NEW', 1);
  const itemDel = reportDelta(d, 'OLD', -1) + childrenDelta(d, 'OLD', -1) + reportInstructionsDelta(d, 'OLD', -1);
  return [
    t('info_stat_item_ins', 'INSERT ON info_item', null, itemIns),
    t('info_stat_item_del', 'DELETE ON info_item', null, itemDel),
    t('info_stat_item_upd', 'UPDATE ON info_item', changed(REPORT_CHANGED, 'IS NOT'), reportDelta(d, 'OLD', -1) + reportDelta(d, 'NEW', 1)),
    t('info_stat_item_parent', 'UPDATE ON info_item', changed(PARENT_CHANGED, 'IS NOT'), childrenDelta(d, 'OLD', -1) + childrenDelta(d, 'NEW', 1)),
    t(
      'info_stat_item_pairs',
      'UPDATE ON info_item',
      changed(REPORT_PAIRS_CHANGED, 'IS NOT'),
      reportInstructionsDelta(d, 'OLD', -1) + reportInstructionsDelta(d, 'NEW', 1),
    ),
    t('info_stat_instruction_ins', 'INSERT ON info_instruction', null, instructionDelta(d, 'NEW', 1)),
    t('info_stat_instruction_del', 'DELETE ON info_instruction', null, instructionDelta(d, 'OLD', -1)),
    t(
      'info_stat_instruction_upd',
      'UPDATE ON info_instruction',
      changed(INSTR_CHANGED, 'IS NOT'),
      instructionDelta(d, 'OLD', -1) + instructionDelta(d, 'NEW', 1),
    ),
    t('info_stat_event_ins', 'INSERT ON info_event', null, missedDelta(d, 'NEW', 1)),
    t('info_stat_event_del', 'DELETE ON info_event', null, missedDelta(d, 'OLD', -1)),
    t('info_stat_event_upd', 'UPDATE ON info_event', changed(EVENT_CHANGED, 'IS NOT'), missedDelta(d, 'OLD', -1) + missedDelta(d, 'NEW', 1)),
  ];
}

function postgresTriggers(): string[] {
  const d = 'postgres';
  // BEFORE row triggers: the statement's earlier rows are visible, this row not yet written; the row goes on unchanged
  const fn = (name: string, body: string) =>
    `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN ${body} IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql`;
  const onOld = (body: string) => `IF TG_OP IN ('UPDATE', 'DELETE') THEN ${body} END IF;`;
  const onNew = (body: string) => `IF TG_OP IN ('UPDATE', 'INSERT') THEN ${body} END IF;`;
  const trg = (name: string, table: string, f: string, event: string, when: string | null) =>
    `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ROW ${when ? `WHEN (${when}) ` : ''}EXECUTE FUNCTION ${f}()`;
  return [
    fn('info_stat_item_report', onOld(reportDelta(d, 'OLD', -1)) + onNew(reportDelta(d, 'NEW', 1))),
    fn('info_stat_item_parent', onOld(childrenDelta(d, 'OLD', -1)) + onNew(childrenDelta(d, 'NEW', 1))),
    fn('info_stat_item_pairs', onOld(reportInstructionsDelta(d, 'OLD', -1)) + onNew(reportInstructionsDelta(d, 'NEW', 1))),
    fn('info_stat_instruction_row', onOld(instructionDelta(d, 'OLD', -1)) + onNew(instructionDelta(d, 'NEW', 1))),
    fn('info_stat_event_row', onOld(missedDelta(d, 'OLD', -1)) + onNew(missedDelta(d, 'NEW', 1))),
    trg('info_stat_item_report_insdel', 'info_item', 'info_stat_item_report', 'INSERT OR DELETE', null),
    trg('info_stat_item_report_upd', 'info_item', 'info_stat_item_report', 'UPDATE', changed(REPORT_CHANGED, 'IS DISTINCT FROM')),
    trg('info_stat_item_parent_insdel', 'info_item', 'info_stat_item_parent', 'INSERT OR DELETE', null),
    trg('info_stat_item_parent_upd', 'info_item', 'info_stat_item_parent', 'UPDATE', changed(PARENT_CHANGED, 'IS DISTINCT FROM')),
    trg('info_stat_item_pairs_insdel', 'info_item', 'info_stat_item_pairs', 'INSERT OR DELETE', null),
    trg('info_stat_item_pairs_upd', 'info_item', 'info_stat_item_pairs', 'UPDATE', changed(REPORT_PAIRS_CHANGED, 'IS DISTINCT FROM')),
    trg('info_stat_instruction_insdel', 'info_instruction', 'info_stat_instruction_row', 'INSERT OR DELETE', null),
    trg('info_stat_instruction_upd', 'info_instruction', 'info_stat_instruction_row', 'UPDATE', changed(INSTR_CHANGED, 'IS DISTINCT FROM')),
    trg('info_stat_event_insdel', 'info_event', 'info_stat_event_row', 'INSERT OR DELETE', null),
    trg('info_stat_event_upd', 'info_event', 'info_stat_event_row', 'UPDATE', changed(EVENT_CHANGED, 'IS DISTINCT FROM')),
  ];
}

/** Fills the three tables from the rows stored now. */
function backfill(d: Dialect): string[] {
  const rDay = dayOf(d, 'r.reported_at');
  const lvl = `coalesce(m.adopt_level, r.adopt_level, '')`;
  const iDay = dayOf(d, 'i.created_at');
  const eDay = dayOf(d, 'e.due_at');
  return [
    `INSERT INTO info_stat_report (day, unit_id, lvl, cnt, late_sum)
      SELECT ${rDay}, r.unit_id, ${lvl}, count(*), sum(r.late)
      FROM info_item r LEFT JOIN info_item m ON m.id = r.merged_into_id WHERE r.origin = 'report'
      GROUP BY ${rDay}, r.unit_id, ${lvl}`,
    `INSERT INTO info_stat_instruction (day, unit_id, cnt)
      SELECT ${iDay}, r.unit_id, count(*)
      FROM info_instruction i JOIN info_item r ON r.origin = 'report' AND (r.id = i.item_id OR r.merged_into_id = i.item_id)
      GROUP BY ${iDay}, r.unit_id`,
    `INSERT INTO info_stat_missed (day, unit_id, cnt)
      SELECT ${eDay}, e.unit_id, count(*) FROM info_event e WHERE e.status = 'missed' GROUP BY ${eDay}, e.unit_id`,
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const d = dialectOf(db);
  await db.schema
    .createTable('info_stat_report')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('lvl', 'text', (c) => c.notNull())
    .addColumn('cnt', 'integer', (c) => c.notNull())
    .addColumn('late_sum', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('info_stat_report_pk', ['day', 'unit_id', 'lvl'])
    .execute();
  for (const name of ['info_stat_instruction', 'info_stat_missed'])
    await db.schema
      .createTable(name)
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('cnt', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${name}_pk`, ['day', 'unit_id'])
      .execute();
  for (const q of backfill(d)) await sql.raw(q).execute(db);
  for (const q of d === 'postgres' ? postgresTriggers() : sqliteTriggers()) await sql.raw(q).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
