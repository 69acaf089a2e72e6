/**
 * 考核督查's 群众评价, 加减分, 申诉, 修订 and the expert drop rule through HTTP on both databases:
 * one-time codes stored hashed, anonymous answers, one answer per code under concurrency, replay and
 * closed survey refused, 429 per IP, the aggregate feeding the `public` leaf; a deduction proposed and
 * approved, appealed by the unit within the window and upheld, re-ranking the frozen results; 422 past
 * the window; a published scheme revised into a new draft version.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';

type Json = Record<string, any>;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describeEachDialect('assessment reviews', (env) => {
  let head: TestClient; // 黄振华, 督查室 处长: approves, decides, closes
  let staff: TestClient; // 张伟, 督查室: proposes, opens surveys
  let liaison: TestClient; // 徐鹏, 市发展改革委 liaison
  let otherLiaison: TestClient; // 韩雪, 市财政局 liaison
  let director: TestClient;
  let schemeId = 0;
  let version = 0;
  let ids: Record<string, number> = {};
  let surveyId = 0;
  let codes: string[] = [];
  let adjustmentId = 0;
  const u = (code: string) => env().demo.unitByCode[code]!;
  const anon = () => env().anonymous();
  const answer = (code: string, ndrc: number, finance?: number, headers: Record<string, string> = {}) =>
    anon().request(
      'POST',
      `/api/public/survey/${code}`,
      { ratings: [{ unitId: u('ndrc'), ratings: [ndrc] }, ...(finance ? [{ unitId: u('finance'), ratings: [finance] }] : [])], comment: '很好' },
      headers,
    );
  const results = async () => (await director.get(`/api/assessment/schemes/${schemeId}/results`)).json as Json;
  const row = (r: Json, unit: string) => r.rows.find((x: Json) => x.unitId === u(unit));

  it('sets up a published scheme with an org, a public (群众评价) and an expert leaf', async () => {
    const c = await Promise.all(['dcs_huang', 'dcs_zhang', 'fgw_xu', 'czj_han', 'zr_chen'].map((n) => env().login(n)));
    [head, staff, liaison, otherLiaison, director] = c as [TestClient, TestClient, TestClient, TestClient, TestClient];
    const s = (
      await staff.post('/api/assessment/schemes', {
        name: '2027年一季度考核',
        periodKind: 'quarter',
        period: '2027Q1',
        unitIds: [u('ndrc'), u('finance')],
        topN: 1,
        bottomN: 1,
      })
    ).json as Json;
    schemeId = s.id;
    const put = await staff.put(`/api/assessment/schemes/${schemeId}/indicators`, {
      version: s.version,
      indicators: [
        { name: '组织考核', weight: 50, scope: 'common', method: 'org' },
        { name: '群众评价', weight: 30, scope: 'common', method: 'public' },
        { name: '专业评估', weight: 20, scope: 'common', method: 'expert' },
      ],
    });
    expect(put.status).toBe(200);
    ids = Object.fromEntries((put.json as Json).indicators.map((i: Json) => [i.name, i.id]));
    const pub = await staff.post(`/api/assessment/schemes/${schemeId}/publish`, { version: (put.json as Json).version });
    expect([pub.status, (pub.json as Json).revision]).toEqual([200, 1]);
    version = (pub.json as Json).version;
    expect((pub.json as Json).actions).toContain('revise');
  });

  it('opens a survey only on a public leaf, for the 督查室, once', async () => {
    const body = { indicatorId: ids['群众评价'], title: '群众满意度测评', questions: ['服务态度与办事效率'] };
    expect((await liaison.post(`/api/assessment/schemes/${schemeId}/surveys`, body)).status).toBe(403);
    expect((await anon().post(`/api/assessment/schemes/${schemeId}/surveys`, body)).status).toBe(401);
    const wrong = await staff.post(`/api/assessment/schemes/${schemeId}/surveys`, { ...body, indicatorId: ids['组织考核'] });
    expect([wrong.status, (wrong.json as Json).error]).toEqual([422, 'assessment.survey_indicator']);
    expect((await staff.post(`/api/assessment/schemes/${schemeId}/surveys`, { ...body, questions: [] })).status).toBe(400);
    const res = await staff.post(`/api/assessment/schemes/${schemeId}/surveys`, body);
    expect(res.status).toBe(200);
    surveyId = (res.json as Json).id;
    expect((await staff.post(`/api/assessment/schemes/${schemeId}/surveys`, body)).status).toBe(409);
  });

  it('generates 128-bit one-time codes, answered once and stored only as hashes', async () => {
    expect((await liaison.post(`/api/assessment/surveys/${surveyId}/codes`, { count: 3 })).status).toBe(403);
    const res = await staff.post(`/api/assessment/surveys/${surveyId}/codes`, { count: 8 });
    expect(res.status).toBe(200);
    codes = (res.json as Json).codes.map((c: Json) => c.code);
    expect(new Set(codes).size).toBe(8);
    for (const c of (res.json as Json).codes) {
      expect(c.code).toMatch(/^[A-Za-z0-9_-]{22}$/); // 16 random bytes
      expect(c.link).toBe(`/survey/${c.code}`);
    }
    const stored = await env().ctx.db.selectFrom('assessment_survey_code').selectAll().where('survey_id', '=', surveyId).execute();
    expect(stored.map((r) => r.code_hash).sort()).toEqual(codes.map(sha256).sort());
    expect(JSON.stringify(stored)).not.toContain(codes[0]);
  });

  it('lets an anonymous respondent open and answer once; a replay is refused with a localized code', async () => {
    const open = await anon().get(`/api/public/survey/${codes[0]}`);
    expect(open.status).toBe(200);
    expect((open.json as Json).units.map((x: Json) => x.id)).toEqual([u('ndrc'), u('finance')]);
    expect((open.json as Json).questions).toEqual(['服务态度与办事效率']);
    expect((await anon().get('/api/public/survey/AAAAAAAAAAAAAAAAAAAAAA')).json.error).toBe('assessment.survey_code_unknown');
    expect((await anon().get('/api/public/survey/short')).status).toBe(400);
    const bad = await anon().post(`/api/public/survey/${codes[0]}`, { ratings: [{ unitId: 999999, ratings: [5] }] });
    expect([bad.status, bad.json.error]).toEqual([422, 'assessment.survey_ratings']);
    expect((await anon().post(`/api/public/survey/${codes[0]}`, { ratings: [{ unitId: u('ndrc'), ratings: [6] }] })).status).toBe(400);
    expect((await answer(codes[0]!, 5, 1)).status).toBe(200);
    const replay = await answer(codes[0]!, 1, 1);
    expect([replay.status, replay.json.error, replay.json.message]).toEqual([409, 'assessment.survey_code_used', '该评价码已使用，每个评价码只能提交一次']);
    const en = await answer(codes[0]!, 1, 1, { 'accept-language': 'en-US' });
    expect(en.json.message).toBe('This survey code has been used; each code answers once');
    expect((await anon().get(`/api/public/survey/${codes[0]}`)).status).toBe(409);
  });

  it('a logged-in browser must still send its CSRF token; a foreign Origin is refused', async () => {
    const noToken = await liaison.request(
      'POST',
      `/api/public/survey/${codes[1]}`,
      { ratings: [{ unitId: u('ndrc'), ratings: [3] }] },
      { 'x-csrf-token': 'nope' },
    );
    expect(noToken.status).toBe(403);
    const foreign = await anon().request(
      'POST',
      `/api/public/survey/${codes[1]}`,
      { ratings: [{ unitId: u('ndrc'), ratings: [3] }] },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
  });

  it('counts exactly one of concurrent answers with one code', async () => {
    const before = await env().ctx.db.selectFrom('assessment_survey_answer').select('id').where('survey_id', '=', surveyId).execute();
    const all = await Promise.all(Array.from({ length: 6 }, () => answer(codes[1]!, 4, 2)));
    expect(all.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const after = await env().ctx.db.selectFrom('assessment_survey_answer').selectAll().where('survey_id', '=', surveyId).execute();
    expect(after.length).toBe(before.length + 1);
    // Anonymous: no code, no time finer than the day
    expect(Object.keys(after[0]!).sort()).toEqual(['answered_on', 'comment', 'id', 'ratings', 'survey_id']);
    expect(after.every((a) => /^\d{4}-\d{2}-\d{2}$/.test(a.answered_on))).toBe(true);
  });

  it('shows results only in aggregate, hiding a unit below the minimum, and feeds the public leaf', async () => {
    for (const [i, r] of [5, 5, 1].entries()) expect((await answer(codes[2 + i]!, r)).status).toBe(200);
    expect((await liaison.get(`/api/assessment/schemes/${schemeId}/surveys`)).status).toBe(403);
    const list = (await staff.get(`/api/assessment/schemes/${schemeId}/surveys`)).json as Json;
    const v = list.items[0];
    expect([v.codes, v.codesUsed, v.answers, v.minAnswers]).toEqual([8, 5, 5, 5]);
    // ndrc: 5, 4, 5, 5, 1 → mean 4, score (4 − 1) / 4 × 100 = 75; finance: 2 answers < 5 → hidden
    expect(v.units).toEqual([
      { unitId: u('ndrc'), unitName: expect.any(String), answers: 5, mean: 4, score: 75 },
      { unitId: u('finance'), unitName: expect.any(String), answers: 2, mean: null, score: null },
    ]);
    expect(JSON.stringify(list)).not.toContain('很好'); // no comment, no single answer
    const r = await results();
    const pub = (unit: string) => row(r, unit).leaves.find((l: Json) => l.method === 'public');
    expect([pub('ndrc').score, pub('ndrc').missing, pub('ndrc').raters]).toEqual([75, false, 5]);
    expect([pub('finance').score, pub('finance').missing]).toEqual([0, true]);
    expect(r.schemeRevision).toBe(1);
  });

  it('rate-limits the public routes per IP (429) by the setting', async () => {
    const s = (await head.get('/api/assessment/settings')).json as Json;
    expect(s.canManage).toBe(true);
    expect(((await staff.get('/api/assessment/settings')).json as Json).canManage).toBe(false);
    expect((await staff.put('/api/assessment/settings', { version: s.version, settings: { ...s.settings, surveyRatePerMinute: 3 } })).status).toBe(403);
    const put = await head.put('/api/assessment/settings', { version: s.version, settings: { ...s.settings, surveyRatePerMinute: 3 } });
    expect(put.status).toBe(200);
    const hit = () => env().app.inject({ method: 'GET', url: `/api/public/survey/${codes[7]}`, remoteAddress: '10.9.8.7' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await hit()).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await env().app.inject({ method: 'GET', url: `/api/public/survey/${codes[7]}`, remoteAddress: '10.9.8.6' })).statusCode).toBe(200);
    env().clock.advance(61_000);
    expect((await hit()).statusCode).toBe(200);
    await head.put('/api/assessment/settings', { version: (put.json as Json).version, settings: s.settings });
  });

  it('applies the configurable expert drop rule (highest and lowest dropped from N raters)', async () => {
    const db = env().ctx.db;
    const raters = await db.selectFrom('user').select('id').orderBy('id').limit(3).execute();
    const at = env().clock.now().toISOString();
    for (const [i, score] of [10, 70, 80].entries())
      await db
        .insertInto('assessment_score')
        .values({
          scheme_id: schemeId,
          indicator_id: ids['专业评估']!,
          unit_id: u('ndrc'),
          rater_id: raters[i]!.id,
          kind: 'expert',
          score,
          evidence: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    const expert = async () => row(await results(), 'ndrc').leaves.find((l: Json) => l.method === 'expert').score;
    expect(await expert()).toBe(53.33); // 3 raters < 5: the mean of all
    const s = (await head.get('/api/assessment/settings')).json as Json;
    await head.put('/api/assessment/settings', { version: s.version, settings: { ...s.settings, expertDropAt: 3 } });
    expect(await expert()).toBe(70); // 10 and 80 dropped
  });

  it('proposes a deduction (督查室 staff), approved by the head (audited); it applies in the ranking', async () => {
    const before = row(await results(), 'ndrc').total;
    const body = { unitId: u('ndrc'), kind: 'deduction', points: 5, reason: '信息迟报两次' };
    expect((await liaison.post(`/api/assessment/schemes/${schemeId}/adjustments`, body)).status).toBe(403);
    expect((await staff.post(`/api/assessment/schemes/${schemeId}/adjustments`, { ...body, unitId: u('education') })).status).toBe(422);
    const res = await staff.post(`/api/assessment/schemes/${schemeId}/adjustments`, body);
    expect(res.status).toBe(200);
    adjustmentId = (res.json as Json).id;
    expect(row(await results(), 'ndrc').total).toBe(before); // proposed only
    const list = (await head.get(`/api/assessment/schemes/${schemeId}/reviews`)).json as Json;
    expect(list.adjustments[0]).toMatchObject({ id: adjustmentId, status: 'proposed', points: 5, actions: ['approve', 'reject'] });
    expect(((await liaison.get(`/api/assessment/schemes/${schemeId}/reviews`)).json as Json).adjustments).toEqual([]); // not yet approved
    const v = list.adjustments[0].version;
    expect((await staff.post(`/api/assessment/adjustments/${adjustmentId}/decide`, { version: v, approve: true })).status).toBe(403);
    expect((await liaison.post(`/api/assessment/adjustments/${adjustmentId}/decide`, { version: v, approve: true })).status).toBe(404);
    const ok = await head.post(`/api/assessment/adjustments/${adjustmentId}/decide`, { version: v, approve: true, note: '核实' });
    expect([ok.status, (ok.json as Json).status]).toEqual([200, 'approved']);
    expect((await head.post(`/api/assessment/adjustments/${adjustmentId}/decide`, { version: v + 1, approve: false })).status).toBe(409);
    const after = row(await results(), 'ndrc');
    expect([after.total, after.adjustment]).toEqual([Math.round((before - 5) * 100) / 100, -5]);
    const audit = await env()
      .ctx.db.selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('target_type', '=', 'assessment_adjustment')
      .where('target_id', '=', String(adjustmentId))
      .execute();
    expect(
      audit
        .filter((a) => a.outcome === 'success')
        .map((a) => a.action)
        .sort(),
    ).toEqual(['assessment.adjustment_decide', 'assessment.adjustment_propose']);
  });

  it('refuses appeals before the results are published; the unit appeals after close, and wins: the frozen ranking updates', async () => {
    const early = await liaison.post(`/api/assessment/schemes/${schemeId}/appeals`, { adjustmentId, reason: '已按时报送' });
    expect([early.status, early.json.error]).toEqual([422, 'assessment.appeal_not_published']);
    const closed = await head.post(`/api/assessment/schemes/${schemeId}/close`, { version });
    expect(closed.status).toBe(200);
    const frozen = await results();
    const ndrcBefore = row(frozen, 'ndrc').total;
    expect(row(frozen, 'ndrc').adjustment).toBe(-5);

    expect((await staff.post(`/api/assessment/schemes/${schemeId}/appeals`, { adjustmentId, reason: 'x' })).status).toBe(403);
    const foreign = await otherLiaison.post(`/api/assessment/schemes/${schemeId}/appeals`, { adjustmentId, reason: 'x' });
    expect([foreign.status, foreign.json.error]).toEqual([422, 'assessment.appeal_target']);
    const reviews = (await liaison.get(`/api/assessment/schemes/${schemeId}/reviews`)).json as Json;
    expect([reviews.canAppeal, reviews.adjustments.length]).toEqual([true, 1]);
    const res = await liaison.post(`/api/assessment/schemes/${schemeId}/appeals`, { adjustmentId, reason: '已按时报送，附报送记录' });
    expect(res.status).toBe(200);
    const appealId = (res.json as Json).id;
    expect((await liaison.post(`/api/assessment/schemes/${schemeId}/appeals`, { adjustmentId, reason: '再次' })).status).toBe(409);

    const wb = ((await head.get('/api/workbench')).json as Json).items.filter((i: Json) => i.module === 'assessment' && i.status === '待裁决');
    expect(wb.length).toBe(1);
    expect(((await staff.get('/api/workbench')).json as Json).items.filter((i: Json) => i.status === '待裁决')).toEqual([]);

    const a = ((await head.get(`/api/assessment/schemes/${schemeId}/reviews`)).json as Json).appeals[0];
    expect([a.status, a.actions]).toEqual(['pending', ['decide']]);
    expect((await staff.post(`/api/assessment/appeals/${appealId}/decide`, { version: a.version, upheld: true, reason: 'x' })).status).toBe(403);
    expect((await head.post(`/api/assessment/appeals/${appealId}/decide`, { version: a.version, upheld: true })).status).toBe(400);
    const won = await head.post(`/api/assessment/appeals/${appealId}/decide`, { version: a.version, upheld: true, reason: '报送记录属实，撤销扣分' });
    expect([won.status, (won.json as Json).status, (won.json as Json).recomputed]).toEqual([200, 'upheld', true]);
    const updated = await results();
    expect(updated.frozen).toBe(true);
    expect([row(updated, 'ndrc').total, row(updated, 'ndrc').adjustment]).toEqual([Math.round((ndrcBefore + 5) * 100) / 100, 0]);
    const after = (await liaison.get(`/api/assessment/schemes/${schemeId}/reviews`)).json as Json;
    expect([after.adjustments[0].status, after.appeals[0].status, after.appeals[0].decisionReason]).toEqual(['cancelled', 'upheld', '报送记录属实，撤销扣分']);
    expect(((await head.get('/api/workbench')).json as Json).items.filter((i: Json) => i.status === '待裁决')).toEqual([]);
  });

  it('revises a published scheme into a new draft version copying the tree; the old one stays as it was', async () => {
    const closed = (await staff.get(`/api/assessment/schemes/${schemeId}`)).json as Json;
    expect((await staff.put(`/api/assessment/schemes/${schemeId}/indicators`, { version: closed.version, indicators: [] })).status).toBe(409);
    expect((await liaison.post(`/api/assessment/schemes/${schemeId}/revise`)).status).toBe(403);
    const res = await staff.post(`/api/assessment/schemes/${schemeId}/revise`);
    expect(res.status).toBe(200);
    const next = res.json as Json;
    expect([next.status, next.revision, next.revisionOf, next.period]).toEqual(['draft', 2, schemeId, '2027Q1']);
    expect(next.indicators.map((i: Json) => [i.name, i.weight, i.method])).toEqual(closed.indicators.map((i: Json) => [i.name, i.weight, i.method]));
    expect(next.indicators[0].id).not.toBe(closed.indicators[0].id);
    const again = await staff.post(`/api/assessment/schemes/${next.id}/revise`);
    expect([again.status, again.json.error]).toEqual([409, 'assessment.revise_draft']);
    const third = await staff.post(`/api/assessment/schemes/${schemeId}/revise`);
    expect([third.status, third.json.error]).toEqual([409, 'assessment.revised']);
    expect(((await staff.get(`/api/assessment/schemes/${schemeId}`)).json as Json).version).toBe(closed.version);
  });
  it('refuses an appeal past the time limit with 422 assessment.appeal_window', async () => {
    const reviews = (await liaison.get(`/api/assessment/schemes/${schemeId}/reviews`)).json as Json;
    env().clock.set(`${reviews.appealUntil}T16:30:00Z`); // the next day in China
    liaison = await env().login('fgw_xu'); // the clock jumped past the session's idle time
    const late = await liaison.post(`/api/assessment/schemes/${schemeId}/appeals`, { indicatorId: ids['组织考核'], reason: '评分偏低' });
    expect([late.status, late.json.error]).toEqual([422, 'assessment.appeal_window']);
    expect(late.json.message).toContain(reviews.appealUntil);
  });
});
