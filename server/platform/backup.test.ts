import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';
import { openDatabase } from '../db/client.js';
import { sql } from 'kysely';
import { AuditTrail, entryHash } from './audit.js';
import { ANCHOR_FILES, backup, restore, sqliteTableHashes } from './backup.js';
import { canSee } from './authz.js';

describeEachDialect('backup and restore', (env) => {
  it('restores into an empty directory with equal table and attachment hashes; refuses a corrupted backup', async () => {
    const { ctx, dialect, demo } = env();
    if (dialect !== 'sqlite') return; // PostgreSQL backups use pg_dump; covered by the CLI smoke test
    ctx.files.owners.set('probe', { canRead: async (_db, a) => canSee(a, { level: 0, unitIds: [demo.unitByCode.supervision!] }), canAttach: async () => true });
    const c = await env().login('dcs_zhang');
    expect((await c.upload('/api/files?ownerType=probe&ownerId=1', 'a.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'))).status).toBe(201);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bk-'));
    const m = await backup(ctx.database, ctx.config.dataDir, path.join(out, 'b1'));
    const uploaded = await ctx.db.selectFrom('attachment').select('sha256').where('owner_type', '=', 'probe').executeTakeFirstOrThrow();
    expect(m.files.map((f) => f.sha256)).toContain(uploaded.sha256);
    const target = path.join(out, 'restored');
    restore(path.join(out, 'b1'), target);
    expect(sqliteTableHashes(path.join(target, 'zhongshu.db'))).toEqual(m.tables);
    const restored = openDatabase({ kind: 'sqlite', file: path.join(target, 'zhongshu.db') });
    expect((await restored.db.selectFrom('user').select('id').execute()).length).toBeGreaterThan(25);
    await restored.close();
    for (const f of m.files) expect(fs.existsSync(path.join(target, 'files', f.sha256.slice(0, 2), f.sha256.slice(2, 4), f.sha256))).toBe(true);
    // not into a directory that has data
    expect(() => restore(path.join(out, 'b1'), target)).toThrow();
    // one flipped byte in the database copy
    const dbCopy = path.join(out, 'b1', 'zhongshu.db');
    const bytes = fs.readFileSync(dbCopy);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    fs.writeFileSync(dbCopy, bytes);
    expect(() => restore(path.join(out, 'b1'), path.join(out, 'r2'))).toThrow(/backup.corrupt/);
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('leaves the key out unless asked, carries the anchor; an entry rewritten with the key and re-hashed does not verify against it', async () => {
    const { ctx, dialect } = env();
    const key = ctx.config.auditKey!;
    for (let i = 0; i < 12; i++) await ctx.audit.record(ctx.db, { action: 'test.event', targetType: 'probe', targetId: i, detail: { i } });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bk-key-'));
    try {
      // what `npm run cli -- backup` does: anchor the chain as it is, then copy
      expect((await ctx.audit.verify(ctx.db)).ok).toBe(true);
      const keyFile = path.join(ctx.config.dataDir, 'audit.key');
      fs.writeFileSync(keyFile, key, { mode: 0o600 });
      const pgUrl = dialect === 'postgres' ? (ctx.config.db as { url: string }).url : undefined;
      const m = await backup(ctx.database, ctx.config.dataDir, path.join(out, 'plain'), pgUrl);
      expect(m.auditKey).toBe(false);
      expect(m.auditAnchor).toBe(true);
      expect(fs.existsSync(path.join(out, 'plain', 'audit.key'))).toBe(false);
      for (const f of ANCHOR_FILES) expect(fs.existsSync(path.join(out, 'plain', f)), f).toBe(true);
      const withKey = await backup(ctx.database, ctx.config.dataDir, path.join(out, 'keyed'), pgUrl, { includeAuditKey: true });
      expect(withKey.auditKey).toBe(true);
      expect(fs.readFileSync(path.join(out, 'keyed', 'audit.key'), 'utf8')).toBe(key);
      fs.rmSync(keyFile);

      // an attacker holding the key rewrites one entry and recomputes every hash after it
      const target = await ctx.db
        .selectFrom('audit_event')
        .select('seq')
        .where('action', '=', 'test.event')
        .orderBy('seq')
        .offset(3)
        .limit(1)
        .executeTakeFirstOrThrow();
      if (dialect === 'sqlite') {
        await sql`DROP TRIGGER audit_event_no_update`.execute(ctx.db);
        await sql`DROP TRIGGER audit_event_no_delete`.execute(ctx.db);
      } else await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(ctx.db);
      const rows = await ctx.db.selectFrom('audit_event').selectAll().where('seq', '>=', target.seq).orderBy('seq').execute();
      let prev = (
        await ctx.db
          .selectFrom('audit_event')
          .select('hash')
          .where('seq', '=', target.seq - 1)
          .executeTakeFirstOrThrow()
      ).hash;
      for (const r of rows) {
        const forged = { ...r, prev_hash: prev, outcome: r.seq === target.seq ? 'denied' : r.outcome };
        const hash = entryHash(key, forged)!;
        await ctx.db.updateTable('audit_event').set({ outcome: forged.outcome, prev_hash: prev, hash }).where('seq', '=', r.seq).execute();
        prev = hash;
      }
      // without an anchor the rewritten chain links and verifies: this is what the anchor is for
      expect((await new AuditTrail(key, ctx.clock).verify(ctx.db)).ok).toBe(true);
      // against the backup's anchor (or the operator's copy of it), the first rewritten entry is named, not the anchored head
      const fromBackup = new AuditTrail(key, ctx.clock, path.join(out, 'plain', 'audit.anchor'));
      expect((await fromBackup.verify(ctx.db)).firstBroken).toEqual({ seq: target.seq, reason: 'anchor_mismatch' });
      expect((await ctx.audit.verify(ctx.db)).firstBroken).toEqual({ seq: target.seq, reason: 'anchor_mismatch' });
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
