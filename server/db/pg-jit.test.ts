/**
 * PostgreSQL JIT compilation (client.ts; ZHONGSHU_PG_JIT): the app's connections run with `jit = off` unless configured,
 * every connection of the pool, set before the first query of a checkout; with `jit: true` they keep the server's setting;
 * the configuration refuses any value but 0 and 1.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPgDatabase, pgConfigOf, testDialects } from '../../test/dialects.js';
import { openDatabase } from './client.js';

describe.skipIf(!testDialects().includes('postgres'))('JIT [postgres]', () => {
  it('is off on every pooled connection unless configured; on, the server setting stays', async () => {
    const pgdb = await createPgDatabase('zs_jit');
    const raw = new pg.Client({ connectionString: pgdb.url });
    await raw.connect();
    // the setting is observable only when the server's own is on (PostgreSQL's default)
    const server = (await raw.query<{ jit: string }>('SHOW jit')).rows[0]!.jit;
    await raw.end();
    expect(server).toBe('on');
    const off = openDatabase({ kind: 'postgres', url: pgdb.url, poolSize: 3 });
    const on = openDatabase({ kind: 'postgres', url: pgdb.url, poolSize: 3, jit: true });
    try {
      const jitOf = (db: typeof off.db) =>
        // three at once, so that the pool opens three connections: each one answers as its first query
        Promise.all(
          [0, 1, 2].map(() =>
            db
              .transaction()
              .execute(
                async (trx) =>
                  (await sql<{ jit: string; pid: number }>`SELECT current_setting('jit') AS jit, pg_backend_pid() AS pid, pg_sleep(0.05)`.execute(trx))
                    .rows[0]!,
              ),
          ),
        );
      const a = await jitOf(off.db);
      expect(new Set(a.map((r) => r.pid)).size).toBe(3);
      expect(a.map((r) => r.jit)).toEqual(['off', 'off', 'off']);
      expect((await jitOf(on.db)).map((r) => r.jit)).toEqual(['on', 'on', 'on']);
    } finally {
      await off.close();
      await on.close();
      await pgdb.drop();
    }
  });
});

it('ZHONGSHU_PG_JIT is off unless 1, and refuses other values', () => {
  const jit = (env: Record<string, string>) => pgConfigOf(env).jit;
  expect(jit({})).toBe(false);
  expect(jit({ ZHONGSHU_PG_JIT: '0' })).toBe(false);
  expect(jit({ ZHONGSHU_PG_JIT: '1' })).toBe(true);
  expect(() => jit({ ZHONGSHU_PG_JIT: 'on' })).toThrow(/ZHONGSHU_PG_JIT/);
});
