/** Queries of the 公文 module over units and users (who exists, who is cleared, who gets notified). */
import type { Db, Trx } from '../../../db/client.js';

type H = Db | Trx;

/** How many of `ids` are active units. */
export async function countActiveUnits(db: H, ids: readonly number[]): Promise<number> {
  const rows = await db
    .selectFrom('unit')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .where('active', '=', 1)
    .execute();
  return rows.length;
}

/** Enabled users among `ids`, optionally only those holding one of `roles`. */
export async function enabledUsers(db: H, ids: readonly number[], roles?: readonly string[]) {
  let q = db
    .selectFrom('user')
    .select(['user.id', 'user.name', 'user.clearance', 'user.unit_id'])
    .where('user.id', 'in', [...ids])
    .where('user.disabled', '=', 0);
  if (roles)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_role')
          .select('user_role.user_id')
          .whereRef('user_role.user_id', '=', 'user.id')
          .where('user_role.role', 'in', [...roles]),
      ),
    );
  return q.execute();
}

/** The roles of one user. */
export async function rolesOf(db: H, userId: number): Promise<string[]> {
  return (await db.selectFrom('user_role').select('role').where('user_id', '=', userId).execute()).map((r) => r.role);
}

/** Enabled users of `unitIds` cleared for `level` and holding one of `roles`: who gets a unit's notifications. */
export async function unitClerks(
  db: H,
  unitIds: readonly number[],
  level: number,
  roles: readonly string[] = ['staff', 'division_head', 'director', 'liaison'],
): Promise<number[]> {
  if (!unitIds.length) return [];
  const rows = await db
    .selectFrom('user')
    .innerJoin('user_role', 'user_role.user_id', 'user.id')
    .select('user.id')
    .distinct()
    .where('user.unit_id', 'in', [...unitIds])
    .where('user.disabled', '=', 0)
    .where('user.clearance', '>=', level)
    .where('user_role.role', 'in', [...roles])
    .execute();
  return rows.map((r) => r.id);
}

/** Every holder of the director role (over-quota requests go to them). */
export async function directorIds(db: H): Promise<number[]> {
  return (await db.selectFrom('user_role').select('user_id').where('role', '=', 'director').execute()).map((x) => x.user_id);
}

/** The short name of a unit. */
export async function unitShortName(db: H, unitId: number): Promise<string> {
  return (await db.selectFrom('unit').select(['short_name']).where('id', '=', unitId).executeTakeFirstOrThrow()).short_name;
}

/** The id of the unit with `code` (e.g. 'supervision', 'archives'), if any. */
export async function unitIdByCode(db: H, code: string): Promise<number | undefined> {
  return (await db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

/** The name of a user, if any. */
export async function userName(db: H, id: number): Promise<string | undefined> {
  return (await db.selectFrom('user').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

/** Names of units (short) and users by id, for presenting a document. */
export async function namesOf(db: H, unitIds: readonly (number | null)[], userIds: readonly (number | null)[]) {
  const u = [...new Set(unitIds.filter((x): x is number => x !== null))];
  const p = [...new Set(userIds.filter((x): x is number => x !== null))];
  const units = u.length ? await db.selectFrom('unit').select(['id', 'short_name']).where('id', 'in', u).execute() : [];
  const users = p.length ? await db.selectFrom('user').select(['id', 'name']).where('id', 'in', p).execute() : [];
  return { units: new Map(units.map((x) => [x.id, x.short_name])), users: new Map(users.map((x) => [x.id, x.name])) };
}
