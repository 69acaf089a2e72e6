/**
 * Group commit on SQLite (wal-sync.ts): a write answers only after an fdatasync of the WAL that started after its COMMIT;
 * the connection serves others meanwhile; commits waiting together share a sync; a write outside a transaction (also
 * INSERT … RETURNING) waits too, a read never; a failed sync fails the write. `commitSync: 'full'` and in-memory
 * databases keep SQLite's own sync at COMMIT.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase, type Database } from './client.js';

const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zs-walsync-')), 'zhongshu.db');

/** fdatasync held until released: each call notes the rows a fresh connection reads at that moment. */
function holdSyncs(file: string) {
  const calls: { rows: number; release: (err?: Error) => void }[] = [];
  const spy = vi.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, cb: (err: Error | null) => void) => {
    const reader = new SQLite(file, { readonly: true });
    const rows = (reader.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
    reader.close();
    calls.push({ rows, release: (err) => cb(err ?? null) });
  }) as typeof fs.fdatasync);
  return { calls, spy };
}

const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  return done;
};

let open: Database | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await open?.close();
  open = null;
});

async function table(): Promise<{ database: Database; file: string }> {
  const file = tempFile();
  const database = (open = openDatabase({ kind: 'sqlite', file }));
  await sql`CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(database.db);
  return { database, file };
}

it('a transaction answers after a sync that started after its COMMIT, and the connection serves reads meanwhile', async () => {
  const { database, file } = await table();
  expect(database.sqlite!.pragma('synchronous', { simple: true })).toBe(1); // NORMAL: SQLite does not sync at COMMIT
  const { calls } = holdSyncs(file);
  const write = database.db.transaction().execute(async (trx) => {
    await sql`INSERT INTO t (body) VALUES ('一')`.execute(trx);
    await sql`INSERT INTO t (body) VALUES ('二')`.execute(trx);
  });
  expect(await settled(write)).toBe(false);
  expect(calls).toHaveLength(1);
  expect(calls[0]!.rows).toBe(2); // committed before the sync began
  // the connection is free while the sync runs
  const read = await sql<{ n: number }>`SELECT count(*) AS n FROM t`.execute(database.db);
  expect(read.rows[0]!.n).toBe(2);
  expect(calls).toHaveLength(1); // a read asks for no sync
  calls[0]!.release();
  await write;
});

it('commits arriving while a sync runs share the next one, and none answers before a sync that covers it', async () => {
  const { database, file } = await table();
  const before = database.walSync!.syncs; // the CREATE TABLE's
  const { calls } = holdSyncs(file);
  const first = database.db.transaction().execute((trx) => sql`INSERT INTO t (body) VALUES ('首')`.execute(trx));
  await settled(first);
  const rest = Array.from({ length: 20 }, (_, i) => database.db.transaction().execute((trx) => sql`INSERT INTO t (body) VALUES (${String(i)})`.execute(trx)));
  expect(await settled(Promise.all(rest))).toBe(false);
  expect(calls).toHaveLength(1);
  calls[0]!.release();
  expect(await settled(first)).toBe(true);
  expect(await settled(Promise.all(rest))).toBe(false); // the first sync began before their COMMITs
  expect(calls).toHaveLength(2);
  expect(calls[1]!.rows).toBe(21); // one sync for all twenty, after all of them
  calls[1]!.release();
  await Promise.all(rest);
  expect(database.walSync!.syncs - before).toBe(2);
});

it('a write outside a transaction waits for its sync (INSERT … RETURNING too); a failed sync fails the write', async () => {
  const { database, file } = await table();
  const { calls } = holdSyncs(file);
  const plain = sql`INSERT INTO t (body) VALUES ('甲')`.execute(database.db);
  expect(await settled(plain)).toBe(false);
  calls[0]!.release();
  await plain;
  const returning = sql<{ id: number }>`INSERT INTO t (body) VALUES ('乙') RETURNING id`.execute(database.db);
  expect(await settled(returning)).toBe(false);
  expect(calls).toHaveLength(2);
  calls[1]!.release();
  expect((await returning).rows[0]!.id).toBe(2);
  const failing = database.db.transaction().execute((trx) => sql`INSERT INTO t (body) VALUES ('丙')`.execute(trx));
  await settled(failing);
  calls[2]!.release(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
  await expect(failing).rejects.toThrow('EIO');
  // the next write gets a sync of its own and succeeds
  const next = sql`INSERT INTO t (body) VALUES ('丁')`.execute(database.db);
  await settled(next);
  calls[3]!.release();
  await next;
  expect(calls).toHaveLength(4);
});

it("'full' and an in-memory database sync inside SQLite's COMMIT, with no sync of their own", async () => {
  const full = openDatabase({ kind: 'sqlite', file: tempFile(), commitSync: 'full' });
  const memory = openDatabase({ kind: 'sqlite', file: ':memory:' });
  const spy = vi.spyOn(fs, 'fdatasync');
  for (const d of [full, memory]) {
    expect(d.walSync).toBeUndefined();
    expect(d.sqlite!.pragma('synchronous', { simple: true })).toBe(2); // FULL
    await sql`CREATE TABLE t (id INTEGER PRIMARY KEY)`.execute(d.db);
    await d.db.transaction().execute((trx) => sql`INSERT INTO t DEFAULT VALUES`.execute(trx));
    await d.close();
  }
  expect(spy).not.toHaveBeenCalled();
});

it('ZHONGSHU_SQLITE_SYNC is group unless set to full; another value stops the start, naming the variable', () => {
  const db = (env: Record<string, string>) => loadConfig(env).db as { commitSync?: string };
  expect(db({}).commitSync).toBe('group');
  expect(db({ ZHONGSHU_SQLITE_SYNC: 'full' }).commitSync).toBe('full');
  expect(() => loadConfig({ ZHONGSHU_SQLITE_SYNC: 'off' })).toThrow(ConfigError);
  expect(() => loadConfig({ ZHONGSHU_SQLITE_SYNC: 'off' })).toThrow(/ZHONGSHU_SQLITE_SYNC/);
});
