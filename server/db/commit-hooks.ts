/**
 * Work a PostgreSQL transaction does last, just before its COMMIT, on its own connection.
 *
 * The audit chain is the user: every write appends to one hash chain, and on PostgreSQL a transaction-scoped
 * advisory lock keeps it linear across processes. Taken where a use case appends (mid-transaction), the lock
 * was held through the rest of the transaction's statements and its commit, so every writer in the city waited
 * for them one at a time (issue #17, W5 at 1m: 7–9 of 10 pool connections waiting on the advisory lock). Queued
 * here instead, the chain is written by the commit: lock, read the head, insert, COMMIT.
 *
 * All-or-nothing still holds: the queued work runs inside the transaction, and when it fails Kysely rolls the
 * transaction back. A savepoint rolled back (`withSavepoint`) drops what was queued inside it. SQLite has one
 * writer at a time anyway; its callers do their work at once (`deferred` answers false).
 */
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresDialect,
  PostgresDriver,
  sql,
  type DatabaseConnection,
  type PostgresDialectConfig,
  type QueryResult,
} from 'kysely';
import type { Trx } from './client.js';

/** Runs a compiled query on the transaction's connection (inside a before-commit flush). */
export type RunQuery = <R>(query: CompiledQuery<R>) => Promise<QueryResult<R>>;

/**
 * Writes one owner's queued items at the commit: runs what it must on the connection and may answer SQL (no
 * parameters: literals only) that goes to the server in one message with the COMMIT, saving a round trip.
 */
export type Flush<T> = (items: T[], run: RunQuery) => Promise<string | void>;

/** One owner's queue on one transaction: its items and how to write them. */
interface Queue {
  items: unknown[];
  flush: Flush<unknown>;
}

/** The queues of each open PostgreSQL transaction, by its connection (in the order first queued). */
const queues = new WeakMap<DatabaseConnection, Map<object, Queue>>();

/** The connection of a PostgreSQL transaction; null for SQLite or outside a transaction. */
async function connectionOf(trx: Trx): Promise<DatabaseConnection | null> {
  if (!trx.isTransaction || !(trx.getExecutor().adapter instanceof PostgresAdapter)) return null;
  // a transaction's executor always provides its one connection (Kysely's SingleConnectionProvider)
  return trx.getExecutor().provideConnection(async (c) => c);
}

/**
 * Queues `item` of `owner` to be written by `flush` just before `trx` commits (PostgreSQL): the items of one
 * owner are flushed together, once, in the order queued. Answers false when nothing was queued (SQLite, or
 * `trx` is not a transaction): the caller writes the item itself, now.
 */
export async function deferred<T>(trx: Trx, owner: object, item: T, flush: Flush<T>): Promise<boolean> {
  const conn = await connectionOf(trx);
  if (!conn) return false;
  let byOwner = queues.get(conn);
  if (!byOwner) queues.set(conn, (byOwner = new Map()));
  let q = byOwner.get(owner);
  if (!q) byOwner.set(owner, (q = { items: [], flush: flush as Queue['flush'] }));
  q.items.push(item);
  return true;
}

/** The queued items of the transaction, per owner: a savepoint's mark. */
function mark(conn: DatabaseConnection | null): Map<object, number> {
  const byOwner = conn ? queues.get(conn) : undefined;
  return new Map([...(byOwner ?? [])].map(([owner, q]) => [owner, q.items.length]));
}

/** Drops what was queued after `at` (a savepoint rolled back). */
function rollbackTo(conn: DatabaseConnection | null, at: Map<object, number>): void {
  const byOwner = conn ? queues.get(conn) : undefined;
  if (!byOwner) return;
  for (const [owner, q] of byOwner) {
    const keep = at.get(owner) ?? 0;
    if (keep === 0) byOwner.delete(owner);
    else q.items.length = keep;
  }
}

/**
 * Runs `fn` inside a savepoint of `trx`: when it throws, its writes are undone, and with them anything it queued
 * for the commit (`deferred`), and the answer is null; the caller's transaction goes on.
 */
export async function withSavepoint<T>(trx: Trx, name: string, fn: () => Promise<T>): Promise<T | null> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`savepoint name ${name}`);
  const conn = await connectionOf(trx);
  const at = mark(conn);
  await sql`SAVEPOINT ${sql.raw(name)}`.execute(trx);
  try {
    const out = await fn();
    await sql`RELEASE SAVEPOINT ${sql.raw(name)}`.execute(trx);
    return out;
  } catch {
    await sql`ROLLBACK TO SAVEPOINT ${sql.raw(name)}`.execute(trx);
    rollbackTo(conn, at);
    return null;
  }
}

/** The PostgreSQL driver that flushes the queues (`deferred`) of a transaction before sending its COMMIT. */
class FlushingPostgresDriver extends PostgresDriver {
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const byOwner = queues.get(connection);
    if (byOwner) {
      queues.delete(connection);
      const run: RunQuery = (q) => connection.executeQuery(q);
      let withCommit = '';
      for (const q of byOwner.values()) {
        const text = await q.flush(q.items, run);
        if (text) withCommit += `${text};\n`;
      }
      // one simple-protocol message: a failing statement skips the COMMIT, and Kysely rolls the transaction back
      if (withCommit) return void (await connection.executeQuery(CompiledQuery.raw(`${withCommit}COMMIT`)));
    }
    await super.commitTransaction(connection);
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    queues.delete(connection);
    await super.rollbackTransaction(connection);
  }
}

/** PostgreSQL with the flushing driver. */
export class FlushingPostgresDialect extends PostgresDialect {
  constructor(private readonly cfg: PostgresDialectConfig) {
    super(cfg);
  }
  override createDriver(): PostgresDriver {
    return new FlushingPostgresDriver(this.cfg);
  }
}
