/**
 * `user.auth_version`: a stamp of everything an actor is built from (the account's name, unit, clearance,
 * roles, disabled flag, password state, and its unit's name and code). The database bumps it itself, in the
 * same transaction as the change, so every writer (the services, the CLI, a seed, a future module) keeps it
 * true; each process caches actors and reuses one only while the stamp it was built at is current.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../db/migration-kit.js';

/** The user columns an actor is built from. */
const ACTOR_COLUMNS = 'username, name, unit_id, clearance, disabled, must_change_password, password_changed_at';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('user')
    .addColumn('auth_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  if (dialectOf(db) === 'postgres') {
    await sql
      .raw(
        `CREATE FUNCTION zs_user_auth_bump() RETURNS trigger AS $$
         BEGIN NEW.auth_version := OLD.auth_version + 1; RETURN NEW; END; $$ LANGUAGE plpgsql`,
      )
      .execute(db);
    await sql.raw(`CREATE TRIGGER user_auth_version BEFORE UPDATE OF ${ACTOR_COLUMNS} ON "user" FOR EACH ROW EXECUTE FUNCTION zs_user_auth_bump()`).execute(db);
    await sql
      .raw(
        `CREATE FUNCTION zs_user_role_auth_bump() RETURNS trigger AS $$
         BEGIN
           IF TG_OP <> 'DELETE' THEN UPDATE "user" SET auth_version = auth_version + 1 WHERE id = NEW.user_id; END IF;
           IF TG_OP <> 'INSERT' THEN UPDATE "user" SET auth_version = auth_version + 1 WHERE id = OLD.user_id; END IF;
           RETURN NULL;
         END; $$ LANGUAGE plpgsql`,
      )
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER user_role_auth_version AFTER INSERT OR UPDATE OR DELETE ON user_role FOR EACH ROW EXECUTE FUNCTION zs_user_role_auth_bump()`)
      .execute(db);
    await sql
      .raw(
        `CREATE FUNCTION zs_unit_auth_bump() RETURNS trigger AS $$
         BEGIN UPDATE "user" SET auth_version = auth_version + 1 WHERE unit_id = NEW.id; RETURN NULL; END; $$ LANGUAGE plpgsql`,
      )
      .execute(db);
    await sql.raw(`CREATE TRIGGER unit_auth_version AFTER UPDATE OF name, code ON unit FOR EACH ROW EXECUTE FUNCTION zs_unit_auth_bump()`).execute(db);
    return;
  }
  // SQLite cannot assign NEW: an AFTER trigger updates the row (auth_version is not among the columns it
  // watches, so it does not fire itself)
  await sql
    .raw(
      `CREATE TRIGGER user_auth_version AFTER UPDATE OF ${ACTOR_COLUMNS} ON "user" FOR EACH ROW
       BEGIN UPDATE "user" SET auth_version = auth_version + 1 WHERE id = NEW.id; END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER user_role_auth_version_ins AFTER INSERT ON user_role BEGIN UPDATE "user" SET auth_version = auth_version + 1 WHERE id = NEW.user_id; END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER user_role_auth_version_del AFTER DELETE ON user_role BEGIN UPDATE "user" SET auth_version = auth_version + 1 WHERE id = OLD.user_id; END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER user_role_auth_version_upd AFTER UPDATE ON user_role
       BEGIN UPDATE "user" SET auth_version = auth_version + 1 WHERE id IN (OLD.user_id, NEW.user_id); END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER unit_auth_version AFTER UPDATE OF name, code ON unit BEGIN UPDATE "user" SET auth_version = auth_version + 1 WHERE unit_id = NEW.id; END`,
    )
    .execute(db);
}
