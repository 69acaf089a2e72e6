/** Queries of library items (资源库条目), 查阅申请 and the people they name. */
import { sql, type Selectable } from 'kysely';
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { updateVersioned } from '../../../platform/versioned.js';
import type { ItemRow } from '../library.repo.js';
import { contentVisibleTo, decidedBy, entryVisibleTo } from './library.visibility.js';
import type { LibraryItemTable } from './library.tables.js';

type H = Db | Trx;

/** `%q%` for LIKE, with the wildcard characters of the query removed. */
export function like(q: string): string {
  return `%${q.replace(/[%_\\]/g, '')}%`;
}

/** How many of the (distinct) unit ids and user ids exist. */
export async function countExisting(db: H, unitIds: readonly number[], userIds: readonly number[]): Promise<{ units: number; users: number }> {
  const u = unitIds.length
    ? await db
        .selectFrom('unit')
        .select('id')
        .where('id', 'in', [...new Set(unitIds)])
        .execute()
    : [];
  const p = userIds.length
    ? await db
        .selectFrom('user')
        .select('id')
        .where('id', 'in', [...new Set(userIds)])
        .execute()
    : [];
  return { units: u.length, users: p.length };
}

/** Active users among `ids`, with their clearance. */
export async function activeUsers(db: H, ids: readonly number[]): Promise<{ id: number; name: string; clearance: number }[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('user')
    .select(['id', 'name', 'clearance'])
    .where('id', 'in', [...ids])
    .where('disabled', '=', 0)
    .execute();
}

/** The active office and division units (议政会 notices go to all of them). */
export async function officeDivisionIds(db: H): Promise<number[]> {
  const rows = await db.selectFrom('unit').select('id').where('kind', 'in', ['office', 'division']).where('active', '=', 1).execute();
  return rows.map((u) => u.id);
}

/** The columns of a new item: the table's, less what the database and the workflow fill in. */
export type NewItem = Omit<Selectable<LibraryItemTable>, 'id' | 'status' | 'version' | 'created_at' | 'updated_at'>;

