/**
 * SQLite reads through Kysely answer rows built from raw arrays by a function compiled per statement (client.ts,
 * `ShapedReader`): each row must be the object better-sqlite3 itself gives — the same keys in the same order, the
 * same values (null, integers, reals, text, blobs), a repeated column name keeping its last value — for `execute`,
 * for `stream`, and for `RETURNING`; and a schema change through Kysely must not leave a statement with an old row shape.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase } from './client.js';

function open() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zs-shaped-')), 'zhongshu.db');
  return openDatabase({ kind: 'sqlite', file });
}

it('rows are the objects better-sqlite3 gives: keys, order, values and types, repeated names, streams and RETURNING', async () => {
  const database = open();
  const { db } = database;
  const native = database.sqlite!;
  try {
    await sql`CREATE TABLE wide (id INTEGER PRIMARY KEY, title TEXT, n INTEGER, r REAL, b BLOB, "带 空格" TEXT, "quote""d" TEXT)`.execute(db);
    for (let i = 1; i <= 30; i++)
      await sql`INSERT INTO wide (title, n, r, b, "带 空格", "quote""d") VALUES (${i % 3 ? `事项${i}` : null}, ${i * 7}, ${i / 4}, ${Buffer.from([i, 0, 255])}, ${'中'.repeat(i)}, ${`"${i}'`})`.execute(
        db,
      );
    const expected = native.prepare('SELECT * FROM wide ORDER BY id').all();
    const rows = (await sql`SELECT * FROM wide ORDER BY id`.execute(db)).rows;
    expect(rows).toEqual(expected);
    expect(rows.map((r) => Object.keys(r as object))).toEqual(expected.map((r) => Object.keys(r as object)));
    expect(rows[2]).toMatchObject({ title: null, n: 21, r: 0.75, '带 空格': '中中中', 'quote"d': `"3'` });
    expect(Buffer.isBuffer((rows[0] as { b: unknown }).b)).toBe(true);

    // the same statement again (from the cache) and through the query builder
    expect((await sql`SELECT * FROM wide ORDER BY id`.execute(db)).rows).toEqual(expected);
    const built = await db
      .selectFrom('wide' as never)
      .select(['id', 'n'] as never)
      .where('id' as never, '>', 28 as never)
      .execute();
    expect(built).toEqual([
      { id: 29, n: 203 },
      { id: 30, n: 210 },
    ]);

    // a repeated name keeps its last value, as better-sqlite3's own objects do
    const repeated = sql`SELECT id AS a, n AS b, title AS a FROM wide WHERE id = 4`;
    expect((await repeated.execute(db)).rows).toEqual([{ a: '事项4', b: 28 }]);
    expect((await repeated.execute(db)).rows).toEqual(native.prepare('SELECT id AS a, n AS b, title AS a FROM wide WHERE id = 4').all());

    // streamed rows
    const streamed: unknown[] = [];
    for await (const row of db
      .selectFrom('wide' as never)
      .selectAll()
      .orderBy('id' as never)
      .stream())
      streamed.push(row);
    expect(streamed).toEqual(expected);

    // RETURNING reads rows too
    const returned = await db
      .insertInto('wide' as never)
      .values({ title: '新', n: 1 } as never)
      .returning(['id', 'title', 'n'] as never)
      .execute();
    expect(returned).toEqual([{ id: 31, title: '新', n: 1 }]);

    // no rows, and a statement that reads nothing
    expect((await sql`SELECT * FROM wide WHERE id < 0`.execute(db)).rows).toEqual([]);
    expect((await sql`UPDATE wide SET n = n + 1 WHERE id = 1`.execute(db)).numAffectedRows).toBe(1n);
  } finally {
    await database.close();
  }
});

it('after a schema change through Kysely a cached statement answers the new columns', async () => {
  const database = open();
  const { db } = database;
  try {
    await sql`CREATE TABLE t (x INTEGER, y TEXT)`.execute(db);
    await sql`INSERT INTO t VALUES (1, 'a')`.execute(db);
    const read = () => sql`SELECT * FROM t`.execute(db).then((r) => r.rows);
    expect(await read()).toEqual([{ x: 1, y: 'a' }]);
    // same width, other name: only emptying the cache at the DDL gives the new name
    await sql`ALTER TABLE t RENAME COLUMN y TO z`.execute(db);
    expect(await read()).toEqual([{ x: 1, z: 'a' }]);
    await sql`ALTER TABLE t ADD COLUMN w INTEGER DEFAULT 5`.execute(db);
    expect(await read()).toEqual([{ x: 1, z: 'a', w: 5 }]);
  } finally {
    await database.close();
  }
});

it('a column named __proto__ is an own key, as better-sqlite3 gives it, and never the prototype', async () => {
  const database = open();
  try {
    const q = 'SELECT 1 AS a, 2 AS "__proto__"';
    const [row] = (await sql.raw(q).execute(database.db)).rows as Record<string, unknown>[];
    expect(row).toEqual(database.sqlite!.prepare(q).get());
    expect(Object.getPrototypeOf(row)).toBe(Object.getPrototypeOf(database.sqlite!.prepare(q).get()));
  } finally {
    await database.close();
  }
});
