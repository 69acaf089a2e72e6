/**
 * 领导驾驶舱's snapshot on both databases: the answer equals a fresh computation; it is answered as stored
 * until `cockpitRefreshMinutes` have passed (fake clock) and recomputed on the first read after; the job
 * `assessment.cockpit_refresh` is registered, recomputes when due, schedules one next run and is idempotent;
 * closing a scheme marks the snapshot stale at once; 刷新 is audited, at most once per half minute, and
 * refused to whoever may not open the page.
 */
import { afterAll, expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { COCKPIT_JOB, computeCockpitFigures } from './usecases/cockpit.js';

type Json = Record<string, any>;
const MIN = 60_000;

describeEachDialect('assessment 驾驶舱 snapshot', (env) => {
  let director: TestClient; // 陈志远, 办公室主任
  let staff: TestClient; // 张伟, 督查室 (assessor)
  let head: TestClient; // 黄振华, 督查室 处长 (closes)
  let liaison: TestClient; // 徐鹏, 市发展改革委
  let shifted = 0;
  const advance = (ms: number) => {
    env().clock.advance(ms);
    shifted += ms;
  };
  afterAll(() => {
    env().clock.advance(-shifted);
    shifted = 0;
  });
  const fresh = async () => {
    const ctx = env().ctx;
    return { ...(await computeCockpitFigures(ctx, ctx.db, ctx.clock.now())), refreshMinutes: 5, canRefresh: true };
  };
  const pending = () =>
    env().ctx.db.selectFrom('job').select('due_at').where('kind', '=', COCKPIT_JOB).where('status', '=', 'pending').orderBy('due_at').execute();
  const stored = () => env().ctx.db.selectFrom('assessment_cockpit').select(['computed_at', 'stale']).executeTakeFirst();

  it('logs in the cast', async () => {
    const c = await Promise.all(['zr_chen', 'dcs_zhang', 'dcs_huang', 'fgw_xu'].map((n) => env().login(n)));
    [director, staff, head, liaison] = c as [TestClient, TestClient, TestClient, TestClient];
  });

  it('answers the stored snapshot, equal to a fresh computation, and schedules its refresh a minute before it gets too old', async () => {
    advance(1000); // a computation of its own, not one left by an earlier suite on this clock
    const c = (await director.get('/api/assessment/cockpit')).json as Json;
    expect(c).toEqual(await fresh());
    expect(c.computedAt).toBe(env().clock.now().toISOString());
    expect(c.ranking.length).toBeGreaterThan(0);
    expect(await stored()).toEqual({ computed_at: c.computedAt, stale: 0 });
    expect((await pending()).map((j) => j.due_at)).toContain(new Date(Date.parse(c.computedAt) + 4 * MIN).toISOString());
  });

  it('keeps answering the snapshot within the interval after a record changed, and recomputes on the first read after it', async () => {
    advance(2000);
    const before = (await director.get('/api/assessment/cockpit')).json as Json;
    // an organisation score moves the running period's ranking
    const scheme = (await staff.get(`/api/assessment/schemes/${before.scheme.id}`)).json as Json;
    const find = (nodes: Json[]): Json | undefined => nodes.map((n) => (n.method === 'org' ? n : find(n.children ?? []))).find(Boolean);
    const org = find(scheme.indicators)!;
    const unitId = before.ranking.at(-1).unitId as number;
    const saved = await staff.put(`/api/assessment/schemes/${before.scheme.id}/scores`, {
      scores: [{ indicatorId: org.id, unitId, score: 100, evidence: '现场核查' }],
    });
    expect(saved.status).toBe(200);
    const total = (c: Json) => c.ranking.find((r: Json) => r.unitId === unitId).total as number;
    expect(total(await fresh())).toBeGreaterThan(total(before));
    const age = () => env().clock.now().getTime() - Date.parse(before.computedAt);
    advance(5 * MIN - age()); // exactly the interval: still answered as stored
    const within = (await director.get('/api/assessment/cockpit')).json as Json;
    expect([within.computedAt, total(within)]).toEqual([before.computedAt, total(before)]);
    advance(1);
    const after = (await director.get('/api/assessment/cockpit')).json as Json;
    expect(after.computedAt).toBe(env().clock.now().toISOString());
    expect(after).toEqual(await fresh());
    expect(total(after)).toBeGreaterThan(total(before));
  });

  it('runs the refresh job when due: one computation, one next run, idempotent; runs scheduled by reads merge', async () => {
    const ctx = env().ctx;
    await ctx.db.transaction().execute((trx) => ctx.scheduler.cancel(trx, 'assessment_cockpit', 1, COCKPIT_JOB));
    advance(6 * MIN); // the snapshot is too old: this read computes and schedules the one run
    const first = (await director.get('/api/assessment/cockpit')).json as Json;
    expect(first.computedAt).toBe(env().clock.now().toISOString());
    const due = new Date(Date.parse(first.computedAt) + 4 * MIN).toISOString();
    // a run scheduled by an older computation finds this one young: it computes nothing and joins this chain
    advance(2 * MIN);
    await env()
      .ctx.db.transaction()
      .execute((trx) => env().ctx.scheduler.schedule(trx, { kind: COCKPIT_JOB, targetType: 'assessment_cockpit', targetId: 1, dueAt: env().clock.now() }));
    expect(await env().ctx.scheduler.runDue()).toBeGreaterThanOrEqual(1);
    expect((await stored())!.computed_at).toBe(first.computedAt);
    expect((await pending()).map((j) => j.due_at)).toEqual([due]);
    // due: the job computes, schedules the next run 4 minutes on, once
    advance(2 * MIN);
    expect(await env().ctx.scheduler.runDue()).toBeGreaterThanOrEqual(1);
    const at = env().clock.now().toISOString();
    expect((await stored())!.computed_at).toBe(at);
    const next = new Date(Date.parse(at) + 4 * MIN).toISOString();
    expect((await pending()).map((j) => j.due_at)).toEqual([next]);
    expect(await env().ctx.scheduler.runDue()).toBe(0);
    const again = (await director.get('/api/assessment/cockpit')).json as Json;
    expect(again.computedAt).toBe(at);
    expect(again).toEqual(await fresh());
  });

  it('刷新: audited when it computes, at most once per half minute, refused to whoever may not open the page', async () => {
    advance(4000);
    const c = (await director.get('/api/assessment/cockpit')).json as Json;
    expect((await liaison.post('/api/assessment/cockpit/refresh')).status).toBe(403);
    expect((await liaison.get('/api/assessment/cockpit')).status).toBe(403);
    const audits = () =>
      env().ctx.db.selectFrom('audit_event').select('actor_id').where('action', '=', 'assessment.cockpit_refresh').where('outcome', '=', 'success').execute();
    const n = (await audits()).length;
    advance(10_000);
    const soon = await director.post('/api/assessment/cockpit/refresh');
    expect([soon.status, (soon.json as Json).computedAt]).toEqual([200, c.computedAt]);
    expect((await audits()).length).toBe(n);
    advance(30_000);
    const later = (await director.post('/api/assessment/cockpit/refresh')).json as Json;
    expect(later.computedAt).toBe(env().clock.now().toISOString());
    expect(await audits()).toEqual([...Array(n).fill(expect.anything()), { actor_id: env().demo.userByName.zr_chen }]);
  });

  it('closing the period marks the snapshot stale: the next read shows the frozen ranking at once', async () => {
    advance(5000);
    const c = (await director.get('/api/assessment/cockpit')).json as Json;
    expect(c.scheme.status).toBe('published');
    const s = (await head.get(`/api/assessment/schemes/${c.scheme.id}`)).json as Json;
    expect((await head.post(`/api/assessment/schemes/${c.scheme.id}/close`, { version: s.version })).status).toBe(200);
    expect(await stored()).toEqual({ computed_at: c.computedAt, stale: 1 });
    advance(1000);
    const after = (await director.get('/api/assessment/cockpit')).json as Json;
    expect([after.scheme.status, after.computedAt]).toEqual(['closed', env().clock.now().toISOString()]);
    const frozen = (await head.get(`/api/assessment/schemes/${c.scheme.id}/results`)).json as Json;
    expect(after.ranking.map((r: Json) => [r.unitId, r.total])).toEqual(frozen.rows.map((r: Json) => [r.unitId, r.total]));
  });
});
