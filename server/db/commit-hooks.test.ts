import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';
import { dialectOf } from './client.js';
import { deferred } from './commit-hooks.js';

describeEachDialect('work queued for the commit', (env) => {
  it('runs inside the transaction on PostgreSQL: when it fails, the whole transaction is rolled back; SQLite queues nothing', async () => {
    const { ctx } = env();
    const pg = dialectOf(ctx.db) === 'postgres';
    const flushed: string[][] = [];
    const owner = {};
    await ctx.db.transaction().execute(async (trx) => {
      expect(await deferred(trx, owner, 'first', async (items) => void flushed.push(items))).toBe(pg);
      expect(await deferred(trx, owner, 'second', async (items) => void flushed.push(items))).toBe(pg);
    });
    expect(flushed).toEqual(pg ? [['first', 'second']] : []);
    // outside a transaction nothing is queued either
    expect(await deferred(ctx.db as never, owner, 'x', async () => undefined)).toBe(false);

    const failing = ctx.db.transaction().execute(async (trx) => {
      await ctx.audit.append(trx, { action: 'test.commit_hook.rolled_back' });
      await deferred(trx, {}, 1, async () => {
        throw new Error('flush failed');
      });
    });
    if (pg) await expect(failing).rejects.toThrow('flush failed');
    else await failing;
    const written = await ctx.db.selectFrom('audit_event').select('seq').where('action', '=', 'test.commit_hook.rolled_back').execute();
    expect(written.length).toBe(pg ? 0 : 1);
    // the connection is clean for the next transaction: nothing queued is left over
    flushed.length = 0;
    await ctx.db.transaction().execute(async (trx) => void (await ctx.audit.append(trx, { action: 'test.commit_hook.after' })));
    expect((await ctx.audit.verify(ctx.db)).ok).toBe(true);
  });
});
