import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { supervisionModule } from './supervision.module.js';
import { findLooseEnds, type SupervisionService } from './supervision.service.js';
import type { SupervisionContract } from './supervision.contract.js';

describeEachDialect(
  'supervision',
  (env) => {
    const unit = (code: string) => env().demo.unitByCode[code]!;
    const user = (name: string) => env().demo.userByName[name]!;

    async function newItem(c: TestClient, over: Record<string, unknown> = {}, units: string[] = ['housing', 'finance']) {
      const reg = await c.post('/api/supervision/items', {
        source: 'instruction',
        instructedBy: '李明华',
        instructedById: user('sj_li'),
        instructionText: '请抓紧办理',
        title: '督办老旧小区改造',
        requirement: '6月底前全部开工',
        level: 1,
        leadUnitId: unit(units[0]!),
        coUnitIds: units.slice(1).map(unit),
        responsibleLeaderId: user('msz_zhao'),
        deadline: '2026-04-30',
        ...over,
      });
      expect(reg.status, reg.body).toBe(200);
      const id = reg.json.item.id as number;
      // the registered co-units are known before 分解立项
      expect(reg.json.item.coUnits.map((u: { id: number }) => u.id)).toEqual(units.slice(1).map(unit));
      const persons: Record<string, string> = { housing: 'zjj_peng', finance: 'czj_han', ecology: 'sthj_feng', emergency: 'yjj_cao', ndrc: 'fgw_xu' };
      const split = await c.post(`/api/supervision/items/${id}/split`, {
        version: reg.json.item.version,
        tasks: units.map((u) => ({ unitId: unit(u), responsibleUserId: user(persons[u]!), deadline: (over.deadline as string | undefined) ?? '2026-04-30' })),
      });
      expect(split.status, split.body).toBe(200);
      const issued = await c.post(`/api/supervision/items/${id}/issue`, { version: split.json.item.version });
      expect(issued.status, issued.body).toBe(200);
      return issued.json as {
        item: { id: number; number: string; version: number; status: string; noticeAttachmentId: number };
        tasks: { id: number; unitId: number; version: number; status: string }[];
      };
    }
    const taskOf = (d: Awaited<ReturnType<typeof newItem>>, code: string) => d.tasks.find((t) => t.unitId === unit(code))!;
    const loadActorOf = async (username: string) => {
      const { IdentityService } = await import('../identity/identity.service.js');
      return (await new IdentityService(env().ctx).loadActor(env().ctx.db, user(username), { ip: null, userAgent: null, locale: 'zh-CN' }))!;
    };

    it('立项 → 分解 → 交办: numbered, notice DOCX stored, liaisons notified and see it on the 工作台', async () => {
      const c = await env().login('dcs_zhang');
      const d = await newItem(c);
      expect(d.item.number).toMatch(/^督字〔2026〕\d+号$/);
      expect(d.item.status).toBe('issued');
      expect(d.tasks.map((t) => t.status)).toEqual(['in_progress', 'in_progress']);
      const liaison = await env().login('zjj_peng');
      const file = await liaison.get(`/api/files/${d.item.noticeAttachmentId}`);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toContain('wordprocessingml');
      const wb = await liaison.get('/api/workbench');
      expect(wb.json.items.some((i: { module: string; link: string }) => i.module === 'supervision' && i.link === `/supervision/items/${d.item.id}`)).toBe(
        true,
      );
      const inbox = await liaison.get('/api/notifications');
      expect(inbox.json.items.some((n: { title: string }) => n.title.includes(d.item.number))).toBe(true);
      // a unit without need-to-know sees neither the item nor its notice
      const other = await env().login('sthj_feng');
      expect((await other.get(`/api/supervision/items/${d.item.id}`)).status).toBe(404);
      expect((await other.get(`/api/files/${d.item.noticeAttachmentId}`)).status).toBe(404);
    });

    it('the 督办通知 and the 汇总分析 write dates as 2026年4月30日, never 2026-04-30', async () => {
      const c = await env().login('dcs_zhang');
      const d = await newItem(c, { title: '督办背街小巷整治', deadline: '2026-04-30' });
      const xmlOf = async (url: string) => {
        const res = await env().app.inject({ method: 'GET', url, headers: { cookie: c.cookie! } });
        expect(res.statusCode).toBe(200);
        return (await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
      };
      const notice = await xmlOf(`/api/files/${d.item.noticeAttachmentId}`);
      expect(notice).toContain('请于2026年4月30日前办结');
      expect(notice).toMatch(/2026年3月2日/); // the notice's date (the test clock's day)
      expect(notice).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      const summary = await xmlOf('/api/supervision/summary.docx?from=2026-01-01&to=2026-12-31');
      expect(summary).toContain('2026年1月1日至2026年12月31日');
      expect(summary).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    });

    it('answers 401 without login, 403 to a liaison registering, 400 for bad input', async () => {
      expect((await env().anonymous().get('/api/supervision/items')).status).toBe(401);
      expect((await env().anonymous().post('/api/supervision/items', {})).status).toBe(401);
      const liaison = await env().login('zjj_peng');
      const r = await liaison.post('/api/supervision/items', {
        source: 'decision',
        title: 'x',
        requirement: 'y',
        level: 0,
        leadUnitId: unit('housing'),
        deadline: '2026-05-01',
      });
      expect(r.status).toBe(403);
      const c = await env().login('dcs_zhang');
      const bad = await c.post('/api/supervision/items', { source: 'nope', title: '', level: 9, leadUnitId: -1, deadline: '2026-13-45' });
      expect(bad.status).toBe(400);
      expect(bad.json.error).toBe('validation_error');
      const past = await c.post('/api/supervision/items', {
        source: 'decision',
        title: '过期',
        requirement: 'y',
        level: 0,
        leadUnitId: unit('housing'),
        deadline: '2020-01-01',
      });
      expect(past.status).toBe(422);
      expect(past.json.error).toBe('supervision.deadline_past');
      const secret = await c.post('/api/supervision/items', {
        source: 'decision',
        title: '秘密',
        requirement: 'y',
        level: 2,
        leadUnitId: unit('housing'),
        deadline: '2026-05-01',
      });
      expect(secret.status).toBe(422);
      expect(secret.json.error).toBe('level.not_enabled');
    });

    it('report → return → resubmit → accept → item concluded → 回访 closes; a closed item takes no more reports', async () => {
      const c = await env().login('dcs_zhang');
      const d = await newItem(c, {}, ['housing']);
      const liaison = await env().login('zjj_peng');
      const t = taskOf(d, 'housing');
      const prog = await liaison.post(`/api/supervision/tasks/${t.id}/reports`, { version: t.version, content: '已完成40%', final: false });
      expect(prog.status, prog.body).toBe(200);
      const fin = await liaison.post(`/api/supervision/tasks/${t.id}/reports`, { version: prog.json.taskVersion, content: '全部开工，申请办结', final: true });
      expect(fin.status).toBe(200);
      // only 督查室 reviews: refused with the module's code, audited as denied under the action and the task
      const refused = await liaison.post(`/api/supervision/tasks/${t.id}/review`, { version: fin.json.taskVersion, decision: 'accept' });
      expect(refused.status).toBe(403);
      expect(refused.json.error).toBe('supervision.not_office');
      const denied = await env()
        .ctx.db.selectFrom('audit_event')
        .select(['action', 'target_type', 'target_id', 'actor_id'])
        .where('outcome', '=', 'denied')
        .where('target_type', '=', 'supervision_task')
        .where('target_id', '=', String(t.id))
        .execute();
      expect(denied).toEqual([{ action: 'supervision.task.accept', target_type: 'supervision_task', target_id: String(t.id), actor_id: user('zjj_peng') }]);
      const ret = await c.post(`/api/supervision/tasks/${t.id}/review`, { version: fin.json.taskVersion, decision: 'return', reason: '佐证材料不全' });
      expect(ret.status, ret.body).toBe(200);
      expect(ret.json.status).toBe('returned');
      const again = await liaison.post(`/api/supervision/tasks/${t.id}/reports`, { version: ret.json.taskVersion, content: '已补充材料', final: true });
      expect(again.status).toBe(200);
      // 办结 of a 批示件's task needs 督查室's 处长: the 工作人员 is refused, naming who may approve
      const all0 = { factsClear: true, problemSolved: true, instructionImplemented: true, conclusionAccurate: true, handlingProper: true };
      const byStaff = await c.post(`/api/supervision/tasks/${t.id}/review`, { version: again.json.taskVersion, decision: 'accept', criteria: all0 });
      expect(byStaff.status).toBe(403);
      expect(byStaff.json.error).toBe('supervision.approver_division_head');
      expect(byStaff.json.message).toContain('督查室处长或办公厅主任');
      const head = await env().login('dcs_huang');
      const unmet = await head.post(`/api/supervision/tasks/${t.id}/review`, {
        version: again.json.taskVersion,
        decision: 'accept',
        criteria: { factsClear: true },
      });
      expect(unmet.status).toBe(422);
      expect(unmet.json.error).toBe('supervision.criteria_unmet');
      const all = { factsClear: true, problemSolved: true, instructionImplemented: true, conclusionAccurate: true, handlingProper: true };
      const acc = await head.post(`/api/supervision/tasks/${t.id}/review`, { version: again.json.taskVersion, decision: 'accept', criteria: all });
      expect(acc.status, acc.body).toBe(200);
      const item = await c.get(`/api/supervision/items/${d.item.id}`);
      expect(item.json.item.status).toBe('concluded');
      // 销号 of a 批示件: the instructing leader (or the 办公厅主任), not 督查室
      expect(item.json.actions).not.toContain('close');
      const staffClose = await c.post(`/api/supervision/items/${d.item.id}/follow-up`, { version: item.json.item.version, note: '回访满意', rating: 5 });
      expect(staffClose.status).toBe(403);
      expect(staffClose.json.error).toBe('supervision.approver_leader');
      expect((await head.post(`/api/supervision/items/${d.item.id}/follow-up`, { version: item.json.item.version, note: '回访满意', rating: 5 })).status).toBe(
        403,
      );
      const li = await env().login('sj_li');
      expect((await li.get(`/api/supervision/items/${d.item.id}`)).json.actions).toContain('close');
      const closed = await li.post(`/api/supervision/items/${d.item.id}/follow-up`, { version: item.json.item.version, note: '群众满意。', rating: 5 });
      expect(closed.status, closed.body).toBe(200);
      expect(closed.json.item.status).toBe('closed');
      expect(closed.json.item.rating).toBe(5);
      const late = await liaison.post(`/api/supervision/tasks/${t.id}/reports`, { version: acc.json.taskVersion, content: '再报', final: false });
      expect(late.status).toBe(422);
      expect(late.json.error).toBe('supervision.task_not_open');
      const kinds = closed.json.timeline.map((e: { kind: string }) => e.kind);
      // the timeline joins the note and 销号 as sentences (not 「群众满意。；销号」)
      expect(closed.json.timeline.find((e: { kind: string }) => e.kind === 'close').message).toBe('结果回访（满意度 5/5）：群众满意。已销号。');
      expect(kinds).toEqual(expect.arrayContaining(['register', 'split', 'issue', 'report', 'request_close', 'return', 'accept', 'conclude', 'close']));
      const audit = await env()
        .ctx.db.selectFrom('audit_event')
        .select('action')
        .where('target_type', '=', 'supervision_task')
        .where('target_id', '=', String(t.id))
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining([
          'supervision.task.issue',
          'supervision.task.report',
          'supervision.task.request_close',
          'supervision.task.return',
          'supervision.task.accept',
        ]),
      );
    });

    it('only the unit reports on its task; other units see neither the task nor its reports', async () => {
      const c = await env().login('dcs_zhang');
      const d = await newItem(c);
      const h = taskOf(d, 'housing');
      const f = taskOf(d, 'finance');
      const housing = await env().login('zjj_peng');
      const finance = await env().login('czj_han');
      expect((await housing.post(`/api/supervision/tasks/${h.id}/reports`, { version: h.version, content: '住建局进展：保密内容' })).status).toBe(200);
      // finance (co-unit) cannot report on housing's task and cannot read its reports
      expect((await finance.post(`/api/supervision/tasks/${h.id}/reports`, { version: h.version + 1, content: 'x' })).status).toBe(404);
      const seen = await finance.get(`/api/supervision/items/${d.item.id}`);
      expect(seen.status).toBe(200);
      expect(seen.json.reports).toHaveLength(0);
      expect(JSON.stringify(seen.json)).not.toContain('保密内容');
      expect(seen.json.tasks.map((t: { id: number }) => t.id)).toEqual([f.id]);
      expect((await finance.get(`/api/supervision/tasks/${h.id}`)).status).toBe(404);
      // the lead unit sees the co-unit's task (coordination) but not its reports
      await finance.post(`/api/supervision/tasks/${f.id}/reports`, { version: f.version, content: '财政局进展：另一单位' });
      const lead = await housing.get(`/api/supervision/items/${d.item.id}`);
      expect(lead.json.tasks).toHaveLength(2);
      expect(JSON.stringify(lead.json.reports)).not.toContain('另一单位');
      // 督查室 sees both
      const office = await c.get(`/api/supervision/items/${d.item.id}`);
      expect(office.json.reports).toHaveLength(2);
      // an unrelated unit: 404 on task and item
      const eco = await env().login('sthj_feng');
      expect((await eco.get(`/api/supervision/tasks/${h.id}`)).status).toBe(404);
      expect((await eco.post(`/api/supervision/tasks/${h.id}/reports`, { version: 1, content: 'x' })).status).toBe(404);
    });

    it('a concurrent review and report on the same task: exactly one wins, the other gets 409', async () => {
      const c = await env().login('dcs_zhang');
      const d = await newItem(c, {}, ['housing']);
      const t = taskOf(d, 'housing');
      const liaison = await env().login('zjj_peng');
      const fin = await liaison.post(`/api/supervision/tasks/${t.id}/reports`, { version: t.version, content: '申请办结', final: true });
      const v = fin.json.taskVersion;
      const all = { factsClear: true, problemSolved: true, instructionImplemented: true, conclusionAccurate: true, handlingProper: true };
      const head = await env().login('dcs_huang');
      const [a, b] = await Promise.all([
        c.post(`/api/supervision/tasks/${t.id}/review`, { version: v, decision: 'return', reason: '补充' }),
        head.post(`/api/supervision/tasks/${t.id}/review`, { version: v, decision: 'accept', criteria: all }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      // report and review racing on the returned/accepted task
      const now = await c.get(`/api/supervision/tasks/${t.id}`);
      if (now.json.task.status === 'returned') {
        const [r1, r2] = await Promise.all([
          liaison.post(`/api/supervision/tasks/${t.id}/reports`, { version: now.json.task.version, content: '再报', final: true }),
          liaison.post(`/api/supervision/tasks/${t.id}/reports`, { version: now.json.task.version, content: '再报2', final: false }),
        ]);
        expect([r1.status, r2.status].sort()).toEqual([200, 409]);
      }
    });

    it('延期: requested before the limit and approved with a new date; refused needs reasons; after the limit it is refused', async () => {
      const c = await env().login('dcs_zhang');
      const d = await newItem(c, { deadline: '2026-03-20' }, ['housing', 'finance']);
      const f = taskOf(d, 'finance');
      const finance = await env().login('czj_han');
      const bad = await finance.post(`/api/supervision/tasks/${f.id}/extensions`, { version: f.version, reason: '需要时间', requestedDeadline: '2026-03-01' });
      expect(bad.status).toBe(422);
      const req = await finance.post(`/api/supervision/tasks/${f.id}/extensions`, {
        version: f.version,
        reason: '需跨部门协调',
        requestedDeadline: '2026-04-30',
      });
      expect(req.status, req.body).toBe(200);
      const dup = await finance.post(`/api/supervision/tasks/${f.id}/extensions`, {
        version: req.json.taskVersion,
        reason: '再申请',
        requestedDeadline: '2026-05-30',
      });
      expect(dup.json.error).toBe('supervision.extension_pending');
      expect((await finance.post(`/api/supervision/extensions/${req.json.extensionId}/decision`, { version: 1, approve: true })).status).toBe(403);
      // the extension of a leader's 批示件: the instructing leader decides, 督查室's 工作人员 is refused naming who may
      const byStaff = await c.post(`/api/supervision/extensions/${req.json.extensionId}/decision`, { version: 1, approve: true, comment: '同意' });
      expect(byStaff.status).toBe(403);
      expect(byStaff.json.error).toBe('supervision.approver_leader');
      expect(byStaff.json.message).toContain('批示领导');
      const li = await env().login('sj_li');
      expect((await li.post(`/api/supervision/extensions/${req.json.extensionId}/decision`, { version: 1, approve: false })).json.error).toBe(
        'supervision.comment_required',
      );
      const ok = await li.post(`/api/supervision/extensions/${req.json.extensionId}/decision`, { version: 1, approve: true, comment: '同意' });
      expect(ok.status, ok.body).toBe(200);
      expect(ok.json.newDeadline).toBe('2026-04-30');
      const task = await finance.get(`/api/supervision/tasks/${f.id}`);
      expect(task.json.task.deadline).toBe('2026-04-30');
      expect(task.json.task.extensionCount).toBe(1);
      // housing misses its limit: an extension is no longer possible
      const h = taskOf(d, 'housing');
      const clock = env().clock;
      const saved = clock.now();
      clock.set('2026-03-23T02:00:00Z');
      try {
        const housing = await env().login('zjj_peng');
        const late = await housing.post(`/api/supervision/tasks/${h.id}/extensions`, { version: h.version, reason: '来不及', requestedDeadline: '2026-05-30' });
        expect(late.status).toBe(422);
        expect(late.json.error).toBe('supervision.extension_after_deadline');
      } finally {
        clock.set(saved);
      }
    });

    it('automatic 催办 before and after the limit, escalation to the leader, manual 催办 — each recorded', async () => {
      const c = await env().login('dcs_zhang');
      const d = await newItem(c, { deadline: '2026-03-27' }, ['emergency']);
      const t = taskOf(d, 'emergency');
      expect((await c.post(`/api/supervision/tasks/${t.id}/remind`, { message: '请加快进度' })).status).toBe(200);
      const liaison = await env().login('yjj_cao');
      expect((await liaison.post(`/api/supervision/tasks/${t.id}/remind`, { message: 'x' })).status).toBe(403);
      const clock = env().clock;
      const saved = clock.now();
      try {
        clock.set('2026-04-05T02:00:00Z');
        await env().ctx.scheduler.runDue();
        const c2 = await env().login('dcs_zhang');
        const events = (await c2.get(`/api/supervision/items/${d.item.id}`)).json.timeline.map((e: { kind: string }) => e.kind);
        expect(events.filter((k: string) => k === 'auto_remind').length).toBe(3);
        expect(events).toContain('escalate');
        expect(events).toContain('remind');
        const leaderInbox = await env()
          .ctx.db.selectFrom('notification')
          .select('title')
          .where('user_id', '=', user('msz_zhao'))
          .where('kind', '=', 'supervision.escalate')
          .execute();
        expect(leaderInbox.some((n) => n.title.includes(d.item.number))).toBe(true);
        const audits = await env()
          .ctx.db.selectFrom('audit_event')
          .select('action')
          .where('target_type', '=', 'supervision_task')
          .where('target_id', '=', String(t.id))
          .execute();
        expect(audits.filter((a) => a.action === 'supervision.task.auto_remind')).toHaveLength(3);
        expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['supervision.task.escalate', 'supervision.task.remind']));
      } finally {
        clock.set(saved);
      }
    });

    it('ledger: filters, lights, 2-character Chinese keyword, and visibility in SQL agreeing with the read policy', async () => {
      const c = await env().login('dcs_zhang');
      await newItem(c, { title: '全面推行河长制专项督办', requirement: '清四乱' }, ['ecology']);
      const hit = await c.get(`/api/supervision/items?q=${encodeURIComponent('河长')}&pageSize=200`);
      expect(hit.status).toBe(200);
      expect(hit.json.total).toBeGreaterThan(0);
      for (const i of hit.json.items) expect(i.title + i.requirement).toContain('河长');
      const three = await c.get(`/api/supervision/items?q=${encodeURIComponent('河长制')}&pageSize=200`);
      expect(three.json.items.every((i: { title: string; requirement: string }) => (i.title + i.requirement).includes('河长制'))).toBe(true);
      const red = await c.get('/api/supervision/items?light=red&pageSize=200');
      for (const i of red.json.items) expect(i.light).toBe('red');
      const byUnit = await c.get(`/api/supervision/items?unitId=${unit('ecology')}&status=issued&pageSize=200`);
      expect(byUnit.json.total).toBeGreaterThan(0);
      expect(await c.get('/api/supervision/items?light=purple').then((r) => r.status)).toBe(400);
      // every visible row is readable, and every item readable by the actor is in the list
      const all = await env().ctx.db.selectFrom('supervision_item').select('id').execute();
      for (const name of ['zjj_peng', 'sthj_feng', 'msz_zhao', 'jyj_dong', 'dcs_zhang', 'auditor']) {
        const u = await env().login(name);
        const listed = new Set<number>();
        for (let page = 1; ; page++) {
          const r = await u.get(`/api/supervision/items?pageSize=200&page=${page}`);
          r.json.items.forEach((i: { id: number }) => listed.add(i.id));
          if (r.json.items.length < 200) break;
        }
        const readable = new Set<number>();
        for (const { id } of all) if ((await u.get(`/api/supervision/items/${id}`)).status === 200) readable.add(id);
        expect([...listed].sort(), name).toEqual([...readable].sort());
      }
    });

    it('liaison task list shows only the unit’s tasks; leader view shows items the leader is responsible for', async () => {
      const c = await env().login('dcs_zhang');
      await newItem(c);
      const liaison = await env().login('czj_han');
      const mine = await liaison.get('/api/supervision/tasks?scope=unit');
      expect(mine.status).toBe(200);
      expect(mine.json.items.length).toBeGreaterThan(0);
      for (const t of mine.json.items) expect(t.unitId).toBe(unit('finance'));
      const leader = await env().login('msz_zhao');
      const l = await leader.get('/api/supervision/items?mine=leader&pageSize=200');
      expect(l.json.total).toBeGreaterThan(0);
      for (const i of l.json.items) expect(i.responsibleLeaderId === user('msz_zhao') || i.instructedById === user('msz_zhao')).toBe(true);
      expect((await env().anonymous().get('/api/supervision/tasks')).status).toBe(401);
    });

    it('exports the filtered ledger as .xlsx with the office columns, only visible rows', async () => {
      const c = await env().login('dcs_zhang');
      await newItem(c, { title: '导出测试事项' });
      const res = await env().app.inject({
        method: 'GET',
        url: `/api/supervision/export.xlsx?q=${encodeURIComponent('导出测试')}`,
        headers: { cookie: c.cookie! },
      });
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
        '编号',
        '事项',
        '密级',
        '来源',
        '牵头单位',
        '协办单位',
        '责任人',
        '时限',
        '进展',
        '状态',
        '灯号',
      ]);
      expect(ws.rowCount).toBeGreaterThanOrEqual(2);
      expect(String(ws.getRow(2).getCell(2).value)).toContain('导出测试');
      expect(String(ws.getRow(2).getCell(6).value)).toContain('市财政局');
      // a unit with no part in it gets an empty ledger
      const eco = await env().login('sthj_feng');
      const r2 = await env().app.inject({
        method: 'GET',
        url: `/api/supervision/export.xlsx?q=${encodeURIComponent('导出测试')}`,
        headers: { cookie: eco.cookie! },
      });
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(r2.rawPayload as unknown as ArrayBuffer);
      expect(wb2.worksheets[0]!.rowCount).toBe(1);
    });

    it('imports from the template with a row-by-row report: all-or-nothing, or exactly the valid rows', async () => {
      const c = await env().login('dcs_zhang');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('s');
      ws.addRow(['事项', '工作要求', '来源', '批示领导', '批示内容', '牵头单位', '协办单位', '责任领导', '时限', '密级', '反馈周期']);
      ws.addRow(['导入事项甲', '要求甲', '专项督查', '李明华', '抓紧', '市住房城乡建设局', '市财政局', '赵国强', '2026-06-30', '内部', '每月']);
      ws.addRow(['导入事项乙', '要求乙', '乱写', '', '', '不存在的单位', '', '', '2026-13-01', '绝密', '']);
      ws.addRow(['导入事项丙', '要求丙', '决策督查', '', '', '市教育局', '', '', '2026-07-01', '公开', '一次性']);
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      const before = Number(
        (
          await env()
            .ctx.db.selectFrom('supervision_item')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const strict = await c.upload('/api/supervision/import?mode=all', 'ledger.xlsx', buf);
      expect(strict.status, strict.body).toBe(200);
      expect(strict.json.committed).toBe(false);
      expect(strict.json.invalid).toBe(1);
      expect(strict.json.rows[1].errors.length).toBeGreaterThanOrEqual(3);
      const mid = Number(
        (
          await env()
            .ctx.db.selectFrom('supervision_item')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(mid).toBe(before);
      const valid = await c.upload('/api/supervision/import?mode=valid', 'ledger.xlsx', buf);
      expect(valid.json.imported).toBe(2);
      expect(valid.json.rows[0].number).toMatch(/^督字/);
      const after = Number(
        (
          await env()
            .ctx.db.selectFrom('supervision_item')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(after).toBe(before + 2);
      const liaison = await env().login('zjj_peng');
      expect((await liaison.upload('/api/supervision/import', 'ledger.xlsx', buf)).status).toBe(403);
      expect((await c.upload('/api/supervision/import', 'ledger.xlsx', Buffer.from('not a workbook'))).status).toBe(422);
    });

    it('statistics and the classified summary DOCX are visibility-filtered', async () => {
      const c = await env().login('dcs_zhang');
      await newItem(c);
      const s = await c.get('/api/supervision/stats');
      expect(s.status).toBe(200);
      expect(s.json.totals.items).toBeGreaterThan(0);
      expect(s.json.byUnit.length).toBeGreaterThan(1);
      const liaison = await env().login('czj_han');
      const ls = await liaison.get('/api/supervision/stats');
      // a liaison sees its own unit's tasks and, where its unit leads, the co-units' tasks: nothing else
      const reachable = await env()
        .ctx.db.selectFrom('supervision_task')
        .select('supervision_task.unit_id')
        .where((eb) => eb.or([eb('supervision_task.unit_id', '=', unit('finance')), eb('supervision_task.lead_unit_id', '=', unit('finance'))]))
        .execute();
      const reachableUnits = new Set(reachable.map((r) => r.unit_id));
      expect(ls.json.byUnit.length).toBeGreaterThan(0);
      for (const u of ls.json.byUnit as { unitId: number }[]) expect(reachableUnits.has(u.unitId)).toBe(true);
      expect(ls.json.totals.items).toBeLessThan(s.json.totals.items);
      const edu = await env().login('jyj_dong');
      const es = await edu.get('/api/supervision/stats');
      // 董丽 (clearance 公开) sees only 公开 items of her unit
      const eduItems = await env()
        .ctx.db.selectFrom('supervision_item')
        .select('id')
        .where('level', '=', 0)
        .where('lead_unit_id', '=', unit('education'))
        .execute();
      expect(es.json.totals.items).toBe(eduItems.length);
      const doc = await env().app.inject({ method: 'GET', url: '/api/supervision/summary.docx?from=2025-01-01&to=2026-12-31', headers: { cookie: c.cookie! } });
      expect(doc.statusCode).toBe(200);
      expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect((await c.get('/api/supervision/summary.docx?from=x')).status).toBe(400);
      expect((await env().anonymous().get('/api/supervision/stats')).status).toBe(401);
    });

    it('keyword: the same rows through the search index (rare term) and through the ordered scan (frequent term); global search finds items only for those who may see them', async () => {
      const c = await env().login('dcs_zhang');
      await newItem(c, { title: '督办秸秆禁烧专项整治', requirement: '加强秸秆禁烧巡查' }, ['ecology', 'finance']);
      await newItem(c, { title: '秸秆综合利用督办', requirement: '提高秸秆综合利用率' }, ['ndrc', 'finance']);
      const svc = env().ctx.services.supervision as SupervisionService;
      const viaIndex = await c.get(`/api/supervision/items?q=${encodeURIComponent('秸秆')}&pageSize=50`);
      expect(viaIndex.json.total).toBe(2);
      svc.keywordCandidates = 1;
      try {
        expect(await env().ctx.search.matchItemIds(env().ctx.db, 'supervision_item', '秸秆', 1)).toBeNull();
        const viaScan = await c.get(`/api/supervision/items?q=${encodeURIComponent('秸秆')}&pageSize=50`);
        expect(viaScan.status, viaScan.body).toBe(200);
        expect(viaScan.json.items.map((i: { id: number }) => i.id)).toEqual(viaIndex.json.items.map((i: { id: number }) => i.id));
      } finally {
        svc.keywordCandidates = 2000;
      }
      // the whole-system search (its route belongs to the library module) sees the items with the same need-to-know
      const { ctx } = env();
      const hits = await ctx.search.query(ctx.db, await loadActorOf('dcs_zhang'), { q: '秸秆禁烧', page: 1, pageSize: 20 });
      expect(hits.items.some((h) => h.module === 'supervision')).toBe(true);
      // the ecology liaison sees the first (own task), not the second; 教育局 sees neither
      expect((await ctx.search.query(ctx.db, await loadActorOf('sthj_feng'), { q: '秸秆', module: 'supervision', page: 1, pageSize: 20 })).total).toBe(1);
      expect((await ctx.search.query(ctx.db, await loadActorOf('jyj_dong'), { q: '秸秆', module: 'supervision', page: 1, pageSize: 20 })).total).toBe(0);
    });

    it('overdue-by-unit (the dashboard figure) agrees with the statistics and is visibility-filtered', async () => {
      await newItem(await env().login('dcs_zhang'), { deadline: '2026-03-10' });
      env().clock.advance(20 * 86_400_000);
      const c = await env().login('dcs_zhang');
      const od = await c.get('/api/supervision/stats/overdue');
      expect(od.status).toBe(200);
      const st = await c.get('/api/supervision/stats');
      const fromStats = (st.json.byUnit as { unitId: number; overdue: number }[]).filter((u) => u.overdue > 0).map((u) => [u.unitId, u.overdue]);
      expect((od.json.items as { unitId: number; overdue: number }[]).map((u) => [u.unitId, u.overdue]).sort()).toEqual(fromStats.sort());
      expect(od.json.total).toBeGreaterThan(0);
      const other = await env().login('zjj_peng');
      const oo = await other.get('/api/supervision/stats/overdue');
      expect(oo.json.total).toBeLessThan(od.json.total);
      expect((await env().anonymous().get('/api/supervision/stats/overdue')).status).toBe(401);
      env().clock.advance(-20 * 86_400_000);
    });

    it('件件有着落: the loose-ends check is clean, and lists an open task whose responsible person is disabled', async () => {
      expect(await findLooseEnds(env().ctx.db)).toEqual([]);
      const c = await env().login('dcs_zhang');
      const d = await newItem(c, {}, ['ndrc']);
      await env().ctx.db.updateTable('user').set({ disabled: 1 }).where('id', '=', user('fgw_xu')).execute();
      try {
        const loose = await findLooseEnds(env().ctx.db);
        expect(loose).toEqual(expect.arrayContaining([{ type: 'task', id: taskOf(d, 'ndrc').id, number: d.item.number, problem: 'no_responsible_person' }]));
      } finally {
        await env().ctx.db.updateTable('user').set({ disabled: 0 }).where('id', '=', user('fgw_xu')).execute();
      }
    });

    it('settings: the 督查室 head changes them under a version; a stale version is 409, staff are refused, the change is audited', async () => {
      const head = await env().login('dcs_huang');
      const cur = await head.get('/api/supervision/settings');
      expect(cur.status).toBe(200);
      const settings = { ...cur.json.settings, remindBeforeDays: [5, 2], yellowDays: 4 };
      expect(cur.json.canManage).toBe(true);
      const staff = await env().login('dcs_zhang');
      expect((await staff.get('/api/supervision/settings')).json.canManage).toBe(false);
      expect((await staff.put('/api/supervision/settings', { version: cur.json.version, settings })).status).toBe(403);
      const put = await head.put('/api/supervision/settings', { version: cur.json.version, settings });
      expect(put.status, put.body).toBe(200);
      expect(put.json.version).toBe(cur.json.version + 1);
      const stale = await head.put('/api/supervision/settings', { version: cur.json.version, settings: cur.json.settings });
      expect(stale.status).toBe(409);
      expect((await head.get('/api/supervision/settings')).json).toEqual({ settings, version: cur.json.version + 1, canManage: true });
      const audit = await env()
        .ctx.db.selectFrom('audit_event')
        .select(['outcome', 'target_type'])
        .where('action', '=', 'supervision.settings_update')
        .orderBy('seq')
        .execute();
      // the staff member's refusal is audited as denied under the same action (authorize), then the one change
      expect(audit.map((a) => a.outcome)).toEqual(['denied', 'success']);
      expect(audit.every((a) => a.target_type === 'setting')).toBe(true);
      // back to what it was, for the tests after this one
      expect((await head.put('/api/supervision/settings', { version: cur.json.version + 1, settings: cur.json.settings })).status).toBe(200);
    });

    it('contract: createFromSource registers in the caller’s transaction; progressBySource is visibility-filtered', async () => {
      const svc = env().ctx.services.supervision as SupervisionContract;
      const full = env().ctx.services.supervision as SupervisionService;
      void full;
      const me = await env().login('dcs_zhang');
      const actor = (await me.get('/api/auth/me')).json.user;
      const clerk = {
        id: actor.id,
        username: 'dcs_zhang',
        name: '张伟',
        unitId: unit('supervision'),
        unitName: '督查室',
        unitCode: 'supervision',
        roles: ['staff'],
        clearance: 1,
        adminRole: null,
        ip: null,
        locale: 'zh-CN',
      } as const;
      const created = await env()
        .ctx.db.transaction()
        .execute((trx) =>
          svc.createFromSource(
            trx,
            { ...clerk, roles: ['staff'] },
            {
              source: 'decision',
              sourceType: 'meeting_decision',
              sourceId: 4242,
              sourceRef: '市委常委会 2026年第3次会议 议题2',
              title: '会后督办事项',
              requirement: '抓好落实',
              leadUnitId: unit('ndrc'),
              coUnitIds: [unit('finance')],
              responsibleLeaderId: user('msz_zhao'),
              deadline: '2026-06-30',
              level: 1,
            },
          ),
        );
      expect(created.number).toMatch(/^督字〔2026〕\d+号$/);
      const item = await me.get(`/api/supervision/items/${created.id}`);
      expect(item.json.item.status).toBe('registered');
      expect(item.json.tasks).toHaveLength(2);
      const p = await svc.progressBySource(env().ctx.db, { ...clerk, roles: ['staff'] }, 'meeting_decision', [4242, 9999]);
      expect(p[4242]).toEqual([{ itemId: created.id, number: created.number, status: 'registered', light: expect.any(String) }]);
      const outsider = { ...clerk, id: user('sthj_feng'), unitId: unit('ecology'), unitCode: 'ecology', roles: ['liaison'] as const };
      expect(await svc.progressBySource(env().ctx.db, { ...outsider, roles: ['liaison'] }, 'meeting_decision', [4242])).toEqual({});
      // 会后督办 by the meeting secretary (not 督查室): the item belongs to 督查室, the creator keeps need-to-know
      const sec = { ...clerk, id: user('msc_sun'), name: '孙立', unitId: unit('secretariat'), unitCode: 'secretariat', roles: ['division_head'] as const };
      const viaMeeting = await env()
        .ctx.db.transaction()
        .execute((trx) =>
          svc.createFromSource(
            trx,
            { ...sec, roles: ['division_head'] },
            {
              source: 'decision',
              sourceType: 'meeting_decision',
              sourceId: 5151,
              sourceRef: '常委会议定事项',
              title: '会议议定事项',
              requirement: '落实',
              leadUnitId: unit('finance'),
              coUnitIds: [],
              deadline: '2026-06-30',
              level: 0,
            },
          ),
        );
      expect((await svc.progressBySource(env().ctx.db, { ...sec, roles: ['division_head'] }, 'meeting_decision', [5151]))[5151]).toHaveLength(1);
      const asOffice = await (await env().login('dcs_huang')).get(`/api/supervision/items/${viaMeeting.id}`);
      expect(asOffice.status).toBe(200);
      expect(asOffice.json.actions).toContain('issue');
      // a rollback of the caller's transaction leaves nothing behind
      await expect(
        env()
          .ctx.db.transaction()
          .execute(async (trx) => {
            await svc.createFromSource(
              trx,
              { ...clerk, roles: ['staff'] },
              {
                source: 'decision',
                sourceType: 'meeting_decision',
                sourceId: 4343,
                sourceRef: 'x',
                title: '回滚',
                requirement: 'y',
                leadUnitId: unit('ndrc'),
                coUnitIds: [],
                deadline: '2026-06-30',
                level: 0,
              },
            );
            throw new Error('caller failed');
          }),
      ).rejects.toThrow('caller failed');
      expect(await svc.progressBySource(env().ctx.db, { ...clerk, roles: ['staff'] }, 'meeting_decision', [4343])).toEqual({});
    });

    it('the instructing leader follows his whole 批示件 (tasks and reports); the office director oversees every item but may not act on it', async () => {
      const u = env().demo.userByName;
      const office = await env().login('dcs_zhang');
      const leader = await env().login('sj_li');
      const director = await env().login('fzr_liu');
      const { db } = env().ctx;
      const mine = await db
        .selectFrom('supervision_item')
        .innerJoin('supervision_task', 'supervision_task.item_id', 'supervision_item.id')
        .select('supervision_item.id')
        .where('supervision_item.instructed_by_id', '=', u.sj_li!)
        .where('supervision_item.responsible_leader_id', '!=', u.sj_li!)
        .executeTakeFirst();
      expect(mine, 'a demo 批示件 of 李明华 with tasks, led by another leader').toBeTruthy();
      const full = (await office.get(`/api/supervision/items/${mine!.id}`)).json;
      const seen = await leader.get(`/api/supervision/items/${mine!.id}`);
      expect(seen.status).toBe(200);
      expect(full.tasks.length).toBeGreaterThan(0);
      expect(seen.json.tasks.map((t: { id: number }) => t.id)).toEqual(full.tasks.map((t: { id: number }) => t.id));
      expect(seen.json.reports.map((r: { id: number }) => r.id)).toEqual(full.reports.map((r: { id: number }) => r.id));
      // his tasks are in his lists too (the SQL rule agrees with the policy)
      const taskId = full.tasks[0].id as number;
      expect((await leader.get(`/api/supervision/tasks/${taskId}`)).status).toBe(200);

      // the office director (办公厅主任, no leader role) opens every item of the office and its reports, and gets no buttons
      // but the 批示件办理情况报告 (a report he may hand to the leader)
      const items = await db.selectFrom('supervision_item').select(['id', 'level']).execute();
      for (const it of items.filter((i) => i.level <= 1)) expect((await director.get(`/api/supervision/items/${it.id}`)).status, `item ${it.id}`).toBe(200);
      const asDirector = (await director.get(`/api/supervision/items/${mine!.id}`)).json;
      expect(asDirector.reports.length).toBe(full.reports.length);
      expect(asDirector.actions).toEqual(['instruction_report']);
      const ledger = await director.get('/api/supervision/items?pageSize=100');
      expect(ledger.json.total).toBe(items.filter((i) => i.level <= 1).length);
      // … but may not act on it: 督查室's work stays 督查室's
      const t = await db.selectFrom('supervision_task').select(['id', 'version']).where('id', '=', taskId).executeTakeFirstOrThrow();
      expect((await director.post(`/api/supervision/tasks/${t.id}/remind`, { version: t.version, message: '请加快进度' })).status).toBe(403);
    });
    it("审批 level per item source: 督查室 items need the 处长, the table is configurable; the lead unit's extension moves the item's 时限; a finished task keeps its light", async () => {
      const c = await env().login('dcs_zhang');
      const head = await env().login('dcs_huang');
      const d = await newItem(c, { source: 'decision', instructedBy: null, instructedById: null, instructionText: null, deadline: '2026-03-20' }, [
        'housing',
        'finance',
      ]);
      const h = taskOf(d, 'housing');
      const housing = await env().login('zjj_peng');
      const req = await housing.post(`/api/supervision/tasks/${h.id}/extensions`, {
        version: h.version,
        reason: '需跨部门协调',
        requestedDeadline: '2026-05-15',
      });
      expect(req.status, req.body).toBe(200);
      // a 工作人员 of 督查室 is refused, naming who may approve; the 处长 approves
      const staff = await c.post(`/api/supervision/extensions/${req.json.extensionId}/decision`, { version: 1, approve: true, comment: '同意' });
      expect(staff.status).toBe(403);
      expect(staff.json.error).toBe('supervision.approver_division_head');
      expect(staff.json.message).toMatch(/督查室处长或办公厅主任/);
      const asStaff = await c.get(`/api/supervision/items/${d.item.id}`);
      expect(asStaff.json.tasks.find((t: { id: number }) => t.id === h.id).actions).not.toContain('decide_extension');
      const asHead = await head.get(`/api/supervision/items/${d.item.id}`);
      expect(asHead.json.tasks.find((t: { id: number }) => t.id === h.id).actions).toContain('decide_extension');
      const ok = await head.post(`/api/supervision/extensions/${req.json.extensionId}/decision`, { version: 1, approve: true, comment: '同意' });
      expect(ok.status, ok.body).toBe(200);
      // the item's overall 时限 follows the lead unit's approved extension (a co-unit's would not)
      const after = await head.get(`/api/supervision/items/${d.item.id}`);
      expect(after.json.item.deadline).toBe('2026-05-15');
      expect(after.json.timeline.some((e: { message: string }) => e.message.includes('事项总时限随之调整'))).toBe(true);
      // the table is configurable: 工作人员 may accept 督查室 items once set so
      const cur = await head.get('/api/supervision/settings');
      expect(cur.json.settings.approvers.decision).toEqual({ extension: 'division_head', accept: 'division_head', close: 'division_head' });
      expect(cur.json.settings.approvers.instruction).toEqual({ extension: 'leader', accept: 'division_head', close: 'leader' });
      const approvers = { ...cur.json.settings.approvers, decision: { extension: 'division_head', accept: 'staff', close: 'division_head' } };
      const put = await head.put('/api/supervision/settings', { version: cur.json.version, settings: { ...cur.json.settings, approvers } });
      expect(put.status, put.body).toBe(200);
      const bad = await head.put('/api/supervision/settings', {
        version: put.json.version,
        settings: { ...cur.json.settings, approvers: { ...approvers, decision: { extension: 'clerk', accept: 'staff', close: 'staff' } } },
      });
      expect(bad.status).toBe(400);
      // finance finishes late: accepted by the 工作人员 now, its light stays 逾期 instead of 无时限
      const f = taskOf(d, 'finance');
      const clock = env().clock;
      const saved = clock.now();
      clock.set('2026-03-25T02:00:00Z');
      try {
        const finance = await env().login('czj_han');
        const c = await env().login('dcs_zhang');
        const fin = await finance.post(`/api/supervision/tasks/${f.id}/reports`, { version: f.version, content: '已完成，申请办结', final: true });
        expect(fin.status, fin.body).toBe(200);
        const all = { factsClear: true, problemSolved: true, instructionImplemented: true, conclusionAccurate: true, handlingProper: true };
        const acc = await c.post(`/api/supervision/tasks/${f.id}/review`, { version: fin.json.taskVersion, decision: 'accept', criteria: all });
        expect(acc.status, acc.body).toBe(200);
        const view = await c.get(`/api/supervision/tasks/${f.id}`);
        expect(view.json.task.light).toBe('none');
        expect(view.json.task.finishedLight).toBe('overdue');
        const open = await c.get(`/api/supervision/tasks/${h.id}`);
        expect(open.json.task.finishedLight).toBeNull();
      } finally {
        clock.set(saved);
      }
    });
  },
  { modules: [supervisionModule] },
);
