/** Every query of the library module; each takes the db or transaction handle explicitly. */
import type { RawBuilder, SqlBool } from 'kysely';
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { isSharedWith } from '../../platform/authz.js';
import type { SearchDocInput } from '../../platform/search-index.js';
import { LIBRARY_KINDS, type LibraryKind } from './library.constants.js';
import type { ItemFacts } from './library.policy.js';
import type { LibraryDistributionTable, LibraryItemTable } from './repo/library.tables.js';

type H = Db | Trx;
/** A loaded item row. */
export type ItemRow = Omit<LibraryItemTable, 'id' | 'version'> & { id: number; version: number };

/** Loads an item, or undefined. */
export async function findItem(db: H, id: number): Promise<ItemRow | undefined> {
  return db.selectFrom('library_item').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The scope rows (units and users) of an item. */
export async function scopeOf(db: H, itemId: number): Promise<{ units: number[]; users: number[] }> {
  const rows = await db.selectFrom('library_scope').select(['grantee_type', 'grantee_id']).where('item_id', '=', itemId).execute();
  return {
    units: rows.filter((r) => r.grantee_type === 'unit').map((r) => r.grantee_id),
    users: rows.filter((r) => r.grantee_type === 'user').map((r) => r.grantee_id),
  };
}

/** Replaces an item's scope rows. */
export async function setScope(trx: Trx, itemId: number, units: readonly number[], users: readonly number[]): Promise<void> {
  await trx.deleteFrom('library_scope').where('item_id', '=', itemId).execute();
  const rows = [...new Set(units)]
    .map((u) => ({ item_id: itemId, grantee_type: 'unit', grantee_id: u }))
    .concat([...new Set(users)].map((u) => ({ item_id: itemId, grantee_type: 'user', grantee_id: u })));
  if (rows.length) await trx.insertInto('library_scope').values(rows).execute();
}

/** The policy facts of a loaded item for an actor. */
export async function factsOf(db: H, actor: Actor, item: ItemRow): Promise<ItemFacts> {
  const scope = await scopeOf(db, item.id);
  return {
    level: item.level,
    ownerUnitId: item.owner_unit_id,
    createdBy: item.created_by,
    scope: item.scope,
    catalog: item.catalog === 1,
    scopeUnits: scope.units,
    scopeUsers: scope.users,
    shared: await isSharedWith(db, actor, 'library_item', item.id),
  };
}

/** The search document of an item: the entry is findable by everyone cleared when catalogued or open; restricted content is indexed only for its scope. */
export function itemSearchDoc(item: ItemRow, scope: { units: number[]; users: number[] }): SearchDocInput {
  const open = item.scope === 'everyone';
  const findable = open || item.catalog === 1;
  const parts = [item.summary, item.keywords, item.source];
  if (open || !findable) parts.push(item.content);
  return {
    module: 'library',
    itemType: 'library_item',
    itemId: item.id,
    title: item.title,
    body: parts.filter(Boolean).join('\n'),
    unitIds: [item.owner_unit_id, ...scope.units],
    userIds: [item.created_by, ...scope.users],
    level: item.level,
    everyone: findable,
    kind: LIBRARY_KINDS[item.kind as LibraryKind]?.zh ?? item.kind,
    date: item.date,
    link: `/library/items/${item.id}`,
  };
}

/** The search document of a forum topic (title, body and visible replies). */
export async function topicSearchDoc(db: H, topicId: number): Promise<SearchDocInput | null> {
  const t = await db.selectFrom('library_topic').selectAll().where('id', '=', topicId).executeTakeFirst();
  if (!t) return null;
  const replies = await db.selectFrom('library_reply').select('body').where('topic_id', '=', topicId).where('hidden', '=', 0).orderBy('id').execute();
  return {
    module: 'forum',
    itemType: 'library_topic',
    itemId: t.id,
    title: t.title,
    body: [t.body, ...replies.map((r) => r.body)].join('\n'),
    unitIds: [t.unit_id],
    userIds: [t.author_id],
    level: t.level,
    everyone: true,
    kind: '论坛话题',
    date: t.created_at.slice(0, 10),
    link: `/library/forum/${t.id}`,
  };
}

/** Names of units and users by id (for presenting rows). */
export async function namesOf(
  db: H,
  unitIds: readonly number[],
  userIds: readonly number[],
): Promise<{ units: Map<number, string>; users: Map<number, string> }> {
  const u = unitIds.length
    ? await db
        .selectFrom('unit')
        .select(['id', 'short_name'])
        .where('id', 'in', [...new Set(unitIds)])
        .execute()
    : [];
  const p = userIds.length
    ? await db
        .selectFrom('user')
        .select(['id', 'name'])
        .where('id', 'in', [...new Set(userIds)])
        .execute()
    : [];
  return { units: new Map(u.map((r) => [r.id, r.short_name])), users: new Map(p.map((r) => [r.id, r.name])) };
}

/** Active business users of units (for circulation to units and notices). */
export async function businessUsersOf(db: H, unitIds: readonly number[]): Promise<{ id: number; name: string; clearance: number }[]> {
  if (!unitIds.length) return [];
  return db
    .selectFrom('user')
    .select(['user.id', 'user.name', 'user.clearance'])
    .where('user.unit_id', 'in', [...unitIds])
    .where('user.disabled', '=', 0)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_role')
          .select('user_role.user_id')
          .whereRef('user_role.user_id', '=', 'user.id')
          .where('user_role.role', 'in', ['leader', 'director', 'division_head', 'staff', 'liaison']),
      ),
    )
    .orderBy('user.id')
    .execute();
}

