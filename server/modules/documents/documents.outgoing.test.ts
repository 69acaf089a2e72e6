import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { archivesModule } from '../archives/archives.module.js';
import { documentsModule } from './documents.module.js';

describeEachDialect(
  'documents: 发文',
  (env) => {
    const draftBody = (over: Record<string, unknown> = {}) => ({
      docType: '通知',
      title: '关于开展公文质量检查的通知',
      level: 0,
      urgency: 'normal',
      orgCode: '青委办发',
      issuerOrgan: '中共青州市委办公厅文件',
      flow: 'down',
      signerId: env().demo.userByName.zr_chen,
      mainTo: '各区委办公室，市直各单位',
      cc: '市纪委监委办公厅',
      bodyHtml: '<p>为提高公文质量，现就有关事项通知如下。</p><p onclick="x()">一、<b>高度重视</b>。<script>alert(1)</script></p>',
      signature: '中共青州市委办公厅',
      printOrgan: '中共青州市委办公厅',
      ...over,
    });
    const act = (c: TestClient, id: number, action: string, body: Record<string, unknown>) => c.post(`/api/documents/${id}/actions/${action}`, body);

    it('drafts, reviews, signs, numbers, distributes and archives; recipients see it', async () => {
      const u = env().demo.userByName;
      const units = env().demo.unitByCode;
      const drafter = await env().login('zhc_zheng');
      const reviewer = await env().login('zhc_wu');
      const signer = await env().login('zr_chen');
      const d = await drafter.post('/api/documents/outgoing', draftBody());
      expect(d.status).toBe(201);
      const id = d.json.id as number;
      const det = await drafter.get(`/api/documents/${id}`);
      expect(det.json.document.bodyHtml).toBe('<p>为提高公文质量，现就有关事项通知如下。</p><p>一、<strong>高度重视</strong>。</p>');
      expect(det.json.actions).toContain('submit');

      expect((await act(drafter, id, 'print', { version: 1 })).json.error).toBe('workflow.invalid_transition');
      expect((await act(drafter, id, 'submit', { version: 1, reviewerIds: [] })).json.error).toBe('workflow.missing_fields');
      expect((await act(drafter, id, 'submit', { version: 1, reviewerIds: [u.zhc_wu] })).status).toBe(200);
      // the drafter cannot approve; a stale version is refused
      expect((await act(drafter, id, 'approve', { version: 2 })).status).toBe(403);
      expect((await act(reviewer, id, 'approve', { version: 1 })).json.error).toBe('stale_version');
      const ap = await act(reviewer, id, 'approve', { version: 2, comment: '同意，呈签' });
      expect(ap.json.status).toBe('to_sign');

      // wrong signer: only the designated signer may sign
      expect((await act(reviewer, id, 'sign', { version: 3 })).status).toBe(403);
      expect((await act(await env().login('fzr_liu'), id, 'sign', { version: 3 })).status).toBe(404);
      expect((await act(signer, id, 'sign', { version: 3 })).json.status).toBe('signed');

      // a substantive change after 签发 sends it back to the signer; a non-substantive one does not
      const ch = await drafter.patch(`/api/documents/${id}`, { version: 4, bodyHtml: '<p>修改后的正文。</p>' });
      expect(ch.status).toBe(200);
      expect(ch.json.status).toBe('to_sign');
      const inbox = await signer.get('/api/notifications?unread=1');
      expect(inbox.json.items.some((n: { kind: string }) => n.kind === 'documents.resign')).toBe(true);
      expect((await act(signer, id, 'sign', { version: 5 })).json.status).toBe('signed');
      const cc = await drafter.patch(`/api/documents/${id}`, { version: 6, cc: '市人大常委会办公室' });
      expect(cc.json.status).toBe('signed');

      expect((await act(drafter, id, 'recheck', { version: 7 })).json.status).toBe('checked');
      const reg = await act(drafter, id, 'register', {
        version: 8,
        mainUnitIds: [units.district_qingshan, units.ndrc],
        ccUnitIds: [units.finance],
        printCount: 40,
      });
      expect(reg.status).toBe(200);
      const numbered = (await drafter.get(`/api/documents/${id}`)).json.document;
      expect(numbered.docNo).toMatch(/^青委办发〔2026〕\d+号$/);
      expect((await act(drafter, id, 'print', { version: 9 })).json.status).toBe('printed');
      expect((await act(drafter, id, 'distribute', { version: 10 })).json.status).toBe('distributed');

      // the recipients' inboxes: a 待签收 incoming copy carrying the number, readable by them
      const qs = await env().login('qs_yuan');
      const inList = await qs.get('/api/documents?direction=in&status=to_receive');
      const copy = inList.json.items.find((i: { title: string }) => i.title === '关于开展公文质量检查的通知');
      expect(copy).toBeTruthy();
      const copyDet = await qs.get(`/api/documents/${copy.id}`);
      expect(copyDet.json.document.originalNo).toBe(numbered.docNo);
      expect(copyDet.json.actions).toContain('receive');
      expect((await qs.get(`/api/documents/${id}`)).status).toBe(404);

      const arch = await act(drafter, id, 'archive', { version: 11, retention: '30y' });
      expect(arch.json.status).toBe('archived');
      const archived = (await drafter.get(`/api/documents/${id}`)).json;
      expect(archived.document.archiveNo).toMatch(/^2026-青委办发-D30-\d{4}$/);
      expect(archived.actions).toEqual([]);
      // archived = read-only
      expect((await drafter.patch(`/api/documents/${id}`, { version: 12, title: '改' })).status).toBe(422);
      expect((await act(drafter, id, 'archive', { version: 12, retention: '10y' })).status).toBe(409);
      // the 档案处 sees the archived document (explicit share)
      const da = await env().login('da_liang');
      expect((await da.get(`/api/documents/${id}`)).status).toBe(200);
      // 保密档案's 案卷目录 lists it under the same 档号 (registered through the archives contract)
      const catalogue = (await da.get('/api/archives?module=documents')).json.items;
      expect(catalogue.find((r: { sourceId: number }) => r.sourceId === id)).toMatchObject({ archiveNo: archived.document.archiveNo, sourceType: 'document' });
      const x = await da.get('/api/documents/archive/export.xlsx?year=2026');
      expect(x.status).toBe(200);
      expect(x.headers['content-type']).toContain('spreadsheetml');
    });

    it('refuses a non-principal signer for 上行文 and 请示', async () => {
      const drafter = await env().login('zhc_zheng');
      const u = env().demo.userByName;
      const r = await drafter.post('/api/documents/outgoing', draftBody({ flow: 'up', signerId: u.fzr_liu, docType: '报告' }));
      expect(r.status).toBe(422);
      expect(r.json.error).toBe('documents.signer_not_principal');
      const s = await drafter.post('/api/documents/outgoing', draftBody({ signerId: u.zhc_wu }));
      expect(s.json.error).toBe('documents.signer_not_allowed');
      expect((await drafter.post('/api/documents/outgoing', draftBody({ flow: 'up', signerId: u.sj_li, docType: '请示' }))).status).toBe(201);
    });

    it('会签: a joint document needs each co-issuing organ before 签发', async () => {
      const units = env().demo.unitByCode;
      const u = env().demo.userByName;
      const drafter = await env().login('zhc_zheng');
      const d = await drafter.post(
        '/api/documents/outgoing',
        draftBody({ jointUnitIds: [units.ndrc, units.finance], title: '关于联合开展项目资金检查的通知' }),
      );
      const id = d.json.id;
      await act(drafter, id, 'submit', { version: 1, reviewerIds: [u.zhc_wu] });
      const rv = await env().login('zhc_wu');
      expect((await act(rv, id, 'approve', { version: 2 })).json.status).toBe('countersigning');
      const fgw = await env().login('fgw_xu');
      const czj = await env().login('czj_han');
      const signer = await env().login('zr_chen');
      expect((await act(signer, id, 'sign', { version: 3 })).status).toBe(409);
      expect((await act(fgw, id, 'countersign', { version: 3, comment: '同意' })).json.status).toBe('countersigning');
      expect((await act(fgw, id, 'countersign', { version: 4 })).status).toBe(403);
      expect((await act(czj, id, 'countersign', { version: 4, comment: '同意' })).json.status).toBe('to_sign');
      const det = (await signer.get(`/api/documents/${id}`)).json;
      expect(det.reviews.filter((r: { kind: string; decision: string }) => r.kind === 'countersign' && r.decision === 'approved')).toHaveLength(2);
    });

    it('quota: numbering (登记编号) consumes the 配额, drafts do not; past it an approval recorded with reasons is needed', async () => {
      const dir = await env().login('fzr_liu');
      const units = env().demo.unitByCode;
      const u = env().demo.userByName;
      const drafter = await env().login('zhc_zheng');
      const reviewer = await env().login('zhc_wu');
      const signer = await env().login('zr_chen');
      const ver = async (id: number) => (await drafter.get(`/api/documents/${id}`)).json.document.version as number;
      /** 送审 → 审核 → 签发 → 复核 → 登记编号; answers the 登记编号 response. */
      const number = async (id: number) => {
        await act(drafter, id, 'submit', { version: await ver(id), reviewerIds: [u.zhc_wu] });
        await act(reviewer, id, 'approve', { version: await ver(id) });
        await act(signer, id, 'sign', { version: await ver(id) });
        await act(drafter, id, 'recheck', { version: await ver(id) });
        return act(drafter, id, 'register', { version: await ver(id), mainUnitIds: [units.ndrc], printCount: 10 });
      };
      const actual = async () =>
        (await dir.get('/api/documents/quota/stats?year=2026')).json.rows.find(
          (r: { unitId: number; docType: string }) => r.unitId === units.general && r.docType === '函',
        )?.actual;
      expect((await drafter.put('/api/documents/quota', { year: 2026, rows: [{ unitId: units.general, docType: '函', plan: 1, quota: 1 }] })).status).toBe(403);
      expect((await dir.put('/api/documents/quota', { year: 2026, rows: [{ unitId: units.general, docType: '函', plan: 1, quota: 1 }] })).status).toBe(200);
      expect((await dir.put('/api/documents/quota', { year: 2026, rows: [{ unitId: units.general, docType: '函', plan: 1, quota: -1 }] })).status).toBe(400);
      // two unsent drafts use nothing
      const first = await drafter.post('/api/documents/outgoing', draftBody({ docType: '函', title: '关于商请支持的函' }));
      const second = await drafter.post('/api/documents/outgoing', draftBody({ docType: '函', title: '关于商请协助的函' }));
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(await actual()).toBe(0);
      // numbering the first uses the quota; the second cannot be numbered, and a third cannot be drafted, without an approval
      expect((await number(first.json.id)).status).toBe(200);
      expect(await actual()).toBe(1);
      const blocked = await number(second.json.id);
      expect([blocked.status, blocked.json.error]).toEqual([422, 'documents.over_quota']);
      expect((await drafter.get(`/api/documents/${second.json.id}`)).json.document.docNo).toBeNull();
      const over = await drafter.post('/api/documents/outgoing', draftBody({ docType: '函', title: '关于再次商请支持的函' }));
      expect(over.status).toBe(422);
      expect(over.json.error).toBe('documents.over_quota');
      const req = await drafter.post('/api/documents/quota/approvals', { docType: '函', title: '关于再次商请支持的函', reason: '市委交办的紧急事项' });
      expect(req.status).toBe(201);
      expect((await drafter.post(`/api/documents/quota/approvals/${req.json.id}/decide`, { version: 1, approve: true, comment: '同意' })).status).toBe(403);
      expect((await drafter.post('/api/documents/outgoing', draftBody({ docType: '函', title: 'x', overQuotaApprovalId: req.json.id }))).json.error).toBe(
        'documents.approval_invalid',
      );
      expect(
        (await dir.post(`/api/documents/quota/approvals/${req.json.id}/decide`, { version: 1, approve: true, comment: '确有必要，同意' })).json.status,
      ).toBe('approved');
      const ok = await drafter.post('/api/documents/outgoing', draftBody({ docType: '函', title: '关于再次商请支持的函', overQuotaApprovalId: req.json.id }));
      expect(ok.status).toBe(201);
      expect((await number(ok.json.id)).status).toBe(200);
      expect((await drafter.post('/api/documents/outgoing', draftBody({ docType: '函', title: 'y', overQuotaApprovalId: req.json.id }))).json.error).toBe(
        'documents.approval_invalid',
      );
      const stats = await dir.get('/api/documents/quota/stats?year=2026');
      const row = stats.json.rows.find((r: { unitId: number; docType: string }) => r.unitId === units.general && r.docType === '函');
      expect(row).toMatchObject({ quota: 1, actual: 2 });
      expect(stats.json.summary.text).toContain('超配额');
      // the settings screen shows its buttons from the server: the 办公厅主任 may set quotas, a drafter may not
      expect(stats.json.canManage).toBe(true);
      expect((await drafter.get('/api/documents/quota/stats?year=2026')).json.canManage).toBe(false);
      const approvals = await dir.get('/api/documents/quota/approvals?year=2026');
      expect(approvals.json.items.find((a: { id: number }) => a.id === req.json.id)).toMatchObject({
        status: 'used',
        reason: '市委交办的紧急事项',
        decisionComment: '确有必要，同意',
      });
    });

    it('warns over-long drafts by the length guide (文风)', async () => {
      const dir = await env().login('fzr_liu');
      expect((await dir.put('/api/documents/length-guide', { guide: { 纪要: 100 } })).status).toBe(200);
      const drafter = await env().login('zhc_zheng');
      const r = await drafter.post('/api/documents/outgoing', draftBody({ docType: '纪要', bodyHtml: `<p>${'会议议定事项'.repeat(30)}</p>` }));
      expect(r.status).toBe(201);
      expect(r.json.warnings[0]).toMatchObject({ code: 'documents.too_long', limit: 100 });
    });

    it('answers 401, 404 without need-to-know or clearance, 400 on bad input', async () => {
      expect((await env().anonymous().get('/api/documents')).status).toBe(401);
      expect((await env().anonymous().post('/api/documents/outgoing', draftBody())).status).toBe(401);
      const drafter = await env().login('zhc_zheng');
      const id = (await drafter.post('/api/documents/outgoing', draftBody({ level: 1, title: '内部文件' }))).json.id;
      const outsider = await env().login('dcs_zhang');
      expect((await outsider.get(`/api/documents/${id}`)).status).toBe(404);
      expect((await outsider.get(`/api/documents/${id}/render.docx`)).status).toBe(404);
      expect((await outsider.post(`/api/documents/${id}/actions/submit`, { version: 1, reviewerIds: [1] })).status).toBe(404);
      expect((await outsider.get('/api/documents?q=内部文件')).json.items).toHaveLength(0);
      const low = await env().login('py_jiang'); // 综合处, clearance 0
      expect((await low.get(`/api/documents/${id}`)).status).toBe(404);
      expect((await low.get('/api/documents?q=内部文件')).json.total).toBe(0);
      const admin = await env().login('sysadmin');
      expect((await admin.get(`/api/documents/${id}`)).status).toBe(404);
      expect((await drafter.post('/api/documents/outgoing', draftBody({ docType: '公函' }))).status).toBe(400);
      expect((await drafter.post('/api/documents/outgoing', draftBody({ level: 3 }))).json.error).toBe('level.not_enabled');
      expect((await drafter.post(`/api/documents/${id}/actions/fly`, { version: 1 })).status).toBe(422);
      expect((await drafter.get('/api/documents?level=9')).status).toBe(400);
      expect((await drafter.patch(`/api/documents/${id}`, { version: 'x' })).status).toBe(400);
    });

    it('核发: the 联络员 of each recipient unit is told and signs for its copy; the sender sees 签收情况; a late unit is reminded', async () => {
      const units = env().demo.unitByCode;
      const u = env().demo.userByName;
      const drafter = await env().login('zhc_zheng');
      const id = (await drafter.post('/api/documents/outgoing', draftBody({ title: '关于做好防汛备汛工作的通知' }))).json.id as number;
      const ver = async () => (await drafter.get(`/api/documents/${id}`)).json.document.version as number;
      await act(drafter, id, 'submit', { version: 1, reviewerIds: [u.zhc_wu] });
      await act(await env().login('zhc_wu'), id, 'approve', { version: await ver() });
      await act(await env().login('zr_chen'), id, 'sign', { version: await ver() });
      await act(drafter, id, 'recheck', { version: await ver() });
      const reg = await act(drafter, id, 'register', { version: await ver(), mainUnitIds: [units.ndrc], ccUnitIds: [units.finance], printCount: 20 });
      expect(reg.status, reg.body).toBe(200);
      await act(drafter, id, 'print', { version: await ver() });
      const v = await ver();
      const dist = await act(drafter, id, 'distribute', { version: v });
      expect(dist.json.status, dist.body).toBe('distributed');

      // the liaisons of both units are notified and have it on the 工作台 with a 签收 button
      const fgw = await env().login('fgw_xu');
      const czj = await env().login('czj_han');
      for (const liaison of [fgw, czj]) {
        const inbox = (await liaison.get('/api/notifications?unread=1')).json.items as { kind: string; link: string }[];
        expect(inbox.some((n) => n.kind === 'documents.delivered')).toBe(true);
      }
      const wb = (await fgw.get('/api/workbench')).json.items as { title: string; link: string }[];
      const item = wb.find((i) => i.title.includes('关于做好防汛备汛工作的通知'));
      expect(item).toBeTruthy();
      const copyId = Number(item!.link.split('/').pop());
      const copy = (await fgw.get(`/api/documents/${copyId}`)).json;
      expect(copy.actions).toEqual(['receive']);
      // a liaison of another unit can neither see nor sign for it
      expect((await act(czj, copyId, 'receive', { version: copy.document.version })).status).toBe(404);
      expect((await act(fgw, copyId, 'receive', { version: copy.document.version })).json.status).toBe('received');
      expect((await fgw.get('/api/workbench')).json.items.some((i: { title: string }) => i.title.includes('关于做好防汛备汛工作的通知'))).toBe(false);

      // the sending side: per-unit 签收 status
      const sent = (await drafter.get(`/api/documents/${id}`)).json.deliveries as { unitId: number; received: boolean; receivedAt: string | null }[];
      expect(sent.map((x) => [x.unitId, x.received])).toEqual([
        [units.ndrc, true],
        [units.finance, false],
      ]);
      expect(sent[0]!.receivedAt).toBeTruthy();

      // at the 签收时限 the unit that has not signed is reminded, the other is not; audited
      const { ctx, clock } = env();
      const reminded = async (userId: number) =>
        (await ctx.db.selectFrom('notification').select('title').where('user_id', '=', userId).where('kind', '=', 'documents.receipt_remind').execute()).filter(
          (n) => n.title.includes('关于做好防汛备汛工作的通知'),
        ).length;
      clock.set(new Date(`${ctx.calendar.addWorkingDays(clock.now().toISOString().slice(0, 10), 3)}T02:00:00.000Z`));
      while ((await ctx.scheduler.runDue()) > 0);
      expect(await reminded(u.czj_han!)).toBe(1);
      expect(await reminded(u.fgw_xu!)).toBe(0);
      const audit = await ctx.db
        .selectFrom('audit_event')
        .select('action')
        .where('action', '=', 'documents.out.receipt_remind')
        .where('target_id', '=', String(id))
        .execute();
      expect(audit).toHaveLength(1);
    });

    it('renders DOCX for a reader', async () => {
      const drafter = await env().login('zhc_zheng');
      const id = (await drafter.post('/api/documents/outgoing', draftBody())).json.id;
      const r = await drafter.get(`/api/documents/${id}/render.docx`);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toContain('wordprocessingml');
    });
  },
  { modules: [documentsModule, archivesModule] },
);
