/**
 * 考核督查 through HTTP on both databases: the weight rule level by level (422 naming the level), an
 * automatic indicator against a hand-made supervision fixture, raters and assessors each seeing only
 * their own scores, the weighted ranking with 先进 / 落后, the audited close that freezes the results,
 * and 401 / 404 / 403 / 409 / 422 per route.
 */
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';

type Json = Record<string, any>;

describeEachDialect('assessment', (env) => {
  let head: TestClient; // 黄振华, 督查室 处长 (assessor, closes)
  let staff: TestClient; // 张伟, 督查室 (assessor)
  let rater: TestClient; // 蒋芳, 评议人
  let director: TestClient; // 陈志远, 办公室主任 (leader)
  let liaison: TestClient; // 徐鹏, 市发展改革委
  let secadmin: TestClient;
  let schemeId = 0;
  let version = 0;
  const u = (code: string) => env().demo.unitByCode[code]!;
  const leaf = (tree: Json[], name: string): Json => {
    for (const n of tree) {
      if (n.name === name) return n;
      const f = n.children?.length ? leaf(n.children, name) : undefined;
      if (f) return f;
    }
    return undefined as unknown as Json;
  };
  let tree: Json[] = [];
  let ndrcTasks: number[] = [];
  const drill = (c: TestClient, unit: number) => c.get(`/api/assessment/schemes/${schemeId}/units/${unit}/indicators/${leaf(tree, '督办按期办结率').id}`);

  it('logs in the cast', async () => {
    const c = await Promise.all(['dcs_huang', 'dcs_zhang', 'py_jiang', 'zr_chen', 'fgw_xu', 'secadmin'].map((n) => env().login(n)));
    [head, staff, rater, director, liaison, secadmin] = c as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
  });

  it('lists the demo schemes by who may read them: drafts to the assessors only, nothing to the 三员', async () => {
    const all = (await head.get('/api/assessment/schemes')).json as Json;
    expect(all.items.map((s: Json) => s.status).sort()).toEqual(['draft', 'published']);
    const draft = all.items.find((s: Json) => s.status === 'draft');
    const mine = (await liaison.get('/api/assessment/schemes')).json as Json;
    expect(mine.items.map((s: Json) => s.status)).toEqual(['published']);
    expect(mine.items[0].actions).toEqual([]);
    expect([all.canCreate, mine.canCreate, all.canCockpit, mine.canCockpit]).toEqual([true, false, true, false]);
    expect(((await head.get('/api/assessment/formulas')).json as Json).items.map((f: Json) => f.key)).toContain('supervision.on_time_rate');
    expect(((await secadmin.get('/api/assessment/formulas')).json as Json).items).toEqual([]);
    expect((await liaison.get(`/api/assessment/schemes/${draft.id}`)).status).toBe(404);
    expect(((await secadmin.get('/api/assessment/schemes')).json as Json).items).toEqual([]);
    expect((await env().anonymous().get('/api/assessment/schemes')).status).toBe(401);
    expect((await head.get('/api/assessment/schemes/999999')).status).toBe(404);
  });

  it("opens the 驾驶舱 for leaders and the 督查室: the current period's ranking and this year's 督办 counts as counted by hand", async () => {
    expect((await liaison.get('/api/assessment/cockpit')).status).toBe(403);
    expect((await secadmin.get('/api/assessment/cockpit')).status).toBe(403);
    const res = await director.get('/api/assessment/cockpit');
    expect(res.status).toBe(200);
    const c = res.json as Json;
    expect(c.scheme.name).toMatch(/^2026年度/);
    expect(c.ranking.length).toBe(8);
    expect(c.ranking[0].mark).toBe('advanced');
    const accepted = await env()
      .ctx.db.selectFrom('supervision_task')
      .select(['unit_id', 'accepted_on_time'])
      .where('status', '=', 'accepted')
      .where('accepted_at', '>=', '2026-01-01')
      .where('accepted_at', '<=', `${c.today}T23:59:59.999Z`)
      .execute();
    for (const row of c.supervision.units) {
      const mine = accepted.filter((t) => t.unit_id === row.unitId);
      expect([row.unitName, row.closed, row.closedOnTime]).toEqual([row.unitName, mine.length, mine.filter((t) => t.accepted_on_time === 1).length]);
    }
    expect(accepted.length).toBeGreaterThan(0);
    // This week's 信息流转 (Monday to today) and this year's 发文 per assessed unit, as the modules count them.
    const monday = c.information.from as string;
    expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
    const stats = await env().ctx.services.information!.unitStatistics(
      env().ctx.db,
      { from: monday, to: c.today },
      c.supervision.units.map((x: Json) => x.unitId),
    );
    for (const row of c.information.units) {
      const s = stats.find((x) => x.unitId === row.unitId);
      expect([row.unitId, row.reported, row.adopted]).toEqual([row.unitId, s?.reported ?? 0, s?.adopted.total ?? 0]);
    }
    expect([c.documents.from, c.documents.units.length]).toEqual([`${c.today.slice(0, 4)}-01-01`, c.ranking.length]);
  });

  it('creates a scheme for the 督查室 only, with a period that fits its kind', async () => {
    const body = { name: '2027年上半年考核', periodKind: 'half', period: '2027H1', unitIds: [u('ndrc'), u('finance')], topN: 1, bottomN: 1 };
    expect((await liaison.post('/api/assessment/schemes', body)).status).toBe(403);
    const bad = await staff.post('/api/assessment/schemes', { ...body, period: '2027Q1' });
    expect(bad.status).toBe(422);
    expect((bad.json as Json).error).toBe('assessment.period_format');
    expect((await staff.post('/api/assessment/schemes', { ...body, unitIds: [999999] })).status).toBe(422);
    expect((await staff.post('/api/assessment/schemes', { ...body, topN: 'x' })).status).toBe(400);
    const res = await staff.post('/api/assessment/schemes', body);
    expect(res.status).toBe(200);
    const s = res.json as Json;
    expect([s.status, s.periodFrom, s.periodTo, s.units.length]).toEqual(['draft', '2027-01-01', '2027-06-30', 2]);
    expect(s.actions).toEqual(['editIndicators', 'publish']);
    schemeId = s.id;
    version = s.version;
  });

  it('refuses weights that do not add up to 100, naming the level (and the unit for 个性 indicators)', async () => {
    const put = (indicators: Json[]) => staff.put(`/api/assessment/schemes/${schemeId}/indicators`, { version, indicators });
    const top = await put([
      { name: '办结', weight: 60, scope: 'common', method: 'auto', autoKey: 'supervision.on_time_rate' },
      { name: '组织', weight: 30, scope: 'common', method: 'org' },
    ]);
    expect(top.status).toBe(422);
    expect((top.json as Json).message).toBe('一级指标的权重合计为 90，应为 100');
    const child = await put([
      {
        name: '落实',
        weight: 100,
        scope: 'common',
        children: [
          { name: 'a', weight: 50, scope: 'common', method: 'org' },
          { name: 'b', weight: 40, scope: 'common', method: 'org' },
        ],
      },
    ]);
    expect((child.json as Json).message).toBe('“落实”的下级指标的权重合计为 90，应为 100');
    const specific = await put([
      { name: '个性', weight: 100, scope: 'common', children: [{ name: '重大项目', weight: 100, scope: 'specific', unitId: u('ndrc'), method: 'org' }] },
    ]);
    expect((specific.json as Json).message).toBe('“个性”的下级指标（青州市财政局）的权重合计为 0，应为 100');
    const noMethod = await put([{ name: '空', weight: 100, scope: 'common' }]);
    expect((noMethod.json as Json).error).toBe('assessment.leaf_method');
    const badFormula = await put([{ name: '公式', weight: 100, scope: 'common', method: 'auto', autoKey: 'nope' }]);
    expect((badFormula.json as Json).error).toBe('assessment.unknown_formula');
    expect((await liaison.put(`/api/assessment/schemes/${schemeId}/indicators`, { version, indicators: [] })).status).toBe(404);
  });

  it('saves a valid tree (个性 per unit) with the formula shown, and refuses a stale version', async () => {
    const indicators = [
      { name: '督办按期办结率', weight: 40, scope: 'common', method: 'auto', autoKey: 'supervision.on_time_rate' },
      { name: '组织考核', weight: 30, scope: 'common', method: 'org', rubric: '按责任书核查' },
      { name: '专业评估', weight: 20, scope: 'common', method: 'expert' },
      {
        name: '个性指标',
        weight: 10,
        scope: 'common',
        children: [
          { name: '重大项目', weight: 100, scope: 'specific', unitId: u('ndrc'), method: 'org' },
          { name: '预算绩效', weight: 100, scope: 'specific', unitId: u('finance'), method: 'org' },
        ],
      },
    ];
    const res = await staff.put(`/api/assessment/schemes/${schemeId}/indicators`, { version, indicators });
    expect(res.status).toBe(200);
    const s = res.json as Json;
    tree = s.indicators;
    expect(leaf(tree, '督办按期办结率').formula).toBe('督办按期办结率 = 按期办结数 / 办结数 × 100（本期无办结事项计 0 分）');
    expect(leaf(tree, '预算绩效').unitName).toBe('青州市财政局');
    expect((await staff.put(`/api/assessment/schemes/${schemeId}/indicators`, { version, indicators })).status).toBe(409);
    version = s.version;
  });

  it('publishes (then the tree is frozen: 409) and the rater may read it', async () => {
    expect((await rater.get(`/api/assessment/schemes/${schemeId}`)).status).toBe(404);
    expect((await liaison.post(`/api/assessment/schemes/${schemeId}/publish`, { version })).status).toBe(404);
    const res = await staff.post(`/api/assessment/schemes/${schemeId}/publish`, { version });
    expect(res.status).toBe(200);
    version = (res.json as Json).version;
    const again = await staff.put(`/api/assessment/schemes/${schemeId}/indicators`, { version, indicators: [] });
    expect([again.status, (again.json as Json).error]).toEqual([409, 'assessment.not_draft']);
    expect(((await rater.get(`/api/assessment/schemes/${schemeId}`)).json as Json).actions).toEqual(['scoreExpert']);
  });

  it('scores independently: each assessor and rater sees and writes only their own scores', async () => {
    const org = leaf(tree, '组织考核').id;
    const expert = leaf(tree, '专业评估').id;
    const ndrcTask = leaf(tree, '重大项目').id;
    const financeTask = leaf(tree, '预算绩效').id;
    const save = (c: TestClient, scores: Json[]) => c.put(`/api/assessment/schemes/${schemeId}/scores`, { scores });
    expect((await save(head, [{ indicatorId: org, unitId: u('ndrc'), score: 90 }])).status).toBe(422); // evidence required
    expect((await save(head, [{ indicatorId: org, unitId: u('ndrc'), score: 90, evidence: '核查记录' }])).status).toBe(200);
    expect(
      (
        await save(staff, [
          { indicatorId: org, unitId: u('ndrc'), score: 80, evidence: '核查记录' },
          { indicatorId: org, unitId: u('finance'), score: 70, evidence: '核查记录' },
          { indicatorId: ndrcTask, unitId: u('ndrc'), score: 100, evidence: '台账' },
          { indicatorId: financeTask, unitId: u('finance'), score: 50, evidence: '台账' },
        ])
      ).status,
    ).toBe(200);
    const wrongUnit = await save(staff, [{ indicatorId: ndrcTask, unitId: u('finance'), score: 60, evidence: 'x' }]);
    expect((wrongUnit.json as Json).error).toBe('assessment.not_scorable');
    expect((await save(rater, [{ indicatorId: org, unitId: u('ndrc'), score: 60 }])).status).toBe(422);
    expect((await save(rater, [{ indicatorId: expert, unitId: u('ndrc'), score: 70 }])).status).toBe(200);
    expect((await save(rater, [{ indicatorId: expert, unitId: u('finance'), score: 101 }])).status).toBe(400);
    expect((await save(liaison, [{ indicatorId: expert, unitId: u('ndrc'), score: 70 }])).status).toBe(403);

    const headSheet = (await head.get(`/api/assessment/schemes/${schemeId}/scoring`)).json as Json;
    expect(headSheet.kind).toBe('org');
    expect(headSheet.cells).toEqual([{ indicatorId: org, unitId: u('ndrc'), score: 90, evidence: '核查记录' }]);
    const raterSheet = (await rater.get(`/api/assessment/schemes/${schemeId}/scoring`)).json as Json;
    expect(raterSheet.kind).toBe('expert');
    expect(raterSheet.leaves.map((l: Json) => l.id)).toEqual([expert]);
    expect(raterSheet.cells).toEqual([{ indicatorId: expert, unitId: u('ndrc'), score: 70, evidence: null }]);
    // The rater's 工作台 lists what is left to score here (finance), not for the assessors.
    const wb = ((await rater.get('/api/workbench')).json as Json).items.filter((i: Json) => i.module === 'assessment' && i.id === schemeId);
    expect(wb.map((i: Json) => i.title)).toEqual(['专业评估评分：2027年上半年考核（待评 1 项）']);
    const liaisonSheet = (await liaison.get(`/api/assessment/schemes/${schemeId}/scoring`)).json as Json;
    expect([liaisonSheet.kind, liaisonSheet.cells]).toEqual([null, []]);
    // Nobody but the assessors and leaders sees results while the period runs.
    expect((await rater.get(`/api/assessment/schemes/${schemeId}/results`)).status).toBe(403);
    expect((await liaison.get(`/api/assessment/schemes/${schemeId}/results`)).status).toBe(403);
  });

  it('computes 督办按期办结率 from supervision exactly as counted by hand, and ranks by the weighted sum', async () => {
    const db = env().ctx.db;
    const tasks = await db.selectFrom('supervision_task').select('id').where('unit_id', '=', u('ndrc')).orderBy('id').limit(4).execute();
    expect(tasks.length).toBe(4);
    ndrcTasks = tasks.map((t) => t.id);
    // Three ndrc tasks accepted in 2027H1 (two on time, returned 0+1+2 times), one accepted after the period.
    const fixture: [string, number, number][] = [
      ['2027-02-01T02:00:00.000Z', 1, 0],
      ['2027-03-15T02:00:00.000Z', 1, 1],
      ['2027-06-30T10:00:00.000Z', 0, 2],
      ['2027-07-01T02:00:00.000Z', 0, 5],
    ];
    for (const [i, [at, onTime, returns]] of fixture.entries())
      await db
        .updateTable('supervision_task')
        .set({ status: 'accepted', accepted_at: at, accepted_on_time: onTime, return_count: returns })
        .where('id', '=', tasks[i]!.id)
        .execute();
    // Any other task accepted in the period counts too: hand-count them with the fixture.
    const others = await db
      .selectFrom('supervision_task')
      .select(['unit_id', 'accepted_on_time', 'return_count'])
      .where('status', '=', 'accepted')
      .where('accepted_at', '>=', '2027-01-01')
      .where('accepted_at', '<', '2027-07-01')
      .execute();
    const count = (unit: number) => {
      const mine = others.filter((t) => t.unit_id === unit);
      return { closed: mine.length, closedOnTime: mine.filter((t) => t.accepted_on_time === 1).length, returned: mine.reduce((a, t) => a + t.return_count, 0) };
    };
    expect(count(u('ndrc'))).toEqual({ closed: 3, closedOnTime: 2, returned: 3 });

    const res = await director.get(`/api/assessment/schemes/${schemeId}/results`);
    expect(res.status).toBe(200);
    const r = res.json as Json;
    expect(r.frozen).toBe(false);
    const ndrc = r.rows.find((x: Json) => x.unitId === u('ndrc'));
    const finance = r.rows.find((x: Json) => x.unitId === u('finance'));
    const auto = ndrc.leaves.find((l: Json) => l.method === 'auto');
    const onTimeInputs = (unit: number) => ({ closedOnTime: count(unit).closedOnTime, closed: count(unit).closed }); // the formula's counts
    expect(auto.inputs).toEqual(onTimeInputs(u('ndrc')));
    expect(auto.score).toBe(66.67);
    expect(finance.leaves.find((l: Json) => l.method === 'auto').inputs).toEqual(onTimeInputs(u('finance')));
    // ndrc: 40 × 66.67% + 30 × mean(90, 80)% + 20 × 70% + 10 × 100% = 26.668 + 25.5 + 14 + 10
    expect(ndrc.total).toBe(76.17);
    // finance: auto 0 + 30 × 70% + expert missing (0) + 10 × 50% = 26
    expect(finance.total).toBe(26);
    expect(finance.leaves.find((l: Json) => l.method === 'expert').missing).toBe(true);
    expect(r.rows.map((x: Json) => [x.unitId, x.rank, x.mark])).toEqual([
      [u('ndrc'), 1, 'advanced'],
      [u('finance'), 2, 'lagging'],
    ]);
    // drill-down: the exact tasks counted, each linked to its item for the director, who may read them
    const d = (await drill(director, u('ndrc'))).json as Json;
    const byKey = Object.fromEntries(d.counts.map((c: Json) => [c.key, c]));
    expect([byKey.closed.count, byKey.closed.listed, byKey.closedOnTime.count]).toEqual([3, true, 2]);
    expect(byKey.closed.records.map((x: Json) => x.id)).toEqual(ndrcTasks.slice(0, 3));
    expect(byKey.closedOnTime.records.map((x: Json) => x.id)).toEqual(ndrcTasks.slice(0, 2));
    const item = await db.selectFrom('supervision_task').select('item_id').where('id', '=', ndrcTasks[0]!).executeTakeFirstOrThrow();
    expect([byKey.closed.records[0].readable, byKey.closed.records[0].link]).toEqual([true, `/supervision/items/${item.item_id}`]);
    expect(byKey.closed.records[0].title).toMatch(/^督字〔\d{4}〕\d+号 /);
  });

  it('closes the period (division head only, audited), freezing the results: later records and scores change nothing (409)', async () => {
    expect((await staff.post(`/api/assessment/schemes/${schemeId}/close`, { version })).status).toBe(403);
    expect((await head.post(`/api/assessment/schemes/${schemeId}/close`, { version: version - 1 })).status).toBe(409);
    const res = await head.post(`/api/assessment/schemes/${schemeId}/close`, { version });
    expect(res.status).toBe(200);
    expect((res.json as Json).status).toBe('closed');
    const db = env().ctx.db;
    const audit = await db
      .selectFrom('audit_event')
      .select(['actor_id', 'outcome'])
      .where('action', '=', 'assessment.close')
      .where('target_id', '=', String(schemeId))
      .execute();
    expect(audit.map((a) => a.outcome).sort()).toEqual(['denied', 'success']);

    await db
      .updateTable('supervision_task')
      .set({ status: 'accepted', accepted_at: '2027-03-01T02:00:00.000Z', accepted_on_time: 1 })
      .where('unit_id', '=', u('finance'))
      .execute();
    const again = await head.post(`/api/assessment/schemes/${schemeId}/close`, { version: (res.json as Json).version });
    expect([again.status, (again.json as Json).error]).toEqual([409, 'assessment.closed']);
    const late = await staff.put(`/api/assessment/schemes/${schemeId}/scores`, {
      scores: [{ indicatorId: leaf(tree, '组织考核').id, unitId: u('finance'), score: 100, evidence: 'x' }],
    });
    expect([late.status, (late.json as Json).error]).toEqual([409, 'assessment.closed']);

    const r = (await rater.get(`/api/assessment/schemes/${schemeId}/results`)).json as Json; // everyone sees them once closed
    expect(r.frozen).toBe(true);
    // the rater may read the results, not the tasks: each counted task shows only that it was counted
    const d = (await drill(rater, u('ndrc'))).json as Json;
    const closedRecords = d.counts.find((c: Json) => c.key === 'closed').records as Json[];
    expect(closedRecords.map((x: Json) => [x.id, x.readable, x.title, x.link])).toEqual(ndrcTasks.slice(0, 3).map((id) => [id, false, null, null]));
    expect(r.rows.map((x: Json) => [x.unitId, x.total])).toEqual([
      [u('ndrc'), 76.17],
      [u('finance'), 26],
    ]);
  });
});