/** Records one use of an item. */
export async function recordUse(
  trx: Trx,
  use: { itemId: number; unitId: number; actorId: number; actorUnitId: number; kind: string; note?: string | null; at: string },
): Promise<void> {
  await trx
    .insertInto('library_use')
    .values({
      item_id: use.itemId,
      unit_id: use.unitId,
      actor_id: use.actorId,
      actor_unit_id: use.actorUnitId,
      kind: use.kind,
      note: use.note ?? null,
      created_at: use.at,
    })
    .execute();
}

/** Counts of uses of one item by kind. */
export async function useCountsOf(db: H, itemId: number): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('library_use')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('item_id', '=', itemId)
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** Whether the actor viewed the item already today (views count once per person and day). */
export async function viewedSince(db: H, itemId: number, actorId: number, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('library_use')
    .select('id')
    .where('item_id', '=', itemId)
    .where('actor_id', '=', actorId)
    .where('kind', '=', 'viewed')
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return row !== undefined;
}

/** Circulations of an item with their recipients. */
export async function circulationsOf(db: H, itemId: number) {
  const circs = await db.selectFrom('library_circulation').selectAll().where('item_id', '=', itemId).orderBy('id', 'desc').execute();
  const recips = circs.length
    ? await db
        .selectFrom('library_circulation_recipient')
        .selectAll()
        .where(
          'circulation_id',
          'in',
          circs.map((c) => c.id),
        )
        .execute()
    : [];
  return circs.map((c) => ({ ...c, recipients: recips.filter((r) => r.circulation_id === c.id) }));
}

/** Marks the actor's unread receipts of an item's circulations as read; closes circulations everyone has read. Returns how many were marked. */
export async function markItemRead(trx: Trx, itemId: number, userId: number, at: string): Promise<number[]> {
  const open = await trx
    .selectFrom('library_circulation_recipient as r')
    .innerJoin('library_circulation as c', 'c.id', 'r.circulation_id')
    .select('c.id')
    .where('c.item_id', '=', itemId)
    .where('r.user_id', '=', userId)
    .where('r.read_at', 'is', null)
    .execute();
  const ids = open.map((o) => o.id);
  if (!ids.length) return [];
  await trx
    .updateTable('library_circulation_recipient')
    .set({ read_at: at })
    .where('circulation_id', 'in', ids)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
  await closeFinished(trx, ids, at);
  return ids;
}

/** Sets 已阅 on circulations whose recipients have all read. */
export async function closeFinished(trx: Trx, circulationIds: readonly number[], at: string): Promise<void> {
  for (const id of circulationIds) {
    const unread = await trx
      .selectFrom('library_circulation_recipient')
      .select('user_id')
      .where('circulation_id', '=', id)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    if (!unread)
      await trx
        .updateTable('library_circulation')
        .set((eb) => ({ status: 'done', version: eb('version', '+', 1), updated_at: at }))
        .where('id', '=', id)
        .where('status', '=', 'circulating')
        .execute();
  }
}

/** Per-unit counts of uses of items the actor may see, between two instants. */
export async function useTable(db: H, visible: RawBuilder<SqlBool>, from: string, to: string) {
  return db
    .selectFrom('library_use')
    .innerJoin('library_item', 'library_item.id', 'library_use.item_id')
    .innerJoin('unit', 'unit.id', 'library_use.unit_id')
    .select(['library_use.unit_id', 'unit.short_name', 'library_use.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where(visible)
    .where('library_use.created_at', '>=', from)
    .where('library_use.created_at', '<', to)
    .groupBy(['library_use.unit_id', 'unit.short_name', 'library_use.kind'])
    .execute();
}

/** A loaded 定期分送 list row. */
export type DistributionRow = Omit<LibraryDistributionTable, 'id' | 'version'> & { id: number; version: number };

/** Loads a distribution list, or undefined. */
export async function findList(db: H, id: number): Promise<DistributionRow | undefined> {
  return db.selectFrom('library_distribution').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The subscriber ids of a distribution list, ascending. */
export async function subscriberIdsOf(db: H, listId: number): Promise<number[]> {
  const rows = await db.selectFrom('library_distribution_subscriber').select('user_id').where('list_id', '=', listId).orderBy('user_id').execute();
  return rows.map((r) => r.user_id);
}

/** Replaces the subscribers of a distribution list. */
export async function setSubscribers(trx: Trx, listId: number, userIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('library_distribution_subscriber').where('list_id', '=', listId).execute();
  const unique = [...new Set(userIds)];
  if (unique.length)
    await trx
      .insertInto('library_distribution_subscriber')
      .values(unique.map((u) => ({ list_id: listId, user_id: u })))
      .execute();
}
