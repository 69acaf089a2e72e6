/** Every query of 督查督办. Functions take the db or transaction handle explicitly. */
import { sql, type RawBuilder, type Selectable, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import { dialectOf, type Db, type Trx } from '../../db/client.js';
import { isSharedWith } from '../../platform/authz.js';
import type { Actor } from '../../platform/actor.js';
import { iso } from '../../platform/clock.js';
import type { SearchDocInput } from '../../platform/search-index.js';
import type { SupervisionItemTable } from './repo/supervision.tables.js';
import { itemsVisibleTo, tasksVisibleTo } from './repo/supervision.visibility.js';
import * as names from '../../platform/names.js';

type H = Db | Trx;

/** Loads one item (no visibility check: the service checks the policy on the row). */
export function findItem(db: H, id: number) {
  return db.selectFrom('supervision_item').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Loads one task. */
export function findTask(db: H, id: number) {
  return db.selectFrom('supervision_task').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * One task with what the task page shows and its policy needs of the item: one query for both (W1 of the benchmark; on
 * PostgreSQL a query is a round trip).
 */
export function findTaskWithItem(db: H, id: number) {
  return db
    .selectFrom('supervision_task as t')
    .innerJoin('supervision_item as i', 'i.id', 't.item_id')
    .selectAll('t')
    .select([
      'i.number as item_number',
      'i.title as item_title',
      'i.status as item_status',
      'i.source as item_source',
      'i.instructed_by_id as item_instructed_by_id',
    ])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** The tasks of an item, lead unit first. */
export function tasksOfItem(db: H, itemId: number) {
  return db.selectFrom('supervision_task').selectAll().where('item_id', '=', itemId).orderBy('is_lead', 'desc').orderBy('id').execute();
}

/** The stages (节点) of some tasks. */
export async function stagesOf(db: H, taskIds: number[]) {
  if (!taskIds.length) return [];
  return db.selectFrom('supervision_stage').selectAll().where('task_id', 'in', taskIds).orderBy('task_id').orderBy('seq').execute();
}

/** The reports of some tasks, newest first. */
export async function reportsOf(db: H, taskIds: number[]) {
  if (!taskIds.length) return [];
  return db.selectFrom('supervision_report').selectAll().where('task_id', 'in', taskIds).orderBy('id', 'desc').execute();
}

/** The extension requests of some tasks, newest first. */
export async function extensionsOf(db: H, taskIds: number[]) {
  if (!taskIds.length) return [];
  return db.selectFrom('supervision_extension').selectAll().where('task_id', 'in', taskIds).orderBy('id', 'desc').execute();
}

/** The timeline rows of an item, oldest first. */
export function eventsOf(db: H, itemId: number) {
  return db.selectFrom('supervision_event').selectAll().where('item_id', '=', itemId).orderBy('id').execute();
}

/** Appends one timeline row. */
export async function insertEvent(
  trx: Trx,
  e: {
    itemId: number;
    taskId?: number | null;
    kind: string;
    actor: Pick<Actor, 'id' | 'name'> | null;
    at: Date;
    message?: string | null;
    detail?: Record<string, unknown> | null;
  },
): Promise<number> {
  const row = await trx
    .insertInto('supervision_event')
    .values({
      item_id: e.itemId,
      task_id: e.taskId ?? null,
      kind: e.kind,
      actor_id: e.actor?.id ?? null,
      actor_name: e.actor?.name ?? null,
      at: iso(e.at),
      message: e.message ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Need-to-know of the whole item beyond its units: a share grant names the actor or the actor's unit, or
 * the actor is its instructing leader (批示领导), who follows every task and report of his 批示件.
 */
export async function itemShared(db: H, actor: Actor, itemId: number): Promise<boolean> {
  if (await isSharedWith(db, actor, 'supervision_item', itemId)) return true;
  const own = await db.selectFrom('supervision_item').select('id').where('id', '=', itemId).where('instructed_by_id', '=', actor.id).executeTakeFirst();
  return own !== undefined;
}

/** Active users of a unit holding one of `roles` (all active users of the unit when none does). */
export async function usersOfUnit(db: H, unitId: number, roles: readonly string[]): Promise<{ id: number; name: string }[]> {
  const all = await db
    .selectFrom('user')
    .select(['user.id', 'user.name'])
    .where('user.unit_id', '=', unitId)
    .where('user.disabled', '=', 0)
    .orderBy('user.id')
    .execute();
  if (!all.length) return [];
  const withRole = await db
    .selectFrom('user_role')
    .select('user_id')
    .where(
      'user_id',
      'in',
      all.map((u) => u.id),
    )
    .where('role', 'in', [...roles])
    .execute();
  const ids = new Set(withRole.map((r) => r.user_id));
  const picked = all.filter((u) => ids.has(u.id));
  return picked.length ? picked : all;
}

/** Names of units by id (short names; `server/platform/names.ts`). */
export const unitNames = (db: H, ids: Iterable<number | null | undefined>) => names.unitNames(db, ids, 'short');

/** Names of users by id (`server/platform/names.ts`). */
export const userNames = names.userNames;

/** SQL: `column` contains `term` as a substring (correct for 2-character Chinese terms on both dialects). */
export function contains(db: H, column: string, term: string): RawBuilder<SqlBool> {
  return dialectOf(db) === 'postgres' ? sql<SqlBool>`strpos(${sql.ref(column)}, ${term}) > 0` : sql<SqlBool>`instr(${sql.ref(column)}, ${term}) > 0`;
}

/** Ledger filters (督办台账). */
export interface LedgerFilter {
  source?: string;
  status?: string;
  unitId?: number;
  leaderId?: number;
  light?: 'green' | 'yellow' | 'red' | 'none';
  deadlineFrom?: string;
  deadlineTo?: string;
  createdFrom?: string;
  createdTo?: string;
  q?: string;
  /** Only items the actor instructed or is responsible leader of. */
  mine?: 'leader';
  /** Candidate ids for `q` from the search index, or null when the term is too frequent to list. */
  matchedIds?: number[] | null;
  /**
   * With `matchedIds` null: a subquery (column `item_id`) of a superset of the items holding `q` verbatim
   * (`SearchIndex.substringMatches`), so that the count walks the term's matches instead of the ledger.
   */
  keywordSource?: RawBuilder<{ item_id: number }>;
}

/** What the search index holds of an item: what every reader of it may see, with its need-to-know. */
export function itemSearchDoc(
  item: Pick<
    Selectable<SupervisionItemTable>,
    | 'id'
    | 'number'
    | 'title'
    | 'requirement'
    | 'level'
    | 'owner_unit_id'
    | 'lead_unit_id'
    | 'responsible_user_id'
    | 'responsible_leader_id'
    | 'instructed_by_id'
    | 'created_by'
    | 'source'
    | 'created_at'
  >,
  taskUnitIds: readonly number[],
  /** The office directors (办公厅主任), who oversee every item (`officeDirectorIds`). */
  directorIds: readonly number[],
): SearchDocInput {
  return {
    module: 'supervision',
    itemType: 'supervision_item',
    itemId: item.id,
    title: item.title,
    body: item.requirement,
    unitIds: [item.owner_unit_id, item.lead_unit_id, ...taskUnitIds],
    userIds: [item.responsible_user_id, item.responsible_leader_id, item.instructed_by_id, item.created_by, ...directorIds].filter(
      (x): x is number => typeof x === 'number',
    ),
    level: item.level,
    kind: item.source === 'decision' ? '决策督查' : item.source === 'instruction' ? '专项督查' : '考核督查',
    date: item.created_at.slice(0, 10),
    link: `/supervision/items/${item.id}`,
  };
}

/**
 * The active holders of the director role (办公厅主任/副主任): the search index lists them with every item, as
 * the policy lets them see every item within clearance. A new director finds the older items in search
 * after the next index rebuild (`npm run cli -- search-rebuild`); lists and pages see them at once.
 */
export async function officeDirectorIds(db: H): Promise<number[]> {
  const rows = await db
    .selectFrom('user_role')
    .innerJoin('user', 'user.id', 'user_role.user_id')
    .select('user.id')
    .where('user_role.role', '=', 'director')
    .where('user.disabled', '=', 0)
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

/** All items for a search-index rebuild, in batches. */
export async function* itemSearchDocs(db: H): AsyncIterable<SearchDocInput[]> {
  const directors = await officeDirectorIds(db);
  let after = 0;
  for (;;) {
    const items = await db.selectFrom('supervision_item').selectAll().where('id', '>', after).orderBy('id').limit(2000).execute();
    if (!items.length) return;
    const tasks = await db
      .selectFrom('supervision_task')
      .select(['item_id', 'unit_id'])
      .where('item_id', '>=', items[0]!.id)
      .where('item_id', '<=', items.at(-1)!.id)
      .execute();
    const units = new Map<number, number[]>();
    for (const t of tasks) units.set(t.item_id, [...(units.get(t.item_id) ?? []), t.unit_id]);
    yield items.map((i) => itemSearchDoc(i, units.get(i.id) ?? [], directors));
    after = items.at(-1)!.id;
  }
}

/**
 * The items of unit `u` as the ledger's unit filter means them (`lead_unit_id = u` or a task of the item with
 * `unit_id = u`): the rows of `supervision_item_unit` (kept by triggers), joined to their items, with the status and
 * time-limit filters on the copies there, so that the page is one range of `(unit_id, status, deadline, item_id)` in
 * the ledger's order and the capped count stops at its cap. The unit rows are `lu`, named in SQL only (`ledgerOrder`).
 */
function itemsOfUnit(db: H, u: number, f: LedgerFilter) {
  return unitRowsOf(db, u, f).innerJoin('supervision_item', 'supervision_item.id', 'lu.item_id') as unknown as SelectQueryBuilder<
    DB,
    'supervision_item',
    object
  >;
}

/** The rows `lu` of `supervision_item_unit` of unit `u` within `f`'s status and time-limit range. */
export function unitRowsOf(db: H, u: number, f: Pick<LedgerFilter, 'status' | 'deadlineFrom' | 'deadlineTo'>) {
  let q = db.selectFrom('supervision_item_unit as lu').where('lu.unit_id', '=', u);
  if (f.status) q = q.where('lu.status', '=', f.status);
  if (f.deadlineFrom) q = q.where('lu.deadline', '>=', f.deadlineFrom);
  if (f.deadlineTo) q = q.where('lu.deadline', '<=', f.deadlineTo);
  return q;
}

/** The ledger's order, time limit then id: the unit rows' copies when the filter has a unit (their index's order). */
export function ledgerOrder(f: LedgerFilter): { deadline: RawBuilder<string>; id: RawBuilder<number> } {
  return f.unitId !== undefined
    ? { deadline: sql.ref<string>('lu.deadline'), id: sql.ref<number>('lu.item_id') }
    : { deadline: sql.ref<string>('supervision_item.deadline'), id: sql.ref<number>('supervision_item.id') };
}

/** The visible items matching `f` (a query builder to page, count or stream; order it by `ledgerOrder(f)`). */
export function ledgerQuery(db: H, actor: Actor, f: LedgerFilter, th: { today: string; yellowUntil: string }, opts: { byRegistration?: boolean } = {}) {
  const byUnit = f.unitId !== undefined;
  // `byRegistration`: SQLite is to read the registration-date index, so the other columns are compared as `+column`
  // (SQLite's way to keep a term from choosing an index). Its bounded statistics (analysis_limit) take "status =
  // 'closed'" for ~1,000 rows where a million-row office has ~370,000, and the status index wins otherwise.
  const noIndex = opts.byRegistration && dialectOf(db) === 'sqlite';
  const col = (c: 'status' | 'deadline' | 'responsible_leader_id') =>
    noIndex ? sql<never>`+${sql.ref(`supervision_item.${c}`)}` : (`supervision_item.${c}` as const);
  let q = (byUnit ? itemsOfUnit(db, f.unitId!, f) : db.selectFrom('supervision_item')).where(itemsVisibleTo(actor));
  if (f.source) q = q.where('supervision_item.source', '=', f.source);
  if (f.status && !byUnit) q = q.where(col('status'), '=', f.status);
  if (f.leaderId !== undefined) q = q.where(col('responsible_leader_id'), '=', f.leaderId);
  if (f.mine === 'leader')
    q = q.where((eb) => eb.or([eb('supervision_item.responsible_leader_id', '=', actor.id), eb('supervision_item.instructed_by_id', '=', actor.id)]));
  if (f.deadlineFrom && !byUnit) q = q.where(col('deadline'), '>=', f.deadlineFrom);
  if (f.deadlineTo && !byUnit) q = q.where(col('deadline'), '<=', f.deadlineTo);
  if (f.createdFrom) q = q.where('supervision_item.created_at', '>=', `${f.createdFrom}T00:00:00.000Z`);
  if (f.createdTo) q = q.where('supervision_item.created_at', '<=', `${f.createdTo}T23:59:59.999Z`);
  if (f.q) {
    const term = f.q;
    const ids = f.matchedIds;
    q = q.where((eb) => {
      const text = eb.or([contains(db, 'supervision_item.title', term), contains(db, 'supervision_item.requirement', term)]);
      // with the index's candidates the substring test runs on a few rows only; without them
      // (a frequent term) the scan in the page's order stops as soon as the page is full
      const matched = ids ? eb.and([eb('supervision_item.id', 'in', ids.length ? ids : [0]), text]) : text;
      return eb.or([matched, eb('supervision_item.number', '=', term)]);
    });
  }
  if (f.light) {
    const open = ['registered', 'issued'];
    if (f.light === 'none') q = q.where(col('status'), 'not in', open);
    else {
      q = q.where(col('status'), 'in', open);
      if (f.light === 'red') q = q.where(col('deadline'), '<', th.today);
      if (f.light === 'yellow') q = q.where(col('deadline'), '>=', th.today).where(col('deadline'), '<=', th.yellowUntil);
      if (f.light === 'green') q = q.where(col('deadline'), '>', th.yellowUntil);
    }
  }
  return q;
}

/** Task list filters ("my unit's tasks"). */
export interface TaskFilter {
  unitId?: number;
  status?: string;
  open?: boolean;
  responsibleUserId?: number;
}

/** The visible tasks matching `f`, joined with their item's number and title. */
export function taskQuery(db: H, actor: Actor, f: TaskFilter) {
  let q = db.selectFrom('supervision_task').innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id').where(tasksVisibleTo(actor));
  if (f.unitId !== undefined) q = q.where('supervision_task.unit_id', '=', f.unitId);
  if (f.status) q = q.where('supervision_task.status', '=', f.status);
  else if (f.open) q = q.where('supervision_task.status', 'in', ['pending', 'in_progress', 'returned', 'submitted']);
  if (f.responsibleUserId !== undefined) q = q.where('supervision_task.responsible_user_id', '=', f.responsibleUserId);
  return q;
}
