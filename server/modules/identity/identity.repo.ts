/** Every query of the identity module (users' credentials, sessions, tokens, throttles); each takes the db or transaction handle explicitly. */
import { sql } from 'kysely';
import { dialectOf, type Db, type Trx } from '../../db/client.js';
import { SECURITY_SETTING_KEY } from '../../platform/settings.js';

type H = Db | Trx;

/** A user with its unit and roles (comma-separated), in one query: what an actor is built from. */
export async function loadActorRow(db: H, userId: number) {
  const roles =
    dialectOf(db) === 'postgres'
      ? sql<string | null>`(SELECT string_agg(role, ',') FROM user_role WHERE user_role.user_id = "user".id)`
      : sql<string | null>`(SELECT group_concat(role, ',') FROM user_role WHERE user_role.user_id = "user".id)`;
  return db
    .selectFrom('user')
    .innerJoin('unit', 'unit.id', 'user.unit_id')
    .select([
      'user.id',
      'user.username',
      'user.name',
      'user.unit_id',
      'user.clearance',
      'user.disabled',
      'user.must_change_password',
      'user.password_changed_at',
      'user.auth_version',
      'unit.name as unit_name',
      'unit.code as unit_code',
      roles.as('roles'),
    ])
    .where('user.id', '=', userId)
    .executeTakeFirst();
}

/** What decides a forced password change of a user. */
export async function passwordStateOf(db: H, userId: number) {
  return db.selectFrom('user').select(['must_change_password', 'password_changed_at']).where('id', '=', userId).executeTakeFirst();
}

/** Counts one attempt of `key` in the minute starting at `window`; returns the count so far. */
export async function countAttempt(db: H, key: string, window: string): Promise<number> {
  const res = await sql<{ count: number }>`
      INSERT INTO rate_limit (key, window_start, count) VALUES (${key}, ${window}, 1)
      ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit.count + 1 RETURNING count`.execute(db);
  return Number(res.rows[0]!.count);
}

/** Forgets the earlier minutes of `key`. */
export async function pruneAttempts(db: H, key: string, window: string): Promise<void> {
  await db.deleteFrom('rate_limit').where('key', '=', key).where('window_start', '<', window).execute();
}

/** The login throttle of a username, if any. */
export async function findThrottle(db: H, username: string) {
  return db.selectFrom('login_throttle').selectAll().where('username', '=', username).executeTakeFirst();
}

/** Writes the login throttle of a username. */
export async function saveThrottle(trx: Trx, username: string, values: { failures: number; locked_until: string | null; updated_at: string }): Promise<void> {
  await trx
    .insertInto('login_throttle')
    .values({ username, ...values })
    .onConflict((oc) => oc.column('username').doUpdateSet(values))
    .execute();
}

/** Clears the login throttle of a username. */
export async function clearThrottle(trx: Trx, username: string): Promise<void> {
  await trx.deleteFrom('login_throttle').where('username', '=', username).execute();
}

/** What login checks of a user. */
export async function findLoginUser(db: H, username: string) {
  return db.selectFrom('user').select(['id', 'password_hash', 'disabled']).where('username', '=', username).executeTakeFirst();
}

/** The stored password hash of a user. */
export async function passwordHashOf(db: H, userId: number): Promise<string> {
  return (await db.selectFrom('user').select(['password_hash']).where('id', '=', userId).executeTakeFirstOrThrow()).password_hash;
}

/** Sets a user's password (no longer to be changed) and bumps its version. */
export async function setPassword(trx: Trx, userId: number, hashed: string, at: string): Promise<void> {
  await trx
    .updateTable('user')
    .set((eb) => ({
      password_hash: hashed,
      password_changed_at: at,
      must_change_password: 0,
      version: eb('version', '+', 1),
      updated_at: at,
    }))
    .where('id', '=', userId)
    .execute();
}

