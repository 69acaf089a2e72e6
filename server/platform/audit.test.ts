import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';
import { dialectOf } from '../db/client.js';

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
