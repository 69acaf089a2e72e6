/** The dialects the suite runs on: SQLite always, PostgreSQL when it answers. */
import pg from 'pg';
import { loadConfig, type Config } from '../server/config.js';

/** Where the test PostgreSQL server is (an admin connection; each test file makes its own database). */
export const PG_ADMIN_URL = process.env.ZHONGSHU_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let pgAvailable: boolean | null = null;

/** Whether the test PostgreSQL server answers (checked once). */
export async function postgresAvailable(): Promise<boolean> {
  if (process.env.ZHONGSHU_TEST_DIALECTS === 'sqlite') return false;
  if (pgAvailable !== null) return pgAvailable;
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    pgAvailable = true;
  } catch {
    pgAvailable = false;
  } finally {
    await c.end().catch(() => undefined);
  }
  return pgAvailable;
}

/** The dialects to run, from ZHONGSHU_TEST_DIALECTS (set by the global set-up). */
export function testDialects(): ('sqlite' | 'postgres')[] {
  const v = process.env.ZHONGSHU_TEST_DIALECTS ?? 'sqlite';
  return v.split(',').filter((d): d is 'sqlite' | 'postgres' => d === 'sqlite' || d === 'postgres');
}

/** The URL of database `name` on the test server. */
export function pgUrl(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** One statement on a new admin connection to the test server. */
export async function adminQuery(text: string): Promise<pg.QueryResult> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    return await admin.query(text);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh PostgreSQL database on the test server (as test/harness.ts makes them), and how to drop it: empty,
 * or a copy of `template` (a database nobody is connected to).
 */
export async function createPgDatabase(prefix = 'zs_b', template?: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Math.random().toString(16).slice(2, 14)}`;
  await adminQuery(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  return {
    name,
    url: pgUrl(name),
    async drop() {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** The PostgreSQL database settings `loadConfig` gives for `env` (on a placeholder URL): for tests of the ZHONGSHU_PG_* settings. */
export function pgConfigOf(env: Record<string, string>): Extract<Config['db'], { kind: 'postgres' }> {
  const db = loadConfig({ ZHONGSHU_DB: 'postgres://x@127.0.0.1/y', ZHONGSHU_DATA_DIR: '/tmp/zs-pg-config', ...env }).db;
  if (db.kind !== 'postgres') throw new Error('postgres settings expected');
  return db;
}
