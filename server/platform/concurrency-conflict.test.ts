/**
 * A write refused because of a concurrent transaction (a PostgreSQL deadlock, SQLite's busy database)
 * is recognised, so the HTTP edge answers 409 `concurrent_write` instead of a 500. The errors here are
 * real ones, produced by the database servers themselves.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_ADMIN_URL } from '../../test/dialects.js';
import { isConcurrencyConflict } from './http.js';

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
    return null;
  } catch (e) {
    return e;
  }
}

describe.runIf(process.env.ZHONGSHU_TEST_DIALECTS !== 'sqlite')('concurrency conflicts on PostgreSQL', () => {
  const table = `zs_deadlock_probe_${process.pid}`;
  const a = new pg.Client({ connectionString: PG_ADMIN_URL });
  const b = new pg.Client({ connectionString: PG_ADMIN_URL });
  afterAll(async () => {
    await a.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await Promise.all([a.end(), b.end()]);
  });

  it('PostgreSQL: a real deadlock is a concurrency conflict; a unique violation is not', async () => {
    await Promise.all([a.connect(), b.connect()]);
    await a.query(`CREATE TABLE ${table} (id int PRIMARY KEY, n int NOT NULL)`);
    await a.query(`INSERT INTO ${table} VALUES (1, 0), (2, 0)`);
    await a.query('BEGIN');
    await b.query('BEGIN');
    await a.query(`UPDATE ${table} SET n = n + 1 WHERE id = 1`);
    await b.query(`UPDATE ${table} SET n = n + 1 WHERE id = 2`);
    // each now waits for the other's row: the server aborts one of them
    const [ea, eb] = await Promise.all([
      caught(a.query(`UPDATE ${table} SET n = n + 1 WHERE id = 2`)),
      caught(b.query(`UPDATE ${table} SET n = n + 1 WHERE id = 1`)),
    ]);
    await Promise.all([a.query('ROLLBACK'), b.query('ROLLBACK')]);
    const errors = [ea, eb].filter((e) => e !== null);
    expect(errors.length).toBe(1);
    expect((errors[0] as { code: string }).code).toBe('40P01');
    expect(isConcurrencyConflict(errors[0])).toBe(true);
    const dup = await caught(a.query(`INSERT INTO ${table} VALUES (1, 0)`));
    expect((dup as { code: string }).code).toBe('23505');
    expect(isConcurrencyConflict(dup)).toBe(false);
  });
});

describe('concurrency conflicts on SQLite', () => {
  it('SQLite: a write while another connection holds the write lock is a concurrency conflict', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zs-busy-')), 'busy.db');
    const one = new Database(file);
    const two = new Database(file, { timeout: 0 });
    try {
      one.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
      one.exec('BEGIN IMMEDIATE');
      one.exec('INSERT INTO t VALUES (1)');
      let err: unknown = null;
      try {
        two.exec('INSERT INTO t VALUES (2)');
      } catch (e) {
        err = e;
      }
      expect((err as { code: string }).code).toBe('SQLITE_BUSY');
      expect(isConcurrencyConflict(err)).toBe(true);
      one.exec('ROLLBACK');
      expect(isConcurrencyConflict(new Error('boom'))).toBe(false);
    } finally {
      one.close();
      two.close();
    }
  });
});
