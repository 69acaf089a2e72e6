/** Opens the database: embedded SQLite (default) or PostgreSQL, behind one Kysely API. */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type SqliteDialectConfig,
  sql,
  type RawBuilder,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { DB } from './schema.js';
import { StampWatch, watchStamps } from '../platform/stamps.js';
import { FlushingPostgresDialect } from './commit-hooks.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';
import { WalSync } from './wal-sync.js';

/** The two supported dialects. */
export type Dialect = 'sqlite' | 'postgres';

/** A handle usable for queries: the database or an open transaction. */
export type Db = Kysely<DB>;
/** An open transaction. */
export type Trx = Transaction<DB>;

/** An opened database with what the platform needs to know about it. */
export interface Database {
  db: Db;
  dialect: Dialect;
  /** The SQLite connection (for backup and pragmas), when the dialect is SQLite. */
  sqlite?: SQLite.Database;
  /** SQLite: the worker thread that checkpoints the WAL, when this process runs one. */
  checkpointer?: WalCheckpointer;
  /** SQLite: the group commit's sync of the WAL, unless commits sync inside SQLite (`commitSync: 'full'`, no WAL file). */
  walSync?: WalSync;
  close(): Promise<void>;
}

// int8 (count(*), sums) as JS numbers: our counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

/**
 * The WAL size (pages) at which a SQLite writer checkpoints by itself when the worker thread's checkpoints do not keep
 * up: 10,000 pages (40 MB at 4 KB) instead of SQLite's 1,000, which a stream of reports reaches every few dozen commits.
 */
export const WAL_BACKSTOP_PAGES = 10_000;

/**
 * Opens the configured database. For SQLite the data directory is created if missing; `checkpointer` (an app server)
 * moves the WAL checkpoints to a worker thread (wal-checkpointer.ts) when the config's `checkpointMs` is above 0.
 */
export function openDatabase(cfg: Config['db'], opts: { poolSize?: number; checkpointer?: boolean; preparedMax?: number } = {}): Database {
  if (cfg.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(cfg.file), { recursive: true });
    const sqlite = new SQLite(cfg.file, { timeout: 10_000 });
    // first, so that every pragma below waits for another process's lock instead of failing
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    // group commit (wal-sync.ts) where the WAL is a file: NORMAL, and each writer waits for its sync; otherwise FULL
    const wal =
      cfg.commitSync !== 'full' && !sqlite.memory && sqlite.pragma('journal_mode', { simple: true }) === 'wal' ? new WalSync(`${sqlite.name}-wal`) : null;
    sqlite.pragma(wal ? 'synchronous = NORMAL' : 'synchronous = FULL');
    sqlite.pragma('secure_delete = ON');
    sqlite.pragma('cache_size = -65536');
    // keep the planner's statistics current (cheap: bounded analysis of the tables that need it)
    sqlite.pragma('analysis_limit = 1000');
    sqlite.pragma('optimize = 0x10002');
    const checkpointer = opts.checkpointer && cfg.checkpointMs ? startWalCheckpointer(cfg.file, cfg.checkpointMs) : null;
    if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
    const watch = new StampWatch();
    const writes: AutocommitWrites = { wrote: false };
    const db = new Kysely<DB>({
      dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite, wal ? writes : null) }, wal, writes),
      plugins: [watch],
    });
    watchStamps(db, watch);
    return {
      db,
      dialect: 'sqlite',
      sqlite,
      checkpointer: checkpointer ?? undefined,
      walSync: wal ?? undefined,
      close: async () => {
        await checkpointer?.stop();
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: cfg.url, max: opts.poolSize ?? cfg.poolSize ?? 10 });
  // an idle connection dropped by the server (restart, failover, admin) must not crash the process;
  // the pool replaces it at the next checkout
  pool.on('error', (err) => console.warn(`PostgreSQL idle connection error: ${err.message}`));
  // JIT compilation off unless configured (ZHONGSHU_PG_JIT=1): it starts past a plan cost the hot reads stay under, and
  // then costs more than it saves for this app's queries (#17 at 1m: 超期任务 counted from the rows 168–351 ms with it,
  // 37–39 ms without). A SET when a connection opens, not a startup option (poolers such as PgBouncer refuse those);
  // pg runs it before any query of the checkout
  if (!cfg.jit)
    pool.on('connect', (client) => void client.query('SET jit = off').catch((err: Error) => console.warn(`PostgreSQL: SET jit = off failed: ${err.message}`)));
  const watch = new StampWatch();
  const db = new Kysely<DB>({
    dialect: new FlushingPostgresDialect({ pool: cfg.prepared === false ? pool : preparing(pool, opts.preparedMax ?? PREPARED_STATEMENTS_MAX) }),
    plugins: [watch],
  });
  watchStamps(db, watch);
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** How many statements (distinct SQL texts) a PostgreSQL connection keeps prepared; the others are sent unnamed. */
export const PREPARED_STATEMENTS_MAX = 500;

