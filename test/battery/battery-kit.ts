/**
 * Shared helpers of the reliability and security battery (可靠性与安全测试组): the long-run flag,
 * route enumeration from the live router, a change counter installed as triggers (to prove a
 * rejected request changed nothing), integrity checks and figures printed one line per part.
 */
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Database, Db } from '../../server/db/client.js';

/** Long variants (10,000 fuzz cases, 200 kill cycles…) run with ZHONGSHU_BATTERY_LONG=1. */
export const LONG = process.env.ZHONGSHU_BATTERY_LONG === '1';
/** The target sizes (`node scripts/battery.mjs`), between the quick default of `npm test` and the long run. */
export const FULL = LONG || process.env.ZHONGSHU_BATTERY_FULL === '1';

/** `quick` in the default suite, `full` with ZHONGSHU_BATTERY_FULL=1, `long` with ZHONGSHU_BATTERY_LONG=1. */
export function size(quick: number, long: number, full = quick): number {
  return LONG ? long : FULL ? full : quick;
}

/** Developers' quick sizes for the parts that run at the issue's CI sizes by default (ZHONGSHU_BATTERY_QUICK=1, `scripts/battery.mjs --quick`). */
export const QUICK = !LONG && process.env.ZHONGSHU_BATTERY_QUICK === '1';

/**
 * Sizes of the parts whose CI size is the requirement (2, 4, 5, 7): `ci` by default — what
 * `npm test` and CI run —, `quick` with ZHONGSHU_BATTERY_QUICK=1, `long` with ZHONGSHU_BATTERY_LONG=1.
 */
export function ciSize(ci: number, quick: number, long: number): number {
  return LONG ? long : QUICK ? quick : ci;
}

/** The size tier `ciSize` answers with, for the figures. */
export const CI_TIER = LONG ? 'long' : QUICK ? 'quick' : 'ci';

/** Prints one summary line of a part (the figures the issue asks to report). */
export function figures(part: string, data: Record<string, unknown>): void {
  const kv = Object.entries(data)
    .map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v)}`)
    .join(' ');
  console.log(`[battery] ${part}: ${kv}`);
}

/** A route as `METHOD /path` (HEAD and non-API routes left out). */
export type RouteKey = `${string} /${string}`;

/**
 * Every API route of the live router, from `printRoutes({ commonPrefix: false })`: a tree whose
 * lines are `├── /segment (GET, HEAD)`, nested by 4 characters per level.
 */
export function enumerateRoutes(app: FastifyInstance): RouteKey[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const out = new Set<RouteKey>();
  for (const line of tree.split('\n')) {
    const m = /^(.*?)(?:├── |└── )(\S+)(?: \(([^)]*)\))?\s*$/.exec(line);
    if (!m) continue;
    const depth = [...m[1]!].length / 4;
    stack.length = depth;
    stack[depth] = m[2]!;
    const full = stack.join('');
    if (!m[3] || !full.startsWith('/api/')) continue;
    for (const method of m[3].split(',').map((s) => s.trim())) if (method !== 'HEAD') out.add(`${method} ${full}` as RouteKey);
  }
  return [...out].sort();
}

/** Tables whose rows change on reads or refusals by design (sessions touched, refusals audited, rate counters). */
export const VOLATILE_TABLES = new Set([
  'audit_event',
  'session',
  'rate_limit',
  'login_throttle',
  'zz_battery_changes',
  'kysely_migration',
  'kysely_migration_lock',
]);

/** The user tables of the database. */
export async function tableNames(database: Database): Promise<string[]> {
  if (database.dialect === 'sqlite') {
    const rows = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(database.db);
    // FTS shadow tables cannot carry triggers
    return rows.rows.map((r) => r.name).filter((n) => !/_fts(_|$)/.test(n) && !n.includes('_fts'));
  }
  const rows = await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`.execute(database.db);
  return rows.rows.map((r) => r.name);
}

/**
 * Installs a change counter: a trigger on every non-volatile table adds one per changed row to
 * `zz_battery_changes`. `read()` gives the count, so a test sees that a rejected request wrote nothing.
 */
