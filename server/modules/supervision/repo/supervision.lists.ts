/** The list reads of 督查督办: ledger pages and counts, task lists, the progress of a source, lookups for checks and imports. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { planLiteral, type Db, type Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { ledgerOrder, ledgerQuery, taskQuery, unitRowsOf, type LedgerFilter, type TaskFilter } from '../supervision.repo.js';
import { itemsVisibleTo, itemUnitRowsVisibleTo } from './supervision.visibility.js';

type H = Db | Trx;
type Thresholds = { today: string; yellowUntil: string };

/**
 * The tasks of some items (unit, lead, status), each with its open stages past `today` (`late_stages`; the
 * ledger's light counts them for tasks still worked on): one query for both (#17: every query of a ledger page is
 * a round trip on PostgreSQL).
 */
export async function taskStatusesOf(db: H, itemIds: number[], today: string) {
  return itemIds.length ? await taskStatusesQuery(db, itemIds, today).execute() : [];
}

/**
 * `taskStatusesOf`'s query. Its late stages are read through `supervision_stage_task_open_idx`, which answers all three
 * terms: with `(done_at, deadline)` to choose, SQLite without statistics read every late open stage for each task.
 */
export function taskStatusesQuery(db: H, itemIds: number[], today: string) {
  return db
    .selectFrom('supervision_task as t')
    .select([
      't.item_id',
      't.unit_id',
      't.is_lead',
      't.status',
      (eb) =>
        eb
          .selectFrom('supervision_stage as s')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('s.task_id', '=', 't.id')
          .where('s.done_at', 'is', null)
          .where('s.deadline', '<', today)
          .as('late_stages'),
    ])
    .where('t.item_id', 'in', itemIds);
}

/**
 * The number of ledger matches, counted up to `cap + 1`: at a million items an exact count of a broad
 * filter costs more than the page itself, and nobody pages past it (the web shows "1000+").
 */
