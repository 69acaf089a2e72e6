/** Queries of 定期分送 (distribution lists), their subscribers and their scheduled runs. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { updateVersioned } from '../../../platform/versioned.js';
import { StaleVersionError } from '../../../platform/errors.js';
import type { DistributionRow } from '../library.repo.js';
import { entryVisibleTo } from './library.visibility.js';

type H = Db | Trx;

/** The lists the actor's unit owns, the actor created or subscribes to, by id. */
export async function listsFor(db: Db, actor: Actor): Promise<DistributionRow[]> {
  return db
    .selectFrom('library_distribution as d')
    .selectAll('d')
    .where((eb) =>
      eb.or([
        eb('d.owner_unit_id', '=', actor.unitId),
        eb('d.created_by', '=', actor.id),
        eb.exists(
          eb.selectFrom('library_distribution_subscriber as s').select('s.user_id').whereRef('s.list_id', '=', 'd.id').where('s.user_id', '=', actor.id),
        ),
        eb.exists(eb.selectFrom('library_distribution_unit as u').select('u.unit_id').whereRef('u.list_id', '=', 'd.id').where('u.unit_id', '=', actor.unitId)),
      ]),
    )
    .orderBy('d.id')
    .execute();
}

/** The subscriber rows of lists. */
export async function subscriptionsOf(db: H, listIds: readonly number[]) {
  if (!listIds.length) return [];
  return db
    .selectFrom('library_distribution_subscriber')
    .selectAll()
    .where('list_id', 'in', [...listIds])
    .execute();
}

/** The subscriber units of lists. */
export async function listUnitsOf(db: H, listIds: readonly number[]) {
  if (!listIds.length) return [];
  return db
    .selectFrom('library_distribution_unit')
    .selectAll()
    .where('list_id', 'in', [...listIds])
    .orderBy('list_id')
    .orderBy('unit_id')
    .execute();
}

/** Replaces the subscriber units of a list. */
export async function setListUnits(trx: Trx, listId: number, unitIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('library_distribution_unit').where('list_id', '=', listId).execute();
  if (unitIds.length)
    await trx
      .insertInto('library_distribution_unit')
      .values([...new Set(unitIds)].map((u) => ({ list_id: listId, unit_id: u })))
      .execute();
}

/** Inserts a list (active, last sent now) with its subscribers; returns its id. */
export async function insertList(
  trx: Trx,
  l: { name: string; kinds: string; periodDays: number; ownerUnitId: number; createdBy: number; at: string },
  subscriberIds: readonly number[],
): Promise<number> {
  const row = await trx
    .insertInto('library_distribution')
    .values({
      name: l.name,
      kinds: l.kinds,
      period_days: l.periodDays,
      owner_unit_id: l.ownerUnitId,
      created_by: l.createdBy,
      last_sent_at: l.at,
      active: 1,
      created_at: l.at,
      updated_at: l.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (subscriberIds.length)
    await trx
      .insertInto('library_distribution_subscriber')
      .values([...new Set(subscriberIds)].map((u) => ({ list_id: row.id, user_id: u })))
      .execute();
  return row.id;
}

/** Writes `patch` to a list still at its version (409 otherwise); returns the new version. */
export async function updateList(trx: Trx, list: { id: number; version: number }, patch: Record<string, unknown>, at: string): Promise<number> {
  return updateVersioned(trx, 'library_distribution', list, { ...patch, updated_at: at });
}

/** Deletes a list still at `version` (409 otherwise). */
export async function deleteList(trx: Trx, id: number, version: number): Promise<void> {
  const res = await trx.deleteFrom('library_distribution').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(res.numDeletedRows) !== 1) throw new StaleVersionError();
}

/** Revives the cancelled run of a list at `dueAt` (the job queue keeps one row per kind, target and due time). */
export async function reviveCancelledRun(trx: Trx, listId: number, dueAt: string): Promise<void> {
  await trx
    .updateTable('job')
    .set({ status: 'pending', done_at: null, done_by: null })
    .where('kind', '=', 'library.distribute')
    .where('target_type', '=', 'library_distribution')
    .where('target_id', '=', listId)
    .where('due_at', '=', dueAt)
    .where('status', '=', 'cancelled')
    .execute();
}

/** The active subscribers of a list — named persons and the members of its subscriber units — with their unit, clearance and roles. */
export async function activeSubscribersOf(trx: Trx, listId: number) {
  const subs = await trx
    .selectFrom('user')
    .select(['user.id', 'user.unit_id', 'user.clearance'])
    .where('user.disabled', '=', 0)
    .where((eb) =>
      eb.or([
        eb('user.id', 'in', eb.selectFrom('library_distribution_subscriber as s').select('s.user_id').where('s.list_id', '=', listId)),
        eb('user.unit_id', 'in', eb.selectFrom('library_distribution_unit as u').select('u.unit_id').where('u.list_id', '=', listId)),
      ]),
    )
    .orderBy('user.id')
    .execute();
  const roles = subs.length
    ? await trx
        .selectFrom('user_role')
        .selectAll()
        .where(
          'user_id',
          'in',
          subs.map((s) => s.id),
        )
        .execute()
    : [];
  return subs.map((s) => ({ ...s, roles: roles.filter((r) => r.user_id === s.id).map((r) => r.role) }));
}

/** Items of `kinds` filed in (after, until] whose entry the actor sees, at most 50, by id. */
export async function newItemsFor(trx: Trx, actor: Actor, kinds: readonly string[], after: string, until: string) {
  if (!kinds.length) return [];
  return trx
    .selectFrom('library_item')
    .select(['id', 'title'])
    .where('kind', 'in', [...kinds])
    .where('created_at', '>', after)
    .where('created_at', '<=', until)
    .where(entryVisibleTo(actor))
    .orderBy('id')
    .limit(50)
    .execute();
}

/** Records a run of a list (last sent now; the version moves). */
export async function markListSent(trx: Trx, listId: number, at: string): Promise<void> {
  await trx
    .updateTable('library_distribution')
    .set((eb) => ({ last_sent_at: at, version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', listId)
    .execute();
}