/**
 * An integer written into the SQL text instead of sent as a parameter, for the few values of a hot read that decide its
 * plan and take few values (a clearance, a page size, an owner unit): PostgreSQL's generic plan of a prepared statement
 * then knows them, costs no more than a custom plan, and is kept, so the statement is no longer planned on every call
 * (#17, at 1m: the 督办台账's page 0.85 → 0.49 ms, its capped count 0.54 → 0.31 ms, 超期任务（按单位） 0.79 → 0.49 ms). Each
 * value is a text of its own, so only for values of a small set. Anything but a safe integer is refused: no text ever.
 */
export function planLiteral(n: number): RawBuilder<number> {
  if (!Number.isSafeInteger(n)) throw new TypeError(`planLiteral: not an integer: ${String(n)}`);
  return sql.lit(n);
}

/**
 * The pool with every parameterized query sent as a named prepared statement, the first `max` distinct texts of the
 * process (each connection parses one once, and PostgreSQL may keep its plan: a generic plan after five executions
 * when it costs no more than planning each time). Planning was most of PostgreSQL's time on the hot reads (#17,
 * pg_stat_statements at 1m: the ledger page 0.58 ms planning against 0.24 ms execution). The bound keeps a connection's
 * statements few whatever SQL the process sends (a list of ids of every length is a text of its own).
 */
function preparing(pool: pg.Pool, max: number): pg.Pool {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let n = names.get(text);
    if (!n && names.size < max) names.set(text, (n = `zs${names.size}`));
    return n;
  };
  const patched = new WeakSet<object>();
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  return Object.assign(Object.create(pool) as pg.Pool, {
    connect: async () => {
      const client = await connect();
      if (!patched.has(client)) {
        patched.add(client);
        const query = client.query.bind(client) as (...a: unknown[]) => unknown;
        (client as unknown as { query: (...a: unknown[]) => unknown }).query = (text: unknown, values?: unknown) => {
          const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 ? nameOf(text) : undefined;
          return name ? query({ name, text, values }) : query(text, values);
        };
      }
      return client;
    },
    end: () => pool.end(),
  });
}