/** Inserts an item (status active) and returns its row. */
export async function insertItem(trx: Trx, values: NewItem, at: string): Promise<ItemRow> {
  return trx
    .insertInto('library_item')
    .values({ ...values, status: 'active', created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Writes `patch` to an item still at its version (409 otherwise); returns the new version. */
export async function updateItem(trx: Trx, item: { id: number; version: number }, patch: Record<string, unknown>, at: string): Promise<number> {
  return updateVersioned(trx, 'library_item', item, { ...patch, updated_at: at });
}

/** Filters of the item list. */
export interface ItemFilter {
  q?: string;
  kind?: string;
  unitId?: number;
  tab?: 'all' | 'mine' | 'catalog' | 'notices';
  page: number;
  pageSize: number;
}

/** A page of the items whose entry the actor sees, newest first; `can_open` says whether the content opens. */
export async function listItems(db: Db, actor: Actor, q: ItemFilter) {
  let base = db.selectFrom('library_item').innerJoin('unit', 'unit.id', 'library_item.owner_unit_id').where(entryVisibleTo(actor));
  if (q.q) base = base.where((eb) => eb.or([eb('library_item.title', 'like', like(q.q!)), eb('library_item.keywords', 'like', like(q.q!))]));
  if (q.kind) base = base.where('library_item.kind', '=', q.kind);
  else if (q.tab !== 'notices') base = base.where('library_item.kind', '<>', 'notice');
  if (q.tab === 'notices') base = base.where('library_item.kind', '=', 'notice');
  if (q.unitId) base = base.where('library_item.owner_unit_id', '=', q.unitId);
  if (q.tab === 'mine') base = base.where('library_item.owner_unit_id', '=', actor.unitId);
  if (q.tab === 'catalog') base = base.where('library_item.catalog', '=', 1);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .select([
      'library_item.id',
      'library_item.kind',
      'library_item.title',
      'library_item.source',
      'library_item.owner_unit_id',
      'unit.short_name as unit_name',
      'library_item.level',
      'library_item.catalog',
      'library_item.scope',
      'library_item.keywords',
      'library_item.summary',
      'library_item.date',
      'library_item.version',
      sql<number>`CASE WHEN ${contentVisibleTo(actor)} THEN 1 ELSE 0 END`.as('can_open'),
    ])
    .orderBy('library_item.date', 'desc')
    .orderBy('library_item.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total, rows };
}

/** An attachment of an item, or undefined. */
export async function findItemAttachment(db: H, itemId: number, fileId: number) {
  return db
    .selectFrom('attachment')
    .selectAll()
    .where('id', '=', fileId)
    .where('owner_type', '=', 'library_item')
    .where('owner_id', '=', itemId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------- access requests

/** The actor's latest access request of an item, or undefined. */
export async function latestRequestOf(db: H, itemId: number, requesterId: number) {
  return db
    .selectFrom('library_access_request')
    .select(['id', 'status', 'created_at', 'decision_note'])
    .where('item_id', '=', itemId)
    .where('requester_id', '=', requesterId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Whether the actor has a pending access request of the item. */
export async function hasPendingRequest(db: H, itemId: number, requesterId: number): Promise<boolean> {
  const row = await db
    .selectFrom('library_access_request')
    .select('id')
    .where('item_id', '=', itemId)
    .where('requester_id', '=', requesterId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts a pending access request; returns its id. */
export async function insertRequest(
  trx: Trx,
  r: { itemId: number; requesterId: number; requesterUnitId: number; reason: string; at: string },
): Promise<number> {
  const row = await trx
    .insertInto('library_access_request')
    .values({
      item_id: r.itemId,
      requester_id: r.requesterId,
      requester_unit_id: r.requesterUnitId,
      reason: r.reason,
      status: 'pending',
      decided_by: null,
      decided_at: null,
      decision_note: null,
      created_at: r.at,
      updated_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Loads an access request, or undefined. */
export async function findRequest(db: H, id: number) {
  return db.selectFrom('library_access_request').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Who decides an item's access requests: its filer and the cleared, active heads of its owner unit. */
export async function decidersOf(db: H, item: ItemRow): Promise<number[]> {
  const heads = await db
    .selectFrom('user')
    .innerJoin('user_role', 'user_role.user_id', 'user.id')
    .select('user.id')
    .where('user.unit_id', '=', item.owner_unit_id)
    .where('user.disabled', '=', 0)
    .where('user.clearance', '>=', item.level)
    .where('user_role.role', 'in', ['division_head', 'director'])
    .execute();
  return [item.created_by, ...heads.map((h) => h.id)];
}

/** A page of access requests: those the actor decides (`incoming`, the SQL of `libraryPolicy.decide`) or made (`mine`). */
export async function listRequests(db: Db, actor: Actor, q: { box: 'incoming' | 'mine'; status?: string; page: number; pageSize: number }) {
  let base = db
    .selectFrom('library_access_request as r')
    .innerJoin('library_item', 'library_item.id', 'r.item_id')
    .innerJoin('user as requester', 'requester.id', 'r.requester_id')
    .innerJoin('unit as ru', 'ru.id', 'r.requester_unit_id')
    .where(entryVisibleTo(actor));
  if (q.box === 'mine') base = base.where('r.requester_id', '=', actor.id);
  else base = base.where(decidedBy(actor));
  if (q.status) base = base.where('r.status', '=', q.status);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .select([
      'r.id',
      'r.item_id',
      'library_item.title',
      'library_item.level',
      'r.requester_id',
      'requester.name as requester_name',
      'ru.short_name as requester_unit',
      'r.reason',
      'r.status',
      'r.decision_note',
      'r.created_at',
      'r.decided_at',
      'r.version',
    ])
    .orderBy('r.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total, rows };
}

/** Pending access requests the actor decides, for the 工作台. */
export async function pendingRequestsToDecide(db: Db, actor: Actor) {
  return db
    .selectFrom('library_access_request as r')
    .innerJoin('library_item', 'library_item.id', 'r.item_id')
    .innerJoin('unit', 'unit.id', 'library_item.owner_unit_id')
    .select(['r.id', 'r.item_id', 'library_item.title', 'r.created_at', 'unit.short_name'])
    .where('r.status', '=', 'pending')
    .where(decidedBy(actor))
    .orderBy('r.id', 'desc')
    .limit(100)
    .execute();
}
