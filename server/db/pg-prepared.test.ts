/**
 * PostgreSQL prepared statements (client.ts, `preparing`; ZHONGSHU_PG_PREPARED): by default a parameterized query is
 * sent as a named prepared statement, each connection preparing a text once; at most `preparedMax` distinct texts
 * are named per process (others go unnamed); `0` turns it off; the answers are the same either way; and the
 * configuration refuses any other value.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createPgDatabase, pgConfigOf, testDialects } from '../../test/dialects.js';
import { openDatabase } from './client.js';

/** The statements this connection keeps prepared, read on the connection of a transaction. */
const PREPARED = sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements ORDER BY name`;

describe.skipIf(!testDialects().includes('postgres'))('prepared statements [postgres]', () => {
  it('names each parameterized text once per connection, at most preparedMax texts; off, none; same answers', async () => {
    const pgdb = await createPgDatabase('zs_prep');
    const on = openDatabase({ kind: 'postgres', url: pgdb.url, poolSize: 1 }, { preparedMax: 3 });
    const off = openDatabase({ kind: 'postgres', url: pgdb.url, poolSize: 1, prepared: false });
    try {
      await sql`CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL)`.execute(on.db);
      await sql`INSERT INTO t SELECT g, 'n' || g FROM generate_series(1, 50) g`.execute(on.db);
      const read = (db: typeof on.db) =>
        db.transaction().execute(async (trx) => {
          const answers: unknown[] = [];
          for (let k = 1; k <= 5; k++) {
            // five texts: k ids in the list; each run twice
            for (let r = 0; r < 2; r++)
              answers.push(
                (await sql`SELECT id, name FROM t WHERE id IN (${sql.join(Array.from({ length: k }, (_, i) => i * 7 + r + 1))}) ORDER BY id`.execute(trx)).rows,
              );
          }
          answers.push((await sql`SELECT count(*)::int AS n FROM t`.execute(trx)).rows);
          return { answers, prepared: (await PREPARED.execute(trx)).rows };
        });
      const a = await read(on.db);
      const b = await read(off.db);
      expect(a.answers).toEqual(b.answers);
      expect(a.answers[9]).toEqual([
        { id: 2, name: 'n2' },
        { id: 9, name: 'n9' },
        { id: 16, name: 'n16' },
        { id: 23, name: 'n23' },
        { id: 30, name: 'n30' },
      ]);
      // the first three parameterized texts are prepared (once each, though run twice); the other two and the
      // query without parameters are not
      expect(a.prepared.map((p) => p.name)).toEqual(['zs0', 'zs1', 'zs2']);
      expect(a.prepared.map((p) => (p.statement.match(/\$\d+/g) ?? []).length)).toEqual([1, 2, 3]);
      expect(b.prepared).toEqual([]);
    } finally {
      await on.close();
      await off.close();
      await pgdb.drop();
    }
  });
});

it('ZHONGSHU_PG_PREPARED is on unless 0, and refuses other values', () => {
  const prepared = (env: Record<string, string>) => pgConfigOf(env).prepared;
  expect(prepared({})).toBe(true);
  expect(prepared({ ZHONGSHU_PG_PREPARED: '1' })).toBe(true);
  expect(prepared({ ZHONGSHU_PG_PREPARED: '0' })).toBe(false);
  expect(() => prepared({ ZHONGSHU_PG_PREPARED: 'yes' })).toThrow(/ZHONGSHU_PG_PREPARED/);
});
