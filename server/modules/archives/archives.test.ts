/**
 * 保密档案 through HTTP on both databases: a closed 督办 item archived by the 档案处 as one PDF 卷宗 (pdftotext:
 * every report and review), 档号 and 409 twice; 借阅 — the borrower reads only while the loan is approved and
 * unexpired (FakeClock), never above clearance, liaisons of other units and the 三员 404; 保密期限 → job →
 * review queue → 延期/解密 recorded and audited (the level unchanged until then); the 案卷目录 xlsx; the
 * loose-ends provider.
 *
 * Cast: 梁红 (da_liang, 档案处 staff), 罗清 (jy_luo, 机要保密处 head), 马骏 (dys_ma, 调研室 staff: the borrower),
 * 宋杰 (jd_song, 接待处, clearance 0), 徐鹏 (fgw_xu, 发改委 liaison), secadmin (三员), 张伟 (dcs_zhang, 督查室).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { actorOf } from '../../../test/factories/actors.js';
import { buildSupervisionItem } from '../../../test/factories/supervision.js';
import type { SupervisionService } from '../supervision/supervision.service.js';
import type { ArchivesService } from './archives.service.js';

const DAY = 86_400_000;

function pdfText(buf: Buffer): string {
  const f = path.join(os.tmpdir(), `zs-archive-test-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(f, buf);
  try {
    return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    fs.rmSync(f, { force: true });
  }
}

type Json = Record<string, any>;

describeEachDialect('archives', (env) => {
  let da: TestClient;
  let luo: TestClient;
  let ma: TestClient;
  let recordId = 0;
  let itemId = 0;
  const raw = async (c: TestClient, url: string) => {
    const res = await env().app.inject({ method: 'GET', url, headers: { cookie: c.cookie! } });
    return { status: res.statusCode, buf: res.rawPayload as Buffer, headers: res.headers };
  };
  const login = async () => {
    [da, luo, ma] = (await Promise.all(['da_liang', 'jy_luo', 'dys_ma'].map((n) => env().login(n)))) as [TestClient, TestClient, TestClient];
  };

  it('archives a closed 督办 item as one PDF 卷宗 holding every report and review', async () => {
    await login();
    const svc = env().ctx.services.supervision as SupervisionService;
    const built = await buildSupervisionItem(env(), { stage: 'concluded', units: ['housing', 'finance'], input: { title: '督办城区积水点整治', level: 1 } });
    // a returned-then-accepted review would need more steps: the review comments of the accepting officer are enough here
    const officer = await actorOf(env(), 'dcs_zhang');
    const detail = await svc.getItem(officer, built.id);
    // 销号 of a 督查室 item: its 处长 (the module's default approver table)
    await svc.followUp(await actorOf(env(), 'dcs_huang'), built.id, { version: detail.item.version, note: '回访：积水点已全部整治完毕', rating: 5 });
    itemId = built.id;

    const zhang = await env().login('dcs_zhang');
    expect((await zhang.post('/api/archives', { sourceType: 'supervision_item', sourceId: itemId, retention: 'permanent' })).status).toBe(403);
    expect((await da.post('/api/archives', { sourceType: 'supervision_item', sourceId: itemId, retention: 'forever' })).status).toBe(400);
    const open = await buildSupervisionItem(env(), { stage: 'issued' });
    expect((await da.post('/api/archives', { sourceType: 'supervision_item', sourceId: open.id, retention: 'permanent' })).status).toBe(422);

    const cands = await da.get('/api/archives/candidates');
    expect(cands.json.items.map((c: { sourceId: number }) => c.sourceId)).toContain(itemId);
    expect((await zhang.get('/api/archives/candidates')).json.items).toEqual([]);

    const res = await da.post('/api/archives', { sourceType: 'supervision_item', sourceId: itemId, retention: 'permanent', secrecyUntil: '2026-03-10' });
    expect(res.status, res.body).toBe(200);
    recordId = res.json.record.id;
    expect(res.json.record.archiveNo).toMatch(/^2026-督查室-Y-\d{4}$/);
    expect(res.json.record).toMatchObject({ level: 1, secrecyUntil: '2026-03-10', hasBundle: true, sourceModule: 'supervision' });
    expect((await da.post('/api/archives', { sourceType: 'supervision_item', sourceId: itemId, retention: 'permanent' })).status).toBe(409);
    expect((await da.get('/api/archives/candidates')).json.items.map((c: { sourceId: number }) => c.sourceId)).not.toContain(itemId);

    const pdf = await raw(da, `/api/archives/${recordId}/bundle.pdf`);
    expect(pdf.status).toBe(200);
    expect(String(pdf.headers['content-type'])).toContain('application/pdf');
    const text = pdfText(pdf.buf);
    const reports = await env().ctx.db.selectFrom('supervision_report').selectAll().where('item_id', '=', itemId).execute();
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain('督办城区积水点整治');
    expect(text).toContain(res.json.record.archiveNo);
    for (const r of reports) {
      expect(text).toContain(r.content.replace(/\s+/g, ''));
      expect(r.reviewed_at).not.toBeNull();
    }
    expect(text.match(/审核：审核通过/g)?.length).toBe(reports.length);
    expect(text).toContain('回访：积水点已全部整治完毕');
    const audit = await env()
      .ctx.db.selectFrom('audit_event')
      .select('action')
      .where('target_type', '=', 'archive_record')
      .where('target_id', '=', String(recordId))
      .execute();
    expect(audit.map((a) => a.action)).toContain('archives.archive');
  }, 120_000);

  it('archives a closed 信访 case (personal data masked) and a minuted meeting (纪要, 议定事项, materials) from the demo', async () => {
    const cands = (await da.get('/api/archives/candidates')).json.items as { sourceType: string; sourceId: number; title: string }[];
    const kase = cands.find((c) => c.sourceType === 'petition_case')!;
    const meeting = cands.find((c) => c.sourceType === 'meeting')!;
    expect(kase).toBeDefined();
    expect(meeting).toBeDefined();
    const a = await da.post('/api/archives', { sourceType: 'petition_case', sourceId: kase.sourceId, retention: '10y' });
    expect(a.status, a.body).toBe(200);
    expect(a.json.record).toMatchObject({ sourceModule: 'petitions', level: 0, secrecyUntil: null });
    const row = await env().ctx.db.selectFrom('petition_case').selectAll().where('id', '=', kase.sourceId).executeTakeFirstOrThrow();
    const text = pdfText((await raw(da, `/api/archives/${a.json.record.id}/bundle.pdf`)).buf);
    expect(text).toContain(row.subject);
    expect(text).toContain((row.outcome ?? '').replace(/\s+/g, ''));
    expect(text).not.toContain(row.petitioner_name);
    const m = await da.post('/api/archives', { sourceType: 'meeting', sourceId: meeting.sourceId, retention: 'permanent' });
    expect(m.status, m.body).toBe(200);
    const decisions = await env().ctx.db.selectFrom('meeting_decision').select('text').where('meeting_id', '=', meeting.sourceId).execute();
    const mText = pdfText((await raw(da, `/api/archives/${m.json.record.id}/bundle.pdf`)).buf);
    expect(mText).toContain('会议纪要');
    for (const d of decisions) expect(mText).toContain(d.text.replace(/\s+/g, ''));
  }, 120_000);

  it('archives a concluded 调研课题 from the demo: team, milestones, decision, report, 转化 and 结题 date; a running one 422', async () => {
    if (!da) await login();
    const db = env().ctx.db;
    const t = await db.selectFrom('research_topic').selectAll().where('status', '=', 'concluded').orderBy('id').executeTakeFirstOrThrow();
    const running = await db.selectFrom('research_topic').select('id').where('status', '=', 'in_progress').orderBy('id').executeTakeFirstOrThrow();
    const cand = ((await da.get('/api/archives/candidates')).json.items as Json[]).filter((c) => c.sourceType === 'research_topic');
    expect(cand.map((c) => c.sourceId)).toEqual([t.id]);
    expect(cand[0]).toMatchObject({ title: t.title, number: t.number, sourceName: { zh: '调研课题档案', en: 'Research topic file' } });
    expect((await da.post('/api/archives', { sourceType: 'research_topic', sourceId: running.id, retention: '30y' })).status).toBe(422);
    // the report's file, as 结题 requires one (the demo files the report into 资源共享 without an attachment of the 课题)
    await db
      .insertInto('attachment')
      .values({
        owner_type: 'research_topic',
        owner_id: t.id,
        sha256: 'a'.repeat(64),
        size: 10,
        mime: 'application/pdf',
        filename: '流域治理调研报告.pdf',
        created_by: env().demo.userByName['dys_ma']!,
        created_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    const res = await da.post('/api/archives', { sourceType: 'research_topic', sourceId: t.id, retention: '30y' });
    expect(res.status, res.body).toBe(200);
    expect(res.json.record).toMatchObject({ sourceModule: 'research', sourceType: 'research_topic', level: t.level, hasBundle: true });
    expect((await da.post('/api/archives', { sourceType: 'research_topic', sourceId: t.id, retention: '30y' })).status).toBe(409);
    const text = pdfText((await raw(da, `/api/archives/${res.json.record.id}/bundle.pdf`)).buf);
    const members = await db
      .selectFrom('research_member')
      .innerJoin('user', 'user.id', 'research_member.user_id')
      .select('user.name')
      .where('topic_id', '=', t.id)
      .execute();
    const milestones = await db.selectFrom('research_milestone').selectAll().where('topic_id', '=', t.id).execute();
    const conversions = await db.selectFrom('research_conversion').select('reference').where('topic_id', '=', t.id).execute();
    expect(members.length * milestones.length * conversions.length).toBeGreaterThan(0);
    expect(t.decision_id).not.toBeNull();
    const decision = await db.selectFrom('research_decision').selectAll().where('id', '=', t.decision_id!).executeTakeFirstOrThrow();
    const concluded = new Date(new Date(t.concluded_at!).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    for (const s of [
      t.title,
      t.number,
      '课题组',
      ...members.map((m) => m.name),
      ...milestones.map((m) => m.title),
      '已完成',
      '立项决定',
      `调研联席会议（${decision.held_on}）`,
      (t.report_summary ?? '').slice(0, 20),
      '报告文件：流域治理调研报告.pdf',
      ...conversions.map((c) => c.reference.slice(0, 20)),
      `结题日期：${concluded}`,
      '按期结题',
    ])
      expect(text, s).toContain(s.replace(/\s+/g, ''));
  }, 120_000);

  it('借阅: read only while approved and unexpired; never above clearance; liaisons and the 三员 404', async () => {
    const url = `/api/archives/${recordId}`;
    expect((await ma.get(url)).status).toBe(404);
    expect((await raw(ma, `${url}/bundle.pdf`)).status).toBe(404);
    const entry = (await ma.get('/api/archives')).json.items.find((i: { id: number }) => i.id === recordId);
    expect(entry).toMatchObject({ readable: false, actions: ['borrow'] });

    const liaison = await env().login('fgw_xu');
    const sec = await env().login('secadmin');
    const low = await env().login('jd_song');
    for (const c of [liaison, sec]) {
      expect((await c.get(url)).status).toBe(404);
      expect((await c.get('/api/archives')).json.items.length).toBe(0);
      expect((await c.post(`${url}/loans`, { reason: '查阅', returnDue: '2026-03-20' })).status).toBe(404);
    }
    // 宋杰 (clearance 0) never sees the 内部 record: the request is refused as if it did not exist
    expect((await low.post(`${url}/loans`, { reason: '查阅', returnDue: '2026-03-20' })).status).toBe(404);
    expect((await low.get('/api/archives')).json.items.find((i: { id: number }) => i.id === recordId)).toBeUndefined();

    expect((await ma.post(`${url}/loans`, { reason: '调研', returnDue: '2026-03-01' })).status).toBe(422);
    const req = await ma.post(`${url}/loans`, { reason: '撰写专题调研报告', returnDue: '2026-03-05' });
    expect(req.status, req.body).toBe(200);
    expect((await ma.post(`${url}/loans`, { reason: '再借', returnDue: '2026-03-05' })).status).toBe(403);
    expect((await ma.get(url)).status).toBe(404);
    expect((await ma.post(`/api/archives/loans/${req.json.id}/approve`, { version: 1 })).status).toBe(403);

    // the loan is on the board of the 档案处 (requested) until decided
    const board = await (env().ctx.services.archives as ArchivesService).looseEnds().open(env().ctx.db, await actorOf(env(), 'da_liang'), { limit: 50 });
    expect(board.find((b) => b.type === 'archive_loan' && b.id === req.json.id)).toMatchObject({ deadline: '2026-03-05', status: 'requested' });

    const ok = await da.post(`/api/archives/loans/${req.json.id}/approve`, { version: 1, comment: '同意' });
    expect(ok.status, ok.body).toBe(200);
    expect((await ma.get(url)).status).toBe(200);
    const pdf = await raw(ma, `${url}/bundle.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdfText(pdf.buf)).toContain('督办城区积水点整治');
    // liaisons still 404 while someone else borrows
    expect((await liaison.get(url)).status).toBe(404);

    // after the return date, access ends by itself
    env().clock.advance(4 * DAY); // 2026-03-06
    await login();
    expect((await ma.get(url)).status).toBe(404);
    expect((await raw(ma, `${url}/bundle.pdf`)).status).toBe(404);
    const overdue = await (env().ctx.services.archives as ArchivesService).looseEnds().open(env().ctx.db, await actorOf(env(), 'dys_ma'), { limit: 50 });
    expect(overdue.find((b) => b.id === req.json.id)).toMatchObject({ status: 'overdue' });
    expect((await ma.post(`/api/archives/loans/${req.json.id}/return`, { version: 2 })).status).toBe(200);

    // a second loan ends on return
    const again = await ma.post(`${url}/loans`, { reason: '补充查阅', returnDue: '2026-03-20' });
    await da.post(`/api/archives/loans/${again.json.id}/approve`, { version: 1 });
    expect((await ma.get(url)).status).toBe(200);
    expect((await ma.post(`/api/archives/loans/${again.json.id}/return`, { version: 1 })).status).toBe(409);
    expect((await ma.post(`/api/archives/loans/${again.json.id}/return`, { version: 2 })).status).toBe(200);
    expect((await ma.get(url)).status).toBe(404);

    // never granted above the borrower's current clearance
    const third = await ma.post(`${url}/loans`, { reason: '再次查阅', returnDue: '2026-03-20' });
    const maId = env().demo.userByName.dys_ma!;
    await env().ctx.db.updateTable('user').set({ clearance: 0 }).where('id', '=', maId).execute();
    expect((await da.post(`/api/archives/loans/${third.json.id}/approve`, { version: 1 })).status).toBe(422);
    await env().ctx.db.updateTable('user').set({ clearance: 1 }).where('id', '=', maId).execute();
    expect((await da.post(`/api/archives/loans/${third.json.id}/refuse`, { version: 1, comment: '不属工作必需' })).status).toBe(200);
    expect((await ma.get(url)).status).toBe(404);
  }, 60_000);

  it('保密期限 → review queue (level unchanged) → 延期 recorded and audited; 解密 of the demo record', async () => {
    const rec = async () => (await da.get(`/api/archives/${recordId}`)).json.record;
    // the period ended on 2026-03-10: the job runs the midnight after
    env().clock.set('2026-03-10T15:00:00Z');
    await env().ctx.scheduler.runDue();
    await login();
    expect((await luo.get('/api/archives/reviews?status=pending')).json.items.find((r: { recordId: number }) => r.recordId === recordId)).toBeUndefined();
    env().clock.set('2026-03-10T16:30:00Z');
    await env().ctx.scheduler.runDue();
    await login();
    const queue = (await luo.get('/api/archives/reviews?status=pending')).json.items;
    const review = queue.find((r: { recordId: number }) => r.recordId === recordId);
    expect(review).toMatchObject({ status: 'pending', dueDate: '2026-03-10', actions: ['decide'] });
    expect(await rec()).toMatchObject({ level: 1, secrecyUntil: '2026-03-10' });
    expect((await da.get('/api/archives/reviews')).json.items).toEqual([]);
    expect(
      (await da.post(`/api/archives/reviews/${review.id}/decide`, { version: 1, decision: 'extend', reason: '仍涉及内部工作', newUntil: '2031-03-10' })).status,
    ).toBe(404);
    expect((await luo.post(`/api/archives/reviews/${review.id}/decide`, { version: 1, decision: 'extend', reason: '仍涉及内部工作' })).status).toBe(422);
    expect(
      (await luo.post(`/api/archives/reviews/${review.id}/decide`, { version: 1, decision: 'downgrade', reason: 'x', newLevel: 1, newUntil: '2031-03-10' }))
        .status,
    ).toBe(422);
    expect(await rec()).toMatchObject({ level: 1, secrecyUntil: '2026-03-10' });
    const d = await luo.post(`/api/archives/reviews/${review.id}/decide`, {
      version: 1,
      decision: 'extend',
      reason: '仍涉及内部工作，延长保密期限',
      newUntil: '2031-03-10',
    });
    expect(d.status, d.body).toBe(200);
    expect(d.json).toMatchObject({ status: 'decided', decision: 'extend', newLevel: 1, newUntil: '2031-03-10' });
    expect(await rec()).toMatchObject({ level: 1, secrecyUntil: '2031-03-10' });
    expect((await luo.post(`/api/archives/reviews/${review.id}/decide`, { version: 2, decision: 'declassify', reason: 'x' })).status).toBe(403);
    const audit = await env()
      .ctx.db.selectFrom('audit_event')
      .select(['action', 'changes'])
      .where('action', 'in', ['archives.secrecy_due', 'archives.review_decide'])
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['archives.secrecy_due', 'archives.review_decide']));

    // the demo's old 内部 record waits in the queue; 解密 makes it 公开
    const legacy = queue.find((r: { archiveNo: string }) => r.archiveNo === '2016-综合处-D10-0007');
    expect(legacy).toBeDefined();
    const dec = await luo.post(`/api/archives/reviews/${legacy.id}/decide`, { version: 1, decision: 'declassify', reason: '内容已公开发布' });
    expect(dec.status, dec.body).toBe(200);
    const row = await env().ctx.db.selectFrom('archive_record').select(['level', 'secrecy_until']).where('id', '=', legacy.recordId).executeTakeFirstOrThrow();
    expect(row).toEqual({ level: 0, secrecy_until: null });
  }, 60_000);

  it('exports the 案卷目录 as xlsx: date cells, the 密级 column, the page header', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/archives/export.xlsx', headers: { cookie: da.cookie! } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['档号', '题名', '密级', '保密期限至', '归档日期']));
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    const mine = rows.find((r) => String(r?.[3]) === '督办城区积水点整治')!;
    expect(mine[8]).toBe('内部');
    expect(mine[9]).toBeInstanceOf(Date);
    expect(ws.headerFooter.oddHeader).toContain('内部');
    const liaison = await env().login('fgw_xu');
    const lx = await env().app.inject({ method: 'GET', url: '/api/archives/export.xlsx', headers: { cookie: liaison.cookie! } });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(lx.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0]!.rowCount).toBe(1);
  });

  it('loose ends: check() finds open items without an owner unit or an active borrower', async () => {
    const provider = (env().ctx.services.archives as ArchivesService).looseEnds();
    expect(await provider.check(env().ctx.db)).toEqual([]);
    const url = `/api/archives/${recordId}`;
    const req = await ma.post(`${url}/loans`, { reason: '核对数据', returnDue: '2026-03-12' });
    await da.post(`/api/archives/loans/${req.json.id}/approve`, { version: 1 });
    env().clock.advance(3 * DAY);
    const archivesUnit = env().demo.unitByCode.archives!;
    await env().ctx.db.updateTable('unit').set({ active: 0 }).where('id', '=', archivesUnit).execute();
    const maId = env().demo.userByName.dys_ma!;
    await env().ctx.db.updateTable('user').set({ disabled: 1 }).where('id', '=', maId).execute();
    const found = await provider.check(env().ctx.db);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'archive_loan', problem: 'no_owner_unit' }), // the demo's open request: no 档案处
        expect.objectContaining({ type: 'archive_loan', id: req.json.id, problem: 'no_responsible_person' }),
      ]),
    );
    await env().ctx.db.updateTable('unit').set({ active: 1 }).where('id', '=', archivesUnit).execute();
    await env().ctx.db.updateTable('user').set({ disabled: 0 }).where('id', '=', maId).execute();
  });
});
