import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';
import { dialectOf } from '../db/client.js';
import { withSavepoint } from '../db/commit-hooks.js';

const TRICKY = "O'Neil \\ 王'五 $$x$$ E'\\'; DROP TABLE audit_event; --";

describeEachDialect('audit trail', (env) => {
  it('chains every entry and verifies the whole trail', async () => {
    const { ctx } = env();
    for (let i = 0; i < 20; i++) await ctx.audit.record(ctx.db, { action: 'test.event', targetType: 'probe', targetId: i, detail: { i } });
    const r = await ctx.audit.verify(ctx.db);
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThanOrEqual(20);
    expect(r.algo).toMatch(/^HMAC-(SM3|SHA256)$/);
  });

  it('is refused UPDATE and DELETE by the database itself', async () => {
    const { ctx } = env();
    await expect(ctx.db.updateTable('audit_event').set({ action: 'x' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(ctx.db.deleteFrom('audit_event').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
  });

  it('stays linear with many concurrent writers', async () => {
    const { ctx } = env();
    await Promise.all(Array.from({ length: 40 }, (_, i) => ctx.audit.record(ctx.db, { action: 'test.concurrent', detail: { i } })));
    const r = await ctx.audit.verify(ctx.db);
    expect(r.ok).toBe(true);
  });

  it("writes a transaction's entries with it, in order: none when it rolls back, none from a savepoint rolled back", async () => {
    const { ctx } = env();
    const actions = async () =>
      (await ctx.db.selectFrom('audit_event').select(['seq', 'action']).where('action', 'like', 'test.tx.%').orderBy('seq').execute()).map((r) => r.action);
    await ctx.db.transaction().execute(async (trx) => {
      await ctx.audit.append(trx, { action: 'test.tx.a' });
      const undone = await withSavepoint(trx, 'audit_probe', async () => {
        await ctx.audit.append(trx, { action: 'test.tx.undone' });
        throw new Error('refused');
      });
      expect(undone).toBeNull();
      // quotes, backslashes, dollar quotes and a semicolon travel as literals (PostgreSQL sends this entry with the COMMIT)
      await ctx.audit.append(trx, { action: 'test.tx.b', actor: { id: 1, name: TRICKY }, targetType: 'probe', targetId: TRICKY, detail: { code: TRICKY } });
      expect(await withSavepoint(trx, 'audit_probe', async () => ctx.audit.append(trx, { action: 'test.tx.kept' }))).toBeUndefined();
    });
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await ctx.audit.append(trx, { action: 'test.tx.rolled_back' });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await actions()).toEqual(['test.tx.a', 'test.tx.b', 'test.tx.kept']);
    const b = await ctx.db.selectFrom('audit_event').selectAll().where('action', '=', 'test.tx.b').executeTakeFirstOrThrow();
    expect([b.actor_name, b.target_id]).toEqual([TRICKY, TRICKY]);
    const seqs = await ctx.db.selectFrom('audit_event').select('seq').where('action', 'like', 'test.tx.%').orderBy('seq').execute();
    expect(seqs.map((r) => r.seq - seqs[0]!.seq)).toEqual([0, 1, 2]);
    expect((await ctx.audit.verify(ctx.db)).ok).toBe(true);
  });

  it('lets another writer commit while a transaction holding an entry is still open (PostgreSQL: the chain is locked at the commit only)', async (t) => {
    const { ctx } = env();
    if (dialectOf(ctx.db) !== 'postgres') t.skip(); // SQLite: one writer at a time by design (BEGIN IMMEDIATE)
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let appended!: () => void;
    const inside = new Promise<void>((r) => (appended = r));
    const slow = ctx.db.transaction().execute(async (trx) => {
      await ctx.audit.append(trx, { action: 'test.open.slow' });
      appended();
      await gate;
    });
    try {
      await inside;
      const other = ctx.audit.record(ctx.db, { action: 'test.open.other' }).then(() => 'committed');
      const waited = await Promise.race([other, new Promise((r) => setTimeout(() => r('blocked'), 5000))]);
      expect(waited).toBe('committed');
    } finally {
      release();
      await slow;
    }
    const rows = await ctx.db.selectFrom('audit_event').select('action').where('action', 'like', 'test.open.%').orderBy('seq').execute();
    expect(rows.map((r) => r.action)).toEqual(['test.open.other', 'test.open.slow']);
    expect((await ctx.audit.verify(ctx.db)).ok).toBe(true);
  });

  it('names the first altered entry after one stored byte changes, and a deleted entry', async () => {
    const { ctx } = env();
    const db = ctx.db;
    const target = await db
      .selectFrom('audit_event')
      .select(['seq', 'detail', 'action'])
      .where('action', '=', 'test.event')
      .orderBy('seq')
      .offset(5)
      .limit(1)
      .executeTakeFirstOrThrow();
    const pg = dialectOf(db) === 'postgres';
    // an attacker with database access disables the guard first
    const disable = pg ? 'ALTER TABLE audit_event DISABLE TRIGGER USER' : 'DROP TRIGGER audit_event_no_update';
    await sql.raw(disable).execute(db);
    if (!pg) await sql.raw('DROP TRIGGER audit_event_no_delete').execute(db);
    const tampered = target.action.replace('test.event', 'test.evenT');
    await db.updateTable('audit_event').set({ action: tampered }).where('seq', '=', target.seq).execute();
    let r = await ctx.audit.verify(db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toEqual({ seq: target.seq, reason: 'hash_mismatch' });
    await db.updateTable('audit_event').set({ action: target.action }).where('seq', '=', target.seq).execute();
    expect((await ctx.audit.verify(db)).ok).toBe(true);
    await db
      .deleteFrom('audit_event')
      .where('seq', '=', target.seq + 2)
      .execute();
    r = await ctx.audit.verify(db);
    expect(r.firstBroken).toEqual({ seq: target.seq + 3, reason: 'missing_entries' });
  });
});

describe('audit algorithm', () => {
  it('uses SM3 where OpenSSL offers it', async () => {
    const crypto = await import('node:crypto');
    const { AUDIT_ALGO } = await import('./audit.js');
    expect(AUDIT_ALGO).toBe(crypto.getHashes().includes('sm3') ? 'HMAC-SM3' : 'HMAC-SHA256');
  });
});
