/**
 * Battery part 10 — residual information (剩余信息保护). A marked session (deleted by logout) and a
 * marked message (purged) must leave no trace in the database file, its WAL or any file of the
 * data directory once the WAL is checkpointed: SQLite `secure_delete` overwrites freed content.
 * A positive control first proves the grep finds the marker while the rows exist.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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
    const b = fs.readFileSync(f);
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
});
