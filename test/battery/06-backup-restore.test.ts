/**
 * Battery part 6 — backup and restore under load (数据备份与恢复). An online backup is taken while
 * clients write (API tokens, attachments) — SQLite's backup API, or pg_dump on the snapshot the
 * manifest's table hashes are computed in; it is restored into an empty directory (and an empty
 * PostgreSQL database); per-table content hashes and attachment hashes equal the backup point; every
 * write acknowledged before the backup started is there; the restored instance passes a smoke test
 * (health, login, audit chain); a corrupted backup is refused with a clear error and restores nothing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db/client.js';
import pg from 'pg';
import { backup, pgTableHashes, restore, sqliteTableHashes } from '../../server/platform/backup.js';
import { errorMessage } from '../../common/error-messages.js';
import { AppError } from '../../server/platform/errors.js';
import { MODULES } from '../../server/modules/index.js';
import { describeEachDialect } from '../harness.js';
import { createPgDatabase, figures, size } from './battery-kit.js';

/** Per-table hashes of a restored PostgreSQL database, in one snapshot. */
async function restoredPgHashes(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const h = await pgTableHashes(client);
    await client.query('COMMIT');
    return h;
  } finally {
    await client.end();
  }
}

/** Number of tables of a PostgreSQL database (0 for an untouched one). */
async function pgTableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0]!.n);
  } finally {
    await client.end();
  }
}

describeEachDialect('battery 6: backup and restore under load', (env) => {
  it('online backup while clients write; restore equals the backup point; restored instance works; corrupt backup refused', async () => {
    const e = env();
    const pgUrl = e.config.db.kind === 'postgres' ? e.config.db.url : undefined;
    const sup = (await (e.ctx.db as any)
      .selectFrom('supervision_item')
      .select('id')
      .where('owner_unit_id', '=', e.demo.unitByCode.supervision)
      .where('status', '!=', 'closed')
      .where('level', '<=', 1)
      .executeTakeFirst()) as { id: number } | undefined;
    const clients = await Promise.all(['dcs_zhang', 'dcs_huang', 'msc_zhou', 'xxc_he'].map((u) => e.login(u)));
    let stop = false;
    let writes = 0;
    const acknowledged: string[] = [];
    const load = Promise.all(
      clients.map(async (c, i) => {
        let n = 0;
        while (!stop) {
          const r = await c.post('/api/auth/tokens', { name: `备份负载-${i}-${n}` });
          expect(r.status).toBe(200);
          acknowledged.push(`备份负载-${i}-${n}`);
          if (sup && i < 2) {
            const up = await c.upload(
              `/api/files?ownerType=supervision_item&ownerId=${sup.id}`,
              `负载${i}-${n}.txt`,
              Buffer.from(`附件内容 ${i} ${n} ${crypto.randomUUID()}`),
            );
            expect([201, 403]).toContain(up.status);
          }
          n++;
          writes++;
        }
      }),
    );
    await new Promise((r) => setTimeout(r, size(1500, 5000)));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-b6-'));
    const t0 = Date.now();
    const writesAtStart = writes;
    const acknowledgedAtStart = [...acknowledged];
    const manifest = await backup(e.ctx.database, e.config.dataDir, path.join(out, 'bk'), pgUrl);
    const backupMs = Date.now() - t0;
    const writesAtBackup = writes;
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await load;
    // restore into an empty directory: equal per-table hashes and attachment hashes
    const target = path.join(out, 'restored');
    const restoredDb = pgUrl ? await createPgDatabase('zs_b6r') : null;
    const corruptDb = pgUrl ? await createPgDatabase('zs_b6c') : null;
    const t1 = Date.now();
    restore(path.join(out, 'bk'), target, restoredDb?.url);
    const restoreMs = Date.now() - t1;
    expect(manifest.tables.api_token!.rows).toBeGreaterThan(0);
    const restoredTables = restoredDb ? await restoredPgHashes(restoredDb.url) : sqliteTableHashes(path.join(target, 'zhongshu.db'));
    expect(restoredTables).toEqual(manifest.tables);
    for (const f of manifest.files) {
      const p = path.join(target, 'files', f.sha256.slice(0, 2), f.sha256.slice(2, 4), f.sha256);
      expect(crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex')).toBe(f.sha256);
    }
    // the restored instance: health, login, audit chain, and the writes acknowledged before the backup are there
    const config = loadConfig({
      ZHONGSHU_DATA_DIR: target,
      ZHONGSHU_DB: restoredDb?.url ?? 'sqlite',
      ZHONGSHU_SCHEDULER_MS: '0',
      ZHONGSHU_AUDIT_KEY: e.config.auditKey!,
    });
    const database = openDatabase(config.db);
    const { app, ctx } = await buildApp({ config, database, modules: MODULES, clock: e.clock, logger: false });
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dcs_zhang', password: 'Zhongshu@2026' } });
    expect(login.statusCode).toBe(200);
    const verify = await ctx.audit.verify(ctx.db);
    expect(verify.ok).toBe(true);
    // every attachment of the restored database reads back whole from its store (SQLite: the copied
    // files; PostgreSQL: the content rows in the dump)
    const stored = await ctx.db.selectFrom('attachment').select('sha256').distinct().execute();
    if (sup) expect(stored.length).toBeGreaterThan(0);
    for (const { sha256 } of stored) {
      const h = crypto.createHash('sha256');
      for await (const chunk of await ctx.files.open(sha256)) h.update(chunk as Buffer);
      expect(h.digest('hex')).toBe(sha256);
    }
    const tokens = Number(
      (
        await ctx.db
          .selectFrom('api_token')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const restoredNames = new Set((await ctx.db.selectFrom('api_token').select('name').execute()).map((r) => r.name));
    const missing = acknowledgedAtStart.filter((n) => !restoredNames.has(n));
    expect(acknowledgedAtStart.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
    await app.close();
    await database.close();
    // a corrupted backup is refused, with a message that says why
    const dbCopy = path.join(out, 'bk', manifest.database.file);
    const bytes = fs.readFileSync(dbCopy);
    const mid = Math.floor(bytes.length / 2);
    bytes[mid] = bytes[mid]! ^ 0x01;
    fs.writeFileSync(dbCopy, bytes);
    let refusal = '';
    try {
      restore(path.join(out, 'bk'), path.join(out, 'r2'), corruptDb?.url);
    } catch (err) {
      refusal = err instanceof AppError ? errorMessage(err.code, 'zh-CN', err.params) : String(err);
    }
    expect(refusal).toContain(`${manifest.database.file} hash mismatch`);
    expect(fs.existsSync(path.join(out, 'r2'))).toBe(false);
    const corruptTables = corruptDb ? await pgTableCount(corruptDb.url) : 0;
    expect(corruptTables).toBe(0);
    await restoredDb?.drop();
    await corruptDb?.drop();
    figures(`6 backup under load [${e.dialect}]`, {
      writesDuringRun: writes,
      writesWhileBackingUp: writesAtBackup - writesAtStart,
      backupMs,
      restoreMs,
      tables: Object.keys(manifest.tables).length,
      rowsAtBackupPoint: Object.values(manifest.tables).reduce((s, t) => s + t.rows, 0),
      attachments: manifest.files.length,
      acknowledgedBeforeBackup: acknowledgedAtStart.length,
      missing: missing.length,
      tokensRestored: tokens,
      auditEntriesVerified: verify.checked,
      corruptRefusal: refusal.slice(0, 60),
    });
    fs.rmSync(out, { recursive: true, force: true });
  }, 300_000);
});