/**
 * SQLite transactions take the write lock when they begin (BEGIN IMMEDIATE), not at their first
 * write. With several processes on one database file (app workers, the CLI), a deferred
 * transaction that read (the audit chain's head, a version number) and then writes fails with
 * SQLITE_BUSY_SNAPSHOT when another process committed in between; an immediate one waits for the
 * lock (busy_timeout) and then reads the current state. One process alone behaves as before:
 * Kysely holds its single connection for the whole transaction anyway.
 *
 * With a `WalSync` (group commit, wal-sync.ts), a write answers only once its WAL frames are on disk: whoever held
 * the connection for a COMMIT, or for a statement that wrote outside a transaction (`withStatementCache` notes it),
 * waits for a sync started when it releases the connection; the others use the connection meanwhile.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  private committed = false;

  constructor(
    cfg: SqliteDialectConfig,
    private readonly wal: WalSync | null,
    private readonly writes: AutocommitWrites,
  ) {
    super(cfg);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await super.commitTransaction(connection);
    this.committed = true;
  }

  override async releaseConnection(): Promise<void> {
    // one holder at a time (Kysely's mutex): what it committed or wrote outside a transaction is its own
    const sync = this.wal && (this.committed || this.writes.wrote) ? this.wal.sync() : null;
    this.committed = this.writes.wrote = false;
    await super.releaseConnection();
    if (sync) await sync;
  }

  override async destroy(): Promise<void> {
    await super.destroy();
    this.wal?.close();
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly cfg: SqliteDialectConfig,
    private readonly wal: WalSync | null,
    private readonly writes: AutocommitWrites,
  ) {
    super(cfg);
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.cfg, this.wal, this.writes);
  }
}

/** Set when a statement wrote outside a transaction (autocommit): its connection's holder waits for a sync. */
interface AutocommitWrites {
  wrote: boolean;
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements are reusable (execution is synchronous),
 * so keep the most recent ones by SQL text. Bounded, so ad-hoc SQL cannot grow it without limit. A schema
 * change (DDL through Kysely: the migrations) empties it, so no statement keeps the row shape of an old table.
 * Reader statements answer rows of one shape (`ShapedReader`); with `writes` (group commit), statements that write
 * note when they ran outside a transaction (`AutocommitNoting`).
 */
function withStatementCache(sqlite: SQLite.Database, writes: AutocommitWrites | null, max = 500): SQLite.Database {
  const cache = new Map<string, Prepared>();
  const noting = (stmt: SQLite.Statement | ShapedReader, readonly: boolean): Prepared =>
    writes && !readonly ? new AutocommitNoting(stmt, sqlite, writes) : stmt;
  const prepare = (source: string): Prepared => {
    let stmt = cache.get(source);
    if (stmt) return stmt;
    if (DDL.test(source)) {
      cache.clear();
      const ddl = sqlite.prepare(source);
      return noting(ddl, ddl.readonly);
    }
    const prepared = sqlite.prepare(source);
    stmt = noting(prepared.reader ? (ShapedReader.of(prepared) ?? prepared) : prepared, prepared.readonly);
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(source, stmt);
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** What the statement cache answers: better-sqlite3's statement, or a wrapper with the parts Kysely's driver uses. */
type Prepared = SQLite.Statement | ShapedReader | AutocommitNoting;

/**
 * A statement that writes (INSERT … RETURNING too: a reader), noting in `writes` when it ran outside a transaction, so
 * its caller waits for the WAL's sync (group commit). Statements that only read are not wrapped: no cost on reads.
 */
class AutocommitNoting {
  readonly reader: boolean;

  constructor(
    private readonly stmt: SQLite.Statement | ShapedReader,
    private readonly sqlite: SQLite.Database,
    private readonly writes: AutocommitWrites,
  ) {
    this.reader = stmt.reader;
  }

  run(params: readonly unknown[]): SQLite.RunResult {
    const out = (this.stmt as SQLite.Statement).run(params);
    if (!this.sqlite.inTransaction) this.writes.wrote = true;
    return out;
  }

  all(params: readonly unknown[]): unknown[] {
    const out = (this.stmt as ShapedReader).all(params);
    if (!this.sqlite.inTransaction) this.writes.wrote = true;
    return out;
  }
}

/** A statement that changes the schema (leading comments skipped). */
const DDL = /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*(create|alter|drop)\b/i;

/**
 * A reader statement whose rows are read as arrays (better-sqlite3's raw mode) and built into objects by a function
 * compiled from the statement's columns: every row of a statement has one shape. better-sqlite3's own row objects get
 * their columns added one by one, so a wide row (an item's 38 columns) is a dictionary-mode object: slow to build
 * (20 item rows: 162 µs against 90 µs built here) and slow to read after (#17, W2). The object is the same: the columns
 * in order, a repeated name keeping its last value. Only the parts Kysely's driver uses (`reader`, `all`, `iterate`).
 */
class ShapedReader {
  readonly reader = true;
  private build: (row: unknown[]) => Record<string, unknown>;
  private width: number;

  private constructor(private readonly stmt: SQLite.Statement) {
    stmt.raw(true);
    [this.build, this.width] = ShapedReader.builder(stmt);
  }

  /** The shaped statement, or null when a column name cannot be an object literal's plain key. */
  static of(stmt: SQLite.Statement): ShapedReader | null {
    return stmt.columns().some((c) => c.name === '__proto__') ? null : new ShapedReader(stmt);
  }

  private static builder(stmt: SQLite.Statement): [(row: unknown[]) => Record<string, unknown>, number] {
    const names = stmt.columns().map((c) => c.name);
    // the names are JSON string literals: any column name is a key, never code
    const body = `return { ${names.map((n, i) => `${JSON.stringify(n)}: r[${i}]`).join(', ')} };`;
    return [new Function('r', body) as (row: unknown[]) => Record<string, unknown>, names.length];
  }

  all(params: readonly unknown[]): Record<string, unknown>[] {
    const rows = this.stmt.all(params) as unknown[][];
    if (rows.length && rows[0]!.length !== this.width) [this.build, this.width] = ShapedReader.builder(this.stmt);
    return rows.map(this.build);
  }

  *iterate(params: readonly unknown[]): IterableIterator<Record<string, unknown>> {
    for (const row of this.stmt.iterate(params) as IterableIterator<unknown[]>) {
      if (row.length !== this.width) [this.build, this.width] = ShapedReader.builder(this.stmt);
      yield this.build(row);
    }
  }
}

/** The dialect of a Kysely handle (works for transactions too). */
export function dialectOf(db: { getExecutor(): { adapter: unknown } }): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