/** Stores a new session. */
export async function insertSession(
  trx: Trx,
  row: { id: string; user_id: number; csrf_token: string; created_at: string; last_seen_at: string; ip: string | null; user_agent: string | null },
): Promise<void> {
  await trx.insertInto('session').values(row).execute();
}

/**
 * What every request with a session cookie needs, in one query: the session, the stamp of its user's actor
 * (`auth_version`, bumped by the database on any change an actor is built from, disabling included) and the
 * security settings' version (null when never written), and the stamps of the settings and names caches
 * (`platform/stamps.ts`). Scalar subqueries, not a join: SQLite then always
 * finds the session by its key (with statistics taken while the table was small it scanned it for a join).
 */
export async function findSessionStamp(db: H, id: string) {
  // hand-written: the query builder's cost (building the subqueries, compiling) was most of this query's time
  const res = await sql<{
    user_id: number;
    csrf_token: string;
    last_seen_at: string;
    auth_version: number | null;
    settings_version: number | null;
    settings_stamp: number | null;
    names_stamp: number | null;
  }>`
    SELECT s.user_id, s.csrf_token, s.last_seen_at,
      (SELECT u.auth_version FROM "user" u WHERE u.id = s.user_id) AS auth_version,
      (SELECT v.version FROM setting v WHERE v.key = ${SECURITY_SETTING_KEY}) AS settings_version,
      (SELECT c.version FROM cache_stamp c WHERE c.key = 'settings') AS settings_stamp,
      (SELECT c.version FROM cache_stamp c WHERE c.key = 'names') AS names_stamp
    FROM session s WHERE s.id = ${id}`.execute(db);
  return res.rows[0];
}

/** Ends one session. */
export async function deleteSession(trx: H, id: string): Promise<void> {
  await trx.deleteFrom('session').where('id', '=', id).execute();
}

/** Ends every session of a user. */
export async function deleteUserSessions(trx: Trx, userId: number): Promise<void> {
  await trx.deleteFrom('session').where('user_id', '=', userId).execute();
}

/** Records that a session was used. */
export async function touchSession(db: H, id: string, at: string): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

/** An unrevoked API token by its hash, with its user's actor stamp, the security settings' version and the cache stamps (as `findSessionStamp`). */
export async function findActiveTokenStamp(db: H, tokenHash: string) {
  const res = await sql<{
    id: number;
    user_id: number;
    last_used_at: string | null;
    auth_version: number | null;
    settings_version: number | null;
    settings_stamp: number | null;
    names_stamp: number | null;
  }>`
    SELECT t.id, t.user_id, t.last_used_at,
      (SELECT u.auth_version FROM "user" u WHERE u.id = t.user_id) AS auth_version,
      (SELECT v.version FROM setting v WHERE v.key = ${SECURITY_SETTING_KEY}) AS settings_version,
      (SELECT c.version FROM cache_stamp c WHERE c.key = 'settings') AS settings_stamp,
      (SELECT c.version FROM cache_stamp c WHERE c.key = 'names') AS names_stamp
    FROM api_token t WHERE t.token_hash = ${tokenHash} AND t.revoked_at IS NULL`.execute(db);
  return res.rows[0];
}

/** Records that a token was used. */
export async function touchToken(db: H, id: number, at: string): Promise<void> {
  await db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** A user's API tokens, newest first. */
export async function listTokenRows(db: H, userId: number) {
  return db
    .selectFrom('api_token')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
}

/** Stores a new API token (its hash); returns its id. */
export async function insertToken(trx: Trx, row: { user_id: number; name: string; token_hash: string; created_at: string }): Promise<number> {
  return (
    await trx
      .insertInto('api_token')
      .values({ ...row, last_used_at: null, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** Revokes one unrevoked token of a user; returns whether there was one. */
export async function revokeTokenRow(trx: Trx, userId: number, id: number, at: string): Promise<boolean> {
  const res = await trx
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
