/**
 * Battery part 10 — residual information (剩余信息保护). A marked session (deleted by logout) and a
 * marked message (purged) must leave no trace in the database file, its WAL or any file of the
 * data directory once the WAL is checkpointed: SQLite `secure_delete` overwrites freed content.
 * PostgreSQL has no secure_delete: the test shows what remains after a plain `VACUUM`, and that
 * after `VACUUM FULL` + `CHECKPOINT` nothing remains in the database's files (base/<oid>); what
 * stays in the write-ahead log (pg_wal) is reported, not asserted — it is the deployment's to
 * protect (encrypted volumes, WAL recycling; see SECURITY.md).
 * A positive control first proves the grep finds the marker while the rows exist.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../harness.js';
import { figures } from './battery-kit.js';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

function holding(dir: string, marker: string): string[] {
  const needles = [Buffer.from(marker, 'utf8'), Buffer.from(marker, 'utf16le')];
  return filesUnder(dir).filter((f) => {
    // a PostgreSQL file may be truncated or unlinked while we walk (checkpoints, other databases)
    let b: Buffer;
    try {
      b = fs.readFileSync(f);
    } catch {
      return false;
    }
    return needles.some((n) => b.includes(n));
  });
}

describeEachDialect('battery 10: residual information', (env) => {
  it('a deleted session and a purged message leave no trace in the database, WAL or attachment files (secure_delete)', async () => {
    const e = env();
    if (e.dialect !== 'sqlite') return; // PostgreSQL: storage-level residue is the deployment's (encrypted volumes), see SECURITY.md
    const sqlite = e.database.sqlite!;
    expect(Number(sqlite.pragma('secure_delete', { simple: true }))).toBe(1);
    const sessionMarker = `RESIDUE-UA-${crypto.randomBytes(8).toString('hex')}`;
    const messageMarker = `残留信息标记-${crypto.randomBytes(8).toString('hex')}`;
    // a session whose row carries the marker (the user agent is stored with it)
    const res = await e.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'msc_zhou', password: 'Zhongshu@2026' },
      headers: { 'user-agent': sessionMarker },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const csrf = (JSON.parse(res.body) as { csrfToken: string }).csrfToken;
    const zhou = e.demo.userByName.msc_zhou!;
    await e.ctx.db.transaction().execute((trx) => e.ctx.notifier.send(trx, [zhou], { kind: 'battery', title: '残留测试', body: messageMarker, level: 0 }));
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    // positive control: the grep sees both markers while they exist
    expect(holding(e.config.dataDir, sessionMarker).length).toBeGreaterThan(0);
    expect(holding(e.config.dataDir, messageMarker).length).toBeGreaterThan(0);
    // delete: logout ends the session; the message is purged
    const out = await e.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(200);
    await e.ctx.db.deleteFrom('notification').where('user_id', '=', zhou).where('kind', '=', 'battery').execute();
    const cp = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    expect(cp[0]!.busy).toBe(0);
    const files = filesUnder(e.config.dataDir);
    const left = [...holding(e.config.dataDir, sessionMarker), ...holding(e.config.dataDir, messageMarker)];
    figures('10 residual [sqlite]', {
      filesScanned: files.length,
      bytesScanned: files.reduce((s, f) => s + fs.statSync(f).size, 0),
      markersFoundAfterDelete: left.length,
    });
    expect(left).toEqual([]);
  });

  it('PostgreSQL: a deleted session and a purged message leave no trace in the database files after VACUUM FULL + CHECKPOINT (WAL reported)', async () => {
    const e = env();
    if (e.dialect !== 'postgres') return;
    const db = e.ctx.db;
    const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(db)).rows[0]!;
    const pgData = (await one(sql<{ d: string }>`SELECT current_setting('data_directory') AS d`)).d;
    const dbOid = (await one(sql<{ oid: number }>`SELECT oid::int AS oid FROM pg_database WHERE datname = current_database()`)).oid;
    const dbDir = path.join(pgData, 'base', String(dbOid));
    const walDir = path.join(pgData, 'pg_wal');
    const relFile = async (rel: string) => path.join(pgData, (await one(sql<{ p: string }>`SELECT pg_relation_filepath(${rel}::regclass) AS p`)).p);
    const sessionMarker = `RESIDUE-UA-${crypto.randomBytes(8).toString('hex')}`;
    const messageMarker = `残留信息标记-${crypto.randomBytes(8).toString('hex')}`;
    const markers = [sessionMarker, messageMarker];
    const scan = (dir: string) => markers.flatMap((m) => holding(dir, m).map((f) => `${m.slice(0, 6)}…:${path.relative(pgData, f)}`));
    const res = await e.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'msc_zhou', password: 'Zhongshu@2026' },
      headers: { 'user-agent': sessionMarker },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const csrf = (JSON.parse(res.body) as { csrfToken: string }).csrfToken;
    const zhou = e.demo.userByName.msc_zhou!;
    await db.transaction().execute((trx) => e.ctx.notifier.send(trx, [zhou], { kind: 'battery', title: '残留测试', body: messageMarker, level: 0 }));
    await sql`CHECKPOINT`.execute(db);
    // positive control: both markers are in the tables' files (and in the WAL) while the rows exist
    const sessionFile = await relFile('session');
    const messageFile = await relFile('notification');
    expect(holding(path.dirname(sessionFile), sessionMarker)).toContain(sessionFile);
    expect(holding(path.dirname(messageFile), messageMarker)).toContain(messageFile);
    const walBefore = scan(walDir).length;
    expect(walBefore).toBeGreaterThan(0);
    // delete: logout ends the session; the message is purged
    const out = await e.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(200);
    await db.deleteFrom('notification').where('user_id', '=', zhou).where('kind', '=', 'battery').execute();
    // a plain VACUUM frees the dead tuples' space but need not overwrite it
    await sql`VACUUM session, notification`.execute(db);
    await sql`CHECKPOINT`.execute(db);
    const afterVacuum = scan(dbDir);
    const relNames = new Map(
      (
        await sql<{
          f: string;
          name: string;
        }>`SELECT pg_relation_filenode(oid)::text AS f, relname AS name FROM pg_class WHERE pg_relation_filenode(oid) IS NOT NULL`.execute(db)
      ).rows.map((r) => [r.f, r.name]),
    );
    const named = (hits: string[]) => hits.map((h) => `${h} (${relNames.get(path.basename(h).split('.')[0]!) ?? '?'})`);
    // VACUUM FULL rewrites both tables into new files; the old ones are truncated at commit and unlinked at the next checkpoint
    await sql`VACUUM FULL session, notification`.execute(db);
    await sql`CHECKPOINT`.execute(db);
    const afterFull = scan(dbDir);
    const walAfter = scan(walDir);
    const dbFiles = filesUnder(dbDir);
    figures('10 residual [postgres]', {
      dbFilesScanned: dbFiles.length,
      dbBytesScanned: dbFiles.reduce((s, f) => s + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0),
      walSegmentsScanned: filesUnder(walDir).length,
      markersInDbAfterVacuum: afterVacuum.length,
      markersInDbAfterVacuumFull: afterFull.length,
      walHitsBefore: walBefore,
      walHitsAfterVacuumFull: walAfter.length,
    });
    if (afterVacuum.length) console.log(`[battery] 10 residual [postgres]: after plain VACUUM + CHECKPOINT still in ${named(afterVacuum).join(', ')}`);
    if (walAfter.length) console.log(`[battery] 10 residual [postgres]: after VACUUM FULL + CHECKPOINT still in WAL ${walAfter.join(', ')}`);
    expect(afterFull).toEqual([]);
    // the application's own data directory (attachments, audit key) never holds them
    expect([...holding(e.config.dataDir, sessionMarker), ...holding(e.config.dataDir, messageMarker)]).toEqual([]);
  });
});
