/**
 * 保密档案 of 政务接待 through HTTP on both databases: closed 接待方案 (the demo's finished visit, and one
 * drafted, approved, changed after approval, carried out with a cancellation and closed here) are offered to
 * the 档案处 (梁红, da_liang); an open plan is not; the archived bundle's PDF (pdftotext) holds the plan,
 * every itinerary item with its outcome, the approvals, the change reasons, the actual costs and the summary.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.js';

type Json = any;

function pdfText(buf: Buffer): string {
  const f = path.join(os.tmpdir(), `zs-archive-reception-test-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(f, buf);
  try {
    return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    fs.rmSync(f, { force: true });
  }
}

describeEachDialect('archives: reception plans', (env) => {
  const u = (name: string) => env().demo.userByName[name]!;
  const unit = (code: string) => env().demo.unitByCode[code]!;
  const item = (title: string, startsAt: string, budget: number) => ({
    kind: 'visit',
    title,
    startsAt,
    place: '市规划展览馆',
    unitId: unit('reception'),
    personId: u('jd_song'),
    budget,
  });

  /** A plan drafted by 宋杰, approved by 王磊 and 陈志远, changed after approval, carried out and closed. */
  async function closedPlan(): Promise<Json> {
    const [song, wang, chen] = await Promise.all(['jd_song', 'jd_wang', 'zr_chen'].map((n) => env().login(n)));
    const body = {
      title: '南岭市委办公室学习交流团',
      delegation: '中共南岭市委办公室',
      purpose: '学习我市机关效能建设经验',
      arriveDate: '2026-03-20',
      leaveDate: '2026-03-21',
      guests: [{ name: '林一帆', title: '南岭市委副秘书长' }],
      guestCount: 3,
      items: [
        { ...item('高铁站接站', '2026-03-20T09:00:00+08:00', 200), kind: 'pickup', place: '青州高铁站' },
        item('参观规划展览馆', '2026-03-20T14:00:00+08:00', 0),
        { ...item('工作晚餐', '2026-03-20T18:30:00+08:00', 900), kind: 'banquet', place: '青州宾馆' },
      ],
    };
    let plan = (await song!.post('/api/reception/plans', body)).json;
    plan = (await song!.post(`/api/reception/plans/${plan.id}/submit`, { version: plan.version })).json;
    plan = (await wang!.post(`/api/reception/plans/${plan.id}/approve`, { version: plan.version })).json;
    plan = (await chen!.post(`/api/reception/plans/${plan.id}/approve`, { version: plan.version })).json;
    expect(plan.status).toBe('approved');
    const items = plan.items.map((i: Json) => ({
      id: i.id,
      kind: i.kind,
      title: i.title,
      startsAt: i.startsAt,
      place: i.place,
      unitId: i.unit?.id,
      personId: i.person?.id,
      budget: i.budget,
    }));
    items[1].place = '市城市规划馆';
    const changed = await song!.put(`/api/reception/plans/${plan.id}`, { ...body, items, version: plan.version, note: '展览馆闭馆维护，改往城市规划馆' });
    expect(changed.status, changed.body).toBe(200);
    plan = changed.json;
    const [pickup, visit, dinner] = plan.items as Json[];
    expect((await song!.post(`/api/reception/items/${pickup.id}/done`, { version: pickup.version })).status).toBe(200);
    expect((await song!.post(`/api/reception/items/${visit.id}/done`, { version: visit.version })).status).toBe(200);
    expect((await song!.post(`/api/reception/items/${dinner.id}/cancel`, { version: dinner.version, reason: '客人当日下午提前返程' })).status).toBe(200);
    plan = (await song!.get(`/api/reception/plans/${plan.id}`)).json;
    plan = (
      await song!.post(`/api/reception/plans/${plan.id}/costs`, {
        version: plan.version,
        costs: [
          { itemId: pickup.id, actualCost: 180 },
          { itemId: visit.id, actualCost: 0 },
        ],
      })
    ).json;
    const closed = await song!.post(`/api/reception/plans/${plan.id}/close`, {
      version: plan.version,
      summary: '交流团学习了机关效能建设经验，接待费用低于预算。',
    });
    expect(closed.status, closed.body).toBe(200);
    return closed.json;
  }

  it('offers closed plans only, archives one by the 档案处, and the PDF holds the itinerary outcomes, the change reasons and the summary', async () => {
    const da = await env().login('da_liang');
    const plan = await closedPlan();
    const cands = ((await da.get('/api/archives/candidates')).json.items as Json[]).filter((c) => c.sourceType === 'reception_plan');
    const demo = await env().ctx.db.selectFrom('reception_plan').select(['id', 'title', 'status']).orderBy('id').execute();
    const closedIds = demo.filter((p) => p.status === 'closed').map((p) => p.id);
    expect(closedIds).toContain(plan.id);
    expect(cands.map((c) => c.sourceId).sort()).toEqual([...closedIds].sort());
    expect(cands.find((c) => c.sourceId === plan.id)).toMatchObject({
      sourceName: { zh: '接待档案', en: 'Reception file' },
      number: plan.number,
      title: '南岭市委办公室学习交流团接待方案',
      ownerUnit: { id: unit('reception') },
    });
    // a plan not yet closed is not archivable; others than the 档案处 may not archive
    const open = demo.find((p) => p.status !== 'closed')!;
    const refused = await da.post('/api/archives', { sourceType: 'reception_plan', sourceId: open.id, retention: '30y' });
    expect([refused.status, refused.json.error]).toEqual([422, 'archives.not_archivable']);
    expect((await (await env().login('jd_song')).post('/api/archives', { sourceType: 'reception_plan', sourceId: plan.id, retention: '30y' })).status).toBe(
      403,
    );

    const res = await da.post('/api/archives', { sourceType: 'reception_plan', sourceId: plan.id, retention: '30y' });
    expect(res.status, res.body).toBe(200);
    expect(res.json.record).toMatchObject({ sourceModule: 'reception', sourceType: 'reception_plan', level: 0, hasBundle: true, secrecyUntil: null });
    expect(res.json.record.archiveNo).toMatch(/^2026-接待处-D30-\d{4}$/);
    expect((await da.post('/api/archives', { sourceType: 'reception_plan', sourceId: plan.id, retention: '30y' })).status).toBe(409);
    expect(((await da.get('/api/archives/candidates')).json.items as Json[]).map((c) => `${c.sourceType}:${c.sourceId}`)).not.toContain(
      `reception_plan:${plan.id}`,
    );
    expect(((await da.get('/api/archives?module=reception')).json.items as Json[]).map((r) => r.id)).toEqual([res.json.record.id]);

    const pdf = await env().app.inject({ method: 'GET', url: `/api/archives/${res.json.record.id}/bundle.pdf`, headers: { cookie: da.cookie! } });
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    for (const s of [
      res.json.record.archiveNo,
      '中共南岭市委办公室',
      '林一帆（南岭市委副秘书长）',
      '学习我市机关效能建设经验',
      '2026-03-20至2026-03-21',
      '高铁站接站',
      '参观规划展览馆',
      '市城市规划馆',
      '已完成（宋杰',
      '工作晚餐',
      '已取消（原因：客人当日下午提前返程）',
      '处长审核',
      '王磊',
      '陈志远',
      '第2版',
      '变更原因：展览馆闭馆维护，改往城市规划馆',
      '实际费用合计：180元',
      '交流团学习了机关效能建设经验，接待费用低于预算。',
    ])
      expect(text).toContain(s);
  }, 120_000);

  it('the demo’s finished visit (内部) is archived with its default 保密期限', async () => {
    const da = await env().login('da_liang');
    const row = await env().ctx.db.selectFrom('reception_plan').selectAll().where('title', '=', '省委办公厅调研组').executeTakeFirstOrThrow();
    expect([row.status, row.level]).toEqual(['closed', 1]);
    const res = await da.post('/api/archives', { sourceType: 'reception_plan', sourceId: row.id, retention: '10y' });
    expect(res.status, res.body).toBe(200);
    expect(res.json.record.level).toBe(1);
    expect(res.json.record.secrecyUntil).toMatch(/^20\d\d-\d\d-\d\d$/);
    const pdf = await env().app.inject({ method: 'GET', url: `/api/archives/${res.json.record.id}/bundle.pdf`, headers: { cookie: da.cookie! } });
    const text = pdfText(pdf.rawPayload);
    for (const s of ['省委办公厅', '实地查看区督办台账', '无变更', (row.summary ?? '').replace(/\s+/g, '')]) expect(text).toContain(s);
  }, 120_000);
});
