/**
 * PostgreSQL: `zs_audit_head()` takes the audit chain's lock (the transaction-scoped advisory lock 727001) and
 * answers the chain's head, read after the lock was granted: a statement inside a VOLATILE function takes its own
 * snapshot, so it sees the entry the lock's last holder committed. The chain step at the commit (`audit.ts`) is
 * then one round trip for the lock and the head, and one for the entries and the COMMIT (issue #17, W5).
 * SQLite needs nothing: one writer at a time, and it reads the head in its own transaction.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../migration-kit.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql
    .raw(
      `CREATE FUNCTION zs_audit_head() RETURNS TABLE (seq integer, hash text) LANGUAGE plpgsql VOLATILE AS $$
       BEGIN
         PERFORM pg_advisory_xact_lock(727001);
         RETURN QUERY SELECT e.seq, e.hash FROM audit_event e ORDER BY e.seq DESC LIMIT 1;
       END $$`,
    )
    .execute(db);
}