export async function ledgerCount(db: Db, actor: Actor, f: LedgerFilter, th: Thresholds, cap: number): Promise<number> {
  if (f.q && f.keywordSource && !(await numberTaken(db, f.q))) {
    const n = await ledgerCountByKeyword(db, actor, { ...f, q: f.q, keywordSource: f.keywordSource }, th, cap);
    if (n !== null) return n;
  }
  const one = sql<number>`1`.as('one');
  const capped = unitRowsOnly(f)
    ? unitRows(db, actor, f)
        .select(one)
        .limit(planLiteral(cap + 1))
    : ledgerQuery(db, actor, f, th)
        .select(one)
        .limit(cap + 1);
  const { n } = await db
    .selectFrom(capped.as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Whether `supervision_item_unit` alone answers the filter: a unit, and at most a status and a time-limit range
 * (the 督办台账 filtered by 责任单位, W2 of the benchmark). Then the count reads only that table's index, and a page
 * reads its item rows only for the rows shown.
 */
function unitRowsOnly(f: LedgerFilter): f is LedgerFilter & { unitId: number } {
  return f.unitId !== undefined && !f.q && !f.source && f.leaderId === undefined && !f.mine && !f.light && !f.createdFrom && !f.createdTo;
}

/** The unit's rows of `supervision_item_unit` matching `f` whose item `actor` may see (`unitRowsOnly` filters). */
function unitRows(db: Db, actor: Actor, f: LedgerFilter & { unitId: number }) {
  return unitRowsOf(db, f.unitId, f).where(itemUnitRowsVisibleTo(actor));
}

/** Whether an item has the number `number` (the keyword also matches the item of that number). */
async function numberTaken(db: Db, number: string): Promise<boolean> {
  return (await db.selectFrom('supervision_item').select('id').where('number', '=', number).executeTakeFirst()) !== undefined;
}

/**
 * `ledgerCount` of a frequent keyword when no item has it for number: the index's matches of the term
 * (`f.keywordSource`, a superset of the items holding it) drive, each checked by the ledger's own
 * conditions (its text test included), so that counting stops after `cap + 1` matches instead of
 * testing the text of every row of the ledger before them (without other filters the ledger's own plan
 * reads every row the actor's clearance allows). With other filters it looks at `2 × (cap + 1)` matches
 * at most: null when that found fewer than `cap + 1` rows and the term has more matches (the filters keep
 * few of them: their indexes are then the cheaper way to count).
 */
async function ledgerCountByKeyword(
  db: Db,
  actor: Actor,
  f: LedgerFilter & { q: string; keywordSource: RawBuilder<{ item_id: number }> },
  th: Thresholds,
  cap: number,
): Promise<number | null> {
  const filtered = OTHER_FILTERS.some((k) => f[k] !== undefined && f[k] !== '');
  if (!filtered) return Number((await countDriven(db, actor, f, th, cap, null)).n);
  const budget = 2 * (cap + 1);
  const { n } = await countDriven(db, actor, f, th, cap, budget);
  if (Number(n) > cap) return Number(n);
  const { all } = await db
    .selectFrom(sql<{ item_id: number }>`(${f.keywordSource} LIMIT ${budget + 1})`.as('m'))
    .select((eb) => eb.fn.countAll<number>().as('all'))
    .executeTakeFirstOrThrow();
  return Number(all) <= budget ? Number(n) : null;
}

/** The ledger's filters besides its keyword. */
const OTHER_FILTERS = [
  'source',
  'status',
  'unitId',
  'leaderId',
  'light',
  'deadlineFrom',
  'deadlineTo',
  'createdFrom',
  'createdTo',
  'mine',
] as const satisfies readonly (keyof LedgerFilter)[];

/** The ledger's matches among (the first `budget` of) `f.keywordSource`, counted up to `cap + 1`. */
function countDriven(
  db: Db,
  actor: Actor,
  f: LedgerFilter & { keywordSource: RawBuilder<{ item_id: number }> },
  th: Thresholds,
  cap: number,
  budget: number | null,
) {
  const check = ledgerQuery(db, actor, { ...f, matchedIds: null }, th)
    .select(sql<number>`1`.as('one'))
    .where(sql<SqlBool>`supervision_item.id = m.item_id`);
  const source = budget === null ? sql`(${f.keywordSource})` : sql`(${f.keywordSource} LIMIT ${budget})`;
  return db
    .selectFrom(
      db
        .selectFrom(source.as('m'))
        .select(sql<number>`1`.as('one'))
        .where(({ exists }) => exists(check))
        .limit(cap + 1)
        .as('capped'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
}

/** The page sizes the web offers (Ant Design's): a first page of one of these has its size in the SQL text. */
const PLANNED_PAGE_SIZES: readonly number[] = [10, 20, 50, 100];

/** One page of the ledger, by time limit then id. */
export function ledgerPage(db: Db, actor: Actor, f: LedgerFilter, th: Thresholds, page: { limit: number; offset: number }) {
  if (unitRowsOnly(f)) {
    // the page's rows from the unit's index entries, then their items; the first page of a usual size has its
    // bounds in the text (`planLiteral`: PostgreSQL keeps a generic plan of it; the texts stay few)
    const first = page.offset === 0 && PLANNED_PAGE_SIZES.includes(page.limit);
    const rows = unitRows(db, actor, f)
      .select(['lu.item_id', 'lu.deadline'])
      .orderBy('lu.deadline')
      .orderBy('lu.item_id')
      .limit(first ? planLiteral(page.limit) : page.limit)
      .offset(first ? planLiteral(0) : page.offset)
      .as('p');
    return db
      .selectFrom(rows)
      .innerJoin('supervision_item', 'supervision_item.id', 'p.item_id')
      .selectAll('supervision_item')
      .orderBy('p.deadline')
      .orderBy('p.item_id')
      .execute();
  }
  const o = ledgerOrder(f);
  return ledgerQuery(db, actor, f, th).selectAll('supervision_item').orderBy(o.deadline).orderBy(o.id).limit(page.limit).offset(page.offset).execute();
}

/** The next keyset page of the ledger after `after` (the export streams these). */
export function ledgerKeysetPage(db: Db, actor: Actor, f: LedgerFilter, th: Thresholds, after: { deadline: string; id: number } | null, limit: number) {
  const o = ledgerOrder(f);
  let q = ledgerQuery(db, actor, f, th).selectAll('supervision_item');
  // a row-value comparison: both databases seek the index to the key (the OR of the two cases made SQLite walk every
  // earlier entry again for each page: 3.9 s against 2.0 s for the 15 pages of W6 at 1m)
  if (after) q = q.where(sql<SqlBool>`(${o.deadline}, ${o.id}) > (${after.deadline}, ${after.id})`);
  return q.orderBy(o.deadline).orderBy(o.id).limit(limit).execute();
}

/** The most items a registration window may hold for the export to read the window through its index. */
export const REGISTRATION_WINDOW_CAP = 50_000;

/**
 * The ids of the visible items matching `f` in the ledger's order, read through the registration-date index (the export
 * of a registration window, W6): one range read of the window's items and one sort. The keyset pages walk the
 * status index in time-limit order instead and read an item row for every item of that status before the window's
 * last time limit: at a million items 1.1 s warm, and 5 s when those rows are not in the page cache. Null when `f` has
 * no registration window, filters by unit (the unit's own index is narrower) or the window holds more than the cap.
 */
export async function ledgerIdsByRegistration(db: Db, actor: Actor, f: LedgerFilter, th: Thresholds, cap = REGISTRATION_WINDOW_CAP): Promise<number[] | null> {
  if (f.unitId !== undefined || (!f.createdFrom && !f.createdTo)) return null;
  let window = db.selectFrom('supervision_item').select(sql<number>`1`.as('one'));
  if (f.createdFrom) window = window.where('created_at', '>=', `${f.createdFrom}T00:00:00.000Z`);
  if (f.createdTo) window = window.where('created_at', '<=', `${f.createdTo}T23:59:59.999Z`);
  const { n } = await db
    .selectFrom(window.limit(cap + 1).as('w'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(n) > cap) return null;
  const rows = await ledgerQuery(db, actor, f, th, { byRegistration: true })
    .select('supervision_item.id')
    .orderBy('supervision_item.deadline')
    .orderBy('supervision_item.id')
    .execute();
  return rows.map((r) => r.id);
}

/** The items of `ids` (at most a page) still visible to `actor`, in the order of `ids`. */
export async function itemsInOrder(db: Db, actor: Actor, ids: number[]) {
  if (!ids.length) return [];
  const rows = await db.selectFrom('supervision_item').selectAll().where('id', 'in', ids).where(itemsVisibleTo(actor)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The number of visible tasks matching `f`. */
export async function taskCount(db: Db, actor: Actor, f: TaskFilter): Promise<number> {
  const { n } = await taskQuery(db, actor, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** One page of the visible tasks matching `f`, with their item's number and title. */
export function taskPage(db: Db, actor: Actor, f: TaskFilter, page: { limit: number; offset: number }) {
  return taskQuery(db, actor, f)
    .selectAll('supervision_task')
    .select(['supervision_item.number as item_number', 'supervision_item.title as item_title'])
    .orderBy('supervision_task.deadline')
    .orderBy('supervision_task.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** The open tasks past `today` created in a range (the summary's overdue list, at most 200). */
export function overdueTasksCreatedIn(db: Db, actor: Actor, today: string, range: { from: string; to: string }) {
  return taskQuery(db, actor, { open: true })
    .where('supervision_task.deadline', '<', today)
    .where('supervision_task.status', '!=', 'pending')
    .where('supervision_item.created_at', '>=', `${range.from}T00:00:00.000Z`)
    .where('supervision_item.created_at', '<=', `${range.to}T23:59:59.999Z`)
    .select(['supervision_item.number', 'supervision_item.title', 'supervision_task.unit_id', 'supervision_task.deadline'])
    .orderBy('supervision_task.deadline')
    .limit(200)
    .execute();
}

/** The visible items registered from some rows of a source module, by id. */
export function itemsOfSource(db: Db, actor: Actor, sourceType: string, sourceIds: number[]) {
  return db
    .selectFrom('supervision_item')
    .select(['id', 'number', 'status', 'deadline', 'source_id'])
    .where('source_type', '=', sourceType)
    .where('source_id', 'in', sourceIds)
    .where(itemsVisibleTo(actor))
    .orderBy('id')
    .execute();
}

/** The ids among `ids` of active units. */
export async function activeUnitIds(db: H, ids: number[]): Promise<Set<number>> {
  const rows = await db.selectFrom('unit').select('id').where('id', 'in', ids).where('active', '=', 1).execute();
  return new Set(rows.map((r) => r.id));
}

/** A user's unit and whether it is disabled. */
export function findUserBrief(db: H, id: number) {
  return db.selectFrom('user').select(['id', 'unit_id', 'disabled']).where('id', '=', id).executeTakeFirst();
}

/** The active unit with a code (e.g. 督查室). */
export function findActiveUnitByCode(db: H, code: string) {
  return db.selectFrom('unit').select('id').where('code', '=', code).where('active', '=', 1).executeTakeFirst();
}

/** The full name of a unit. */
export async function unitFullName(db: H, id: number): Promise<string | undefined> {
  return (await db.selectFrom('unit').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

/** Active units with their names (import matching). */
export function activeUnits(db: H) {
  return db.selectFrom('unit').select(['id', 'name', 'short_name']).where('active', '=', 1).execute();
}

/** Enabled users with their names (import matching). */
export function activeUsers(db: H) {
  return db.selectFrom('user').select(['id', 'name']).where('disabled', '=', 0).execute();
}

/** A report with its task (attachment ownership). */
export async function findReportWithTask(db: H, id: number) {
  const rep = await db.selectFrom('supervision_report').select(['task_id', 'submitted_by', 'review_status']).where('id', '=', id).executeTakeFirst();
  if (!rep) return null;
  const task = await db.selectFrom('supervision_task').selectAll().where('id', '=', rep.task_id).executeTakeFirst();
  return task ? { rep, task } : null;
}
