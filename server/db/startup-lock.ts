/**
 * The start-up lock: several app servers (or a CLI) started at the same moment on one database must
 * not migrate or seed side by side (Kysely's migrator does not lock on SQLite; the demo seed checks,
 * then inserts). PostgreSQL: a session advisory lock, held on one connection of the pool while `fn`
 * runs on the others. SQLite: an exclusive transaction on a small lock database beside the data file
 * (`zhongshu.db.startup-lock`), so the file lock serializes processes of one host. Either way a
 * process that dies releases the lock with its connection or file handle.
 */
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Database } from './client.js';

/** The advisory lock key of start-up (a constant no other code uses). */
export const STARTUP_LOCK_KEY = 7_023_112_201;

/** How long a process waits for another's migration and seed. */
const WAIT_MS = 30 * 60_000;

/** Runs `fn` (migrate, seed) while holding the database's start-up lock. */
export async function withStartupLock<T>(database: Database, fn: () => Promise<T>): Promise<T> {
  if (database.dialect === 'sqlite') {
    const lock = new SQLite(`${database.sqlite!.name}.startup-lock`, { timeout: WAIT_MS });
    try {
      lock.exec('BEGIN EXCLUSIVE');
      return await fn();
    } finally {
      if (lock.inTransaction) lock.exec('ROLLBACK');
      lock.close();
    }
  }
  return database.db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${STARTUP_LOCK_KEY}::bigint)`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`SELECT pg_advisory_unlock(${STARTUP_LOCK_KEY}::bigint)`.execute(conn);
    }
  });
}
