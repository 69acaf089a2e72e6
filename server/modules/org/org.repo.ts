/** Every query of the org module (units, users, roles, 授权申请, the administrators' report); each takes the db or transaction handle explicitly. */
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Trx } from '../../db/client.js';
import type { AccessGrantTable, UnitTable, UserTable } from '../../db/schema.js';

type H = Db | Trx;

// ---- units ----

/** Every unit, in display order. */
export async function listUnitRows(db: H) {
  return db.selectFrom('unit').selectAll().orderBy('sort').orderBy('id').execute();
}

/** One unit, or undefined. */
export async function findUnit(db: H, id: number) {
  return db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether a unit exists. */
export async function unitExists(db: H, id: number): Promise<boolean> {
  return Boolean(await db.selectFrom('unit').select('id').where('id', '=', id).executeTakeFirst());
}

/** Whether a unit has this code. */
export async function unitCodeTaken(db: H, code: string): Promise<boolean> {
  return Boolean(await db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirst());
}

/** The parent of a unit (undefined when the unit does not exist). */
export async function unitParentOf(db: H, id: number): Promise<{ parent_id: number | null } | undefined> {
  return db.selectFrom('unit').select('parent_id').where('id', '=', id).executeTakeFirst();
}

/** Whether a unit has an active child unit or an enabled member. */
export async function unitInUse(db: H, id: number): Promise<boolean> {
  const child = await db.selectFrom('unit').select('id').where('parent_id', '=', id).where('active', '=', 1).executeTakeFirst();
  const member = await db.selectFrom('user').select('id').where('unit_id', '=', id).where('disabled', '=', 0).executeTakeFirst();
  return Boolean(child || member);
}

/** Inserts a unit; returns the row. */
export async function insertUnit(trx: Trx, values: Insertable<UnitTable>) {
  return trx.insertInto('unit').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Updates a unit where its version is still `version`; returns whether it did. */
export async function updateUnitRow(trx: Trx, id: number, version: number, patch: Updateable<UnitTable>): Promise<boolean> {
  const res = await trx.updateTable('unit').set(patch).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---- users ----

/** One user, or undefined. */
export async function findUser(db: H, id: number) {
  return db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The username of a user, or undefined. */
export async function usernameOf(db: H, id: number): Promise<string | undefined> {
  return (await db.selectFrom('user').select('username').where('id', '=', id).executeTakeFirst())?.username;
}

/** Whether a username is taken. */
export async function usernameTaken(db: H, username: string): Promise<boolean> {
  return Boolean(await db.selectFrom('user').select('id').where('username', '=', username).executeTakeFirst());
}

/** A page of users (search by username or name, filter by unit), with the total. */
export async function listUserRows(db: H, q: { q?: string; unitId?: number; page: number; pageSize: number }) {
  let base = db.selectFrom('user').innerJoin('unit', 'unit.id', 'user.unit_id');
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, '')}%`;
    base = base.where((eb) => eb.or([eb('user.username', 'like', like), eb('user.name', 'like', like)]));
  }
  if (q.unitId) base = base.where('user.unit_id', '=', q.unitId);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .select(['user.id', 'user.username', 'user.name', 'user.unit_id', 'unit.name as unit_name', 'user.clearance', 'user.disabled', 'user.version'])
    .orderBy('user.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total, rows };
}

/** The roles of these users. */
export async function rolesOfUsers(db: H, userIds: readonly number[]) {
  return userIds.length ? db.selectFrom('user_role').selectAll().where('user_id', 'in', userIds).execute() : [];
}

/** The login locks of these usernames. */
export async function locksOf(db: H, usernames: readonly string[]) {
  return usernames.length ? db.selectFrom('login_throttle').select(['username', 'locked_until']).where('username', 'in', usernames).execute() : [];
}

/** Inserts a user; returns its id. */
export async function insertUser(trx: Trx, values: Insertable<UserTable>): Promise<number> {
  return (await trx.insertInto('user').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Updates a user where its version is still `version`; returns whether it did. */
export async function updateUserRow(trx: Trx, id: number, version: number, patch: Updateable<UserTable>): Promise<boolean> {
  const res = await trx.updateTable('user').set(patch).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Sets a one-time password (to be changed at the next login) and 公开 clearance; bumps the version. */
export async function setOneTimePassword(trx: Trx, id: number, hashed: string, at: string): Promise<void> {
  await trx
    .updateTable('user')
    .set((eb) => ({
      password_hash: hashed,
      password_changed_at: at,
      must_change_password: 1,
      clearance: 0,
      version: eb('version', '+', 1),
      updated_at: at,
    }))
    .where('id', '=', id)
    .execute();
}

/** Sets a user's clearance; bumps the version. */
export async function setClearance(trx: Trx, id: number, clearance: number, at: string): Promise<void> {
  await trx
    .updateTable('user')
    .set((eb) => ({ clearance, version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute();
}

/** Removes every role of a user. */
export async function deleteRoles(trx: Trx, userId: number): Promise<void> {
  await trx.deleteFrom('user_role').where('user_id', '=', userId).execute();
}

/** Gives a user these roles (after `deleteRoles`). */
export async function insertRoles(trx: Trx, userId: number, roles: readonly string[]): Promise<void> {
  for (const role of roles) await trx.insertInto('user_role').values({ user_id: userId, role }).execute();
}

/** Ends every session of a user; returns how many ended. */
export async function endSessions(trx: Trx, userId: number): Promise<number> {
  return Number((await trx.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst()).numDeletedRows);
}

/** Revokes every unrevoked API token of a user; returns how many. */
export async function revokeTokens(trx: Trx, userId: number, at: string): Promise<number> {
  const res = await trx.updateTable('api_token').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Lifts the login lock of a username. */
export async function clearThrottle(trx: Trx, username: string): Promise<void> {
  await trx.deleteFrom('login_throttle').where('username', '=', username).execute();
}

/** The roles and clearance an account holds now. */
export async function accessOf(db: H, userId: number): Promise<{ roles: string[]; clearance: number } | undefined> {
  const u = await db.selectFrom('user').select('clearance').where('id', '=', userId).executeTakeFirst();
  if (!u) return undefined;
  const roles = (await db.selectFrom('user_role').select('role').where('user_id', '=', userId).execute()).map((r) => r.role).sort();
  return { roles, clearance: u.clearance };
}

/** The directory: active units, enabled users, every role. */
export async function directoryRows(db: H) {
  const units = await db
    .selectFrom('unit')
    .select(['id', 'parent_id', 'name', 'short_name', 'kind', 'code'])
    .where('active', '=', 1)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const users = await db.selectFrom('user').select(['id', 'name', 'unit_id']).where('disabled', '=', 0).orderBy('id').execute();
  const roles = await db.selectFrom('user_role').selectAll().execute();
  return { units, users, roles };
}

// ---- 授权申请 ----

/** The pending requests of one account. */
export async function pendingGrantsOfUser(db: H, userId: number) {
  return db.selectFrom('access_grant').select(['id', 'roles', 'clearance']).where('user_id', '=', userId).where('status', '=', 'pending').execute();
}

/** Marks every pending request of an account superseded; returns their ids. */
export async function supersedePending(trx: Trx, userId: number, at: string): Promise<number[]> {
  const rows = await trx
    .updateTable('access_grant')
    .set((eb) => ({ status: 'superseded', version: eb('version', '+', 1), updated_at: at }))
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Inserts a request; returns its id. */
export async function insertGrant(trx: Trx, values: Insertable<AccessGrantTable>): Promise<number> {
  return (await trx.insertInto('access_grant').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** One request's row, or undefined. */
export async function findGrant(db: H, id: number) {
  return db.selectFrom('access_grant').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks a pending request decided where its version is still `version`; returns whether it did. */
export async function closeGrant(
  trx: Trx,
  id: number,
  version: number,
  decision: { status: string; decided_by: number; decided_at: string; note: string | null },
): Promise<boolean> {
  const res = await trx
    .updateTable('access_grant')
    .set({ ...decision, version: version + 1, updated_at: decision.decided_at })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

function grantBase(db: H) {
  return db
    .selectFrom('access_grant as g')
    .innerJoin('user as u', 'u.id', 'g.user_id')
    .innerJoin('unit', 'unit.id', 'u.unit_id')
    .leftJoin('user as r', 'r.id', 'g.requested_by')
    .leftJoin('user as d', 'd.id', 'g.decided_by')
    .select([
      'g.id',
      'g.user_id',
      'u.username',
      'u.name as user_name',
      'unit.name as unit_name',
      'g.kind',
      'g.roles',
      'g.clearance',
      'g.prev_roles',
      'g.prev_clearance',
      'g.status',
      'g.requested_by',
      'r.name as requested_by_name',
      'g.created_at',
      'g.decided_by',
      'd.name as decided_by_name',
      'g.decided_at',
      'g.note',
      'g.version',
    ]);
}

/** A request with the names of its account, unit, requester and decider. */
export type GrantRow = Awaited<ReturnType<ReturnType<typeof grantBase>['executeTakeFirstOrThrow']>>;

/** One request with its names, or undefined. */
export async function grantRow(db: H, id: number): Promise<GrantRow | undefined> {
  return grantBase(db).where('g.id', '=', id).executeTakeFirst();
}

/** A page of requests, newest first, with the total. */
export async function grantPage(db: H, q: { status: string; userId?: number; page: number; pageSize: number }): Promise<{ total: number; rows: GrantRow[] }> {
  let base = grantBase(db);
  if (q.status !== 'all') base = base.where('g.status', '=', q.status);
  if (q.userId) base = base.where('g.user_id', '=', q.userId);
  const total = Number(
    (
      await base
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const rows = await base
    .orderBy('g.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total, rows };
}

/** The pending request of each of `userIds`, if any. */
export async function pendingGrantsOf(db: H, userIds: readonly number[]) {
  if (!userIds.length) return [];
  return db
    .selectFrom('access_grant')
    .select(['id', 'user_id', 'kind', 'roles', 'clearance', 'version'])
    .where('status', '=', 'pending')
    .where('user_id', 'in', userIds)
    .execute();
}

/**
 * A page of the audit entries of `actions`, and of refused requests to the account routes, newest
 * first, with the account each concerned (optionally only those of one account), and the total.
 */
export async function adminReportPage(db: H, actions: readonly string[], q: { userId?: number; page: number; pageSize: number }) {
  let base = db
    .selectFrom('audit_event as e')
    .leftJoin('user as u', (j) => j.on(sql<boolean>`e.target_type = 'user' AND e.target_id = CAST(u.id AS TEXT)`))
    .where((eb) =>
      eb.or([
        eb('e.action', 'in', actions),
        eb.and([eb('e.outcome', '=', 'denied'), eb.or([eb('e.action', 'like', '% /api/org/users%'), eb('e.action', 'like', '% /api/org/grants%')])]),
      ]),
    );
  if (q.userId) base = base.where('e.target_type', '=', 'user').where('e.target_id', '=', String(q.userId));
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .select(['e.seq', 'e.at', 'e.actor_id', 'e.actor_name', 'e.ip', 'e.action', 'e.outcome', 'e.target_id', 'e.changes', 'e.detail', 'u.username', 'u.name'])
    .orderBy('e.seq', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total, rows };
}
