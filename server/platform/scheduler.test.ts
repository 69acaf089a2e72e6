import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';
import { Scheduler } from './scheduler.js';

describeEachDialect('scheduler', (env) => {
  it('runs each due job exactly once with several runners racing, and not before it is due', async () => {
    const { ctx, clock } = env();
    const runs: number[] = [];
    const runners = [0, 1, 2].map(() => {
      const s = new Scheduler(ctx.db, clock);
      s.handle('probe.remind', async (trx, job) => {
        runs.push(job.targetId);
        await ctx.audit.append(trx, { action: 'probe.remind', targetType: 'probe', targetId: job.targetId });
      });
      return s;
    });
    await ctx.db.transaction().execute(async (trx) => {
      for (let i = 1; i <= 30; i++)
        await ctx.scheduler.schedule(trx, {
          kind: 'probe.remind',
          targetType: 'probe',
          targetId: i,
          dueAt: new Date(clock.now().getTime() + (i <= 20 ? 60_000 : 86_400_000)),
        });
      // scheduling the same job twice keeps one
      await ctx.scheduler.schedule(trx, { kind: 'probe.remind', targetType: 'probe', targetId: 1, dueAt: new Date(clock.now().getTime() + 60_000) });
    });
    expect(await runners[0]!.runDue()).toBe(0);
    clock.advance(2 * 60_000);
    const counts = await Promise.all(runners.map((s) => s.runDue()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(20);
    expect([...runs].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await ctx.db.selectFrom('audit_event').select('seq').where('action', '=', 'probe.remind').execute()).toHaveLength(20);
  });

  it('leaves a job pending when its handler fails inside the transaction, then marks it failed', async () => {
    const { ctx, clock } = env();
    const s = new Scheduler(ctx.db, clock, { error: () => undefined });
    s.handle('probe.fail', async (trx) => {
      await ctx.audit.append(trx, { action: 'probe.fail.partial' });
      throw new Error('boom');
    });
    await ctx.db.transaction().execute((trx) => ctx.scheduler.schedule(trx, { kind: 'probe.fail', targetType: 'probe', targetId: 1, dueAt: clock.now() }));
    expect(await s.runDue()).toBe(0);
    expect(await ctx.db.selectFrom('audit_event').select('seq').where('action', '=', 'probe.fail.partial').execute()).toHaveLength(0);
    expect((await ctx.db.selectFrom('job').select('status').where('kind', '=', 'probe.fail').executeTakeFirstOrThrow()).status).toBe('failed');
  });

  it('cancels pending jobs of a target', async () => {
    const { ctx, clock } = env();
    await ctx.db.transaction().execute(async (trx) => {
      await ctx.scheduler.schedule(trx, { kind: 'probe.cancel', targetType: 'probe', targetId: 9, dueAt: clock.now() });
      await ctx.scheduler.cancel(trx, 'probe', 9);
    });
    const s = new Scheduler(ctx.db, clock);
    s.handle('probe.cancel', async () => undefined);
    expect(await s.runDue()).toBe(0);
  });

  it('leaves jobs of a kind this process has no handler for pending', async () => {
    const { ctx, clock } = env();
    await ctx.db.transaction().execute((trx) => ctx.scheduler.schedule(trx, { kind: 'probe.elsewhere', targetType: 'probe', targetId: 1, dueAt: clock.now() }));
    const s = new Scheduler(ctx.db, clock);
    s.handle('probe.other', async () => undefined);
    await s.runDue();
    expect((await ctx.db.selectFrom('job').select('status').where('kind', '=', 'probe.elsewhere').executeTakeFirstOrThrow()).status).toBe('pending');
  });
});
