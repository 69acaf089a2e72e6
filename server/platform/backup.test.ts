import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';
import { openDatabase } from '../db/client.js';
import { backup, restore, sqliteTableHashes } from './backup.js';
import { canSee } from './authz.js';

describeEachDialect('backup and restore (SQLite data directory)', (env) => {
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
});
