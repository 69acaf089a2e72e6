/**
 * SQLite's WAL checkpoints from a worker thread (wal-checkpointer.ts): an app server's writes are copied into the
 * database file by the worker, the writer's own checkpoint waits for 10,000 pages, what was committed survives the
 * close and is read by a fresh connection, and stopping ends the worker. Without the option SQLite keeps its defaults.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase, WAL_BACKSTOP_PAGES } from './client.js';

const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zs-wal-')), 'zhongshu.db');

/** Writes `n` rows of 2 KB in `n / 100` transactions. */
async function write(db: ReturnType<typeof openDatabase>['db'], n: number) {
  await sql`CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(db);
  for (let t = 0; t < n / 100; t++)
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 100; i++) await sql`INSERT INTO filler (body) VALUES (${'中'.repeat(700)})`.execute(trx);
    });
}

it('an app server checkpoints the WAL from a worker thread; the writer checkpoints by itself only past the backstop', async () => {
  const file = tempFile();
  const database = openDatabase({ kind: 'sqlite', file, checkpointMs: 20 }, { checkpointer: true });
  expect(database.checkpointer).toBeDefined();
  expect(database.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_BACKSTOP_PAGES);
  await write(database.db, 2000);
  // the worker copies the WAL's pages into the database file (about 1,000 pages were written)
  let copied = 0;
  for (let i = 0; i < 100 && copied < 500; i++) {
    await new Promise((r) => setTimeout(r, 20));
    copied = (await database.checkpointer!.stats()).pages;
  }
  expect(copied).toBeGreaterThanOrEqual(500);
  await write(database.db, 100);
  await database.close();
  // everything committed is there for a new connection
  const again = new SQLite(file, { readonly: true });
  expect(again.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 2100 });
  again.close();
});

it('without the option (tools, tests) SQLite checkpoints by itself at its default 1,000 pages', async () => {
  const file = tempFile();
  const database = openDatabase({ kind: 'sqlite', file, checkpointMs: 20 });
  expect(database.checkpointer).toBeUndefined();
  expect(database.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  await write(database.db, 200);
  await database.close();
  // and an app server configured with 0 ms runs none
  const off = openDatabase({ kind: 'sqlite', file, checkpointMs: 0 }, { checkpointer: true });
  expect(off.checkpointer).toBeUndefined();
  await off.close();
});