export async function installChangeCounter(database: Database): Promise<{ read(): Promise<number>; tables: string[] }> {
  const db = database.db;
  await sql`CREATE TABLE IF NOT EXISTS zz_battery_changes (id integer primary key, n integer not null)`.execute(db);
  await sql`DELETE FROM zz_battery_changes`.execute(db);
  await sql`INSERT INTO zz_battery_changes (id, n) VALUES (1, 0)`.execute(db);
  const tables = (await tableNames(database)).filter((t) => !VOLATILE_TABLES.has(t));
  if (database.dialect === 'postgres') {
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION zz_battery_count() RETURNS trigger AS $$ BEGIN UPDATE zz_battery_changes SET n = n + 1 WHERE id = 1; RETURN NULL; END; $$ LANGUAGE plpgsql`,
      )
      .execute(db);
    for (const t of tables) {
      await sql.raw(`DROP TRIGGER IF EXISTS zz_battery_${t} ON "${t}"`).execute(db);
      await sql.raw(`CREATE TRIGGER zz_battery_${t} AFTER INSERT OR UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION zz_battery_count()`).execute(db);
    }
  } else {
    for (const t of tables)
      for (const op of ['INSERT', 'UPDATE', 'DELETE'])
        await sql
          .raw(
            `CREATE TRIGGER IF NOT EXISTS zz_battery_${t}_${op.toLowerCase()} AFTER ${op} ON "${t}" BEGIN UPDATE zz_battery_changes SET n = n + 1 WHERE id = 1; END`,
          )
          .execute(db);
  }
  // SQLite: read synchronously on the one connection (no round trip; the fuzzing reads it once per case)
  const direct = database.sqlite?.prepare('SELECT n FROM zz_battery_changes WHERE id = 1');
  return {
    tables,
    async read() {
      if (direct) return Number((direct.get() as { n: number }).n);
      const r = await sql<{ n: number }>`SELECT n FROM zz_battery_changes WHERE id = 1`.execute(db);
      return Number(r.rows[0]!.n);
    },
  };
}

/** `PRAGMA integrity_check` on SQLite ('ok' when clean); on PostgreSQL a catalogue sanity query. */
export async function integrityCheck(database: Database): Promise<string> {
  if (database.dialect === 'sqlite') return String(database.sqlite!.pragma('integrity_check', { simple: true }));
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class`.execute(database.db);
  return Number(r.rows[0]!.n) > 0 ? 'ok' : 'empty catalogue';
}

/** Count of rows of a table. */
export async function countRows(db: Db, table: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]!.n);
}

/** Percentile of a sorted-or-not numeric array. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

/** JSON Schema (as produced from the routes' zod schemas for OpenAPI). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
}

/** One endpoint of the API surface with its input schemas. */
export interface Endpoint {
  key: RouteKey;
  method: string;
  route: string;
  params?: JsonSchema;
  query?: JsonSchema;
  body?: JsonSchema;
}

/** The API surface from the OpenAPI document the routes' zod schemas produce (every route with a schema). */
export function apiSurface(app: FastifyInstance): Endpoint[] {
  const doc = (
    app as unknown as {
      swagger(): {
        paths: Record<
          string,
          Record<
            string,
            {
              parameters?: { in: string; name: string; schema: JsonSchema; required?: boolean }[];
              requestBody?: { content: Record<string, { schema: JsonSchema }> };
            }
          >
        >;
      };
    }
  ).swagger();
  const out: Endpoint[] = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    const route = p.replace(/\{([^}]+)\}/g, ':$1');
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase();
      if (method === 'HEAD') continue;
      const ep: Endpoint = { key: `${method} ${route}` as RouteKey, method, route };
      for (const where of ['path', 'query'] as const) {
        const ps = (op.parameters ?? []).filter((x) => x.in === where);
        if (ps.length) {
          const schema: JsonSchema = { type: 'object', properties: {}, required: [] };
          for (const x of ps) {
            schema.properties![x.name] = x.schema;
            if (x.required) schema.required!.push(x.name);
          }
          if (where === 'path') ep.params = schema;
          else ep.query = schema;
        }
      }
      const body = op.requestBody?.content?.['application/json']?.schema;
      if (body) ep.body = body;
      out.push(ep);
    }
  }
  return out;
}

export { createPgDatabase } from '../dialects.js';

/**
 * PostgreSQL's structural check: every B-tree index of the current schema verified against its
 * table with amcheck (`bt_index_check(index, heapallindexed => true)`); 'ok' or the first failure.
 */
export async function pgAmcheck(db: Db): Promise<string> {
  await sql`CREATE EXTENSION IF NOT EXISTS amcheck`.execute(db);
  const idx = await sql<{ oid: number; name: string }>`
    SELECT c.oid::int AS oid, c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE am.amname = 'btree' AND n.nspname = current_schema() AND c.relpersistence <> 't'`.execute(db);
  for (const { oid, name } of idx.rows) {
    try {
      await sql`SELECT bt_index_check(${oid}::regclass, true)`.execute(db);
    } catch (err) {
      return `${name}: ${(err as Error).message}`;
    }
  }
  return 'ok';
}
