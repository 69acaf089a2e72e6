/**
 * After 立项, on both databases over real HTTP: 节点 (stages) with their own limits, lights, 催办 and completion;
 * 修改 / 撤销 / 调整分工; 提出建议 and 督办协调; and the 批示件办理情况报告 DOCX opened by LibreOffice.
 */
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { convertWithLibreOffice } from '../../../test/libreoffice.js';
import { supervisionLooseEnds } from './repo/supervision.loose-ends.js';
import { supervisionModule } from './supervision.module.js';

describeEachDialect(
  'supervision after 立项',
  (env) => {
    const unit = (code: string) => env().demo.unitByCode[code]!;
    const user = (name: string) => env().demo.userByName[name]!;
    const loadActorOf = async (username: string) => {
      const { IdentityService } = await import('../identity/identity.service.js');
      return (await new IdentityService(env().ctx).loadActor(env().ctx.db, user(username), { ip: null, userAgent: null, locale: 'zh-CN' }))!;
    };
    const persons: Record<string, string> = { housing: 'zjj_peng', finance: 'czj_han', ecology: 'sthj_feng', emergency: 'yjj_cao', ndrc: 'fgw_xu' };

    /** 立项 → 分解 (the lead task with two stages) → 交办. */
    async function newItem(c: TestClient, units: string[], over: Record<string, unknown> = {}) {
      const reg = await c.post('/api/supervision/items', {
        source: 'instruction',
        instructedBy: '李明华',
        instructedById: user('sj_li'),
        instructionText: '请抓紧研究解决',
        title: '督办城区积水点整治',
        requirement: '汛期前完成整治',
        level: 1,
        leadUnitId: unit(units[0]!),
        coUnitIds: units.slice(1).map(unit),
        responsibleLeaderId: user('msz_zhao'),
        deadline: '2026-04-30',
        ...over,
      });
      expect(reg.status, reg.body).toBe(200);
      const split = await c.post(`/api/supervision/items/${reg.json.item.id}/split`, {
        version: reg.json.item.version,
        tasks: units.map((u, k) => ({
          unitId: unit(u),
          responsibleUserId: user(persons[u]!),
          deadline: '2026-04-30',
          ...(k === 0
            ? {
                stages: [
                  { name: '方案制定', deadline: '2026-03-04' },
                  { name: '组织实施', deadline: '2026-04-10' },
                ],
              }
            : {}),
        })),
      });
      expect(split.status, split.body).toBe(200);
      const issued = await c.post(`/api/supervision/items/${reg.json.item.id}/issue`, { version: split.json.item.version });
      expect(issued.status, issued.body).toBe(200);
      return issued.json;
    }

    it('节点: listed with lights, completed by the unit with a note, 催办 before and after, a late one turns the ledger red', async () => {
      let office = await env().login('dcs_zhang');
      const d = await newItem(office, ['housing']);
      const lead = d.tasks[0];
      expect(lead.stages.map((s: { name: string; light: string }) => [s.name, s.light])).toEqual([
        ['方案制定', 'yellow'],
        ['组织实施', 'green'],
      ]);
      expect(lead.actions).toContain('add_stage');
      expect(lead.actions).not.toContain('complete_stage');
      // 督查室 adds a third stage; the liaison sees 完成节点 and the new stage
      const add = await office.post(`/api/supervision/tasks/${lead.id}/stages`, { version: lead.version, name: '总结验收', deadline: '2026-04-28' });
      expect(add.status, add.body).toBe(200);
      const tooLate = await office.post(`/api/supervision/tasks/${lead.id}/stages`, { version: add.json.version, name: '其他', deadline: '2026-05-28' });
      expect(tooLate.json.error).toBe('supervision.stage_after_deadline');
      let liaison = await env().login('zjj_peng');
      const seen = (await liaison.get(`/api/supervision/items/${d.item.id}`)).json;
      expect(seen.tasks[0].actions).toContain('complete_stage');
      expect(seen.tasks[0].stages).toHaveLength(3);
      expect((await liaison.post(`/api/supervision/tasks/${lead.id}/stages`, { version: add.json.version, name: 'x', deadline: '2026-04-01' })).status).toBe(
        403,
      );
      // another unit may not complete it; 督查室 may not either (the unit reports)
      const stage = seen.tasks[0].stages[0];
      const other = await env().login('sthj_feng');
      expect((await other.post(`/api/supervision/stages/${stage.id}/complete`, { version: stage.version, note: '完成' })).status).toBe(404);
      expect((await office.post(`/api/supervision/stages/${stage.id}/complete`, { version: stage.version, note: '完成' })).status).toBe(403);
      // the first stage's 催办 runs the day before its limit; then its limit passes: the item shows red
      const clock = env().clock;
      const saved = clock.now();
      try {
        clock.set('2026-03-12T02:00:00Z');
        await env().ctx.scheduler.runDue();
        // sessions idle for ten days have expired: log in again
        office = await env().login('dcs_zhang');
        liaison = await env().login('zjj_peng');
        const late = (await office.get(`/api/supervision/items/${d.item.id}`)).json;
        expect(late.item.lateStages).toBe(1);
        expect(late.item.light).toBe('red');
        expect(late.tasks[0].stages[0].light).toBe('red');
        expect(late.timeline.filter((e: { kind: string; message: string }) => e.kind === 'auto_remind' && e.message.includes('方案制定')).length).toBe(3);
        const ledger = (await office.get(`/api/supervision/items?q=${encodeURIComponent(d.item.number)}`)).json;
        expect(ledger.items[0].light).toBe('red');
        // 件件有着落: the late stage is on the board of whoever sees the task
        const open = await supervisionLooseEnds.open(env().ctx.db, await loadActorOf('zjj_peng'), { limit: 50 });
        expect(open.find((i) => i.type === 'stage' && i.title.includes('方案制定'))).toMatchObject({
          deadline: '2026-03-04',
          link: `/supervision/items/${d.item.id}`,
        });
        const done = await liaison.post(`/api/supervision/stages/${stage.id}/complete`, { version: stage.version, note: '方案已印发' });
        expect(done.status, done.body).toBe(200);
        const again = await liaison.post(`/api/supervision/stages/${stage.id}/complete`, { version: done.json.version, note: '再次' });
        expect(again.json.error).toBe('supervision.stage_done');
        const after = (await office.get(`/api/supervision/items/${d.item.id}`)).json;
        expect(after.item.lateStages).toBe(0);
        expect(after.item.light).not.toBe('red');
        expect(after.tasks[0].stages[0]).toMatchObject({ note: '方案已印发', doneByName: '彭宇' });
        expect(after.timeline.some((e: { kind: string; message: string }) => e.kind === 'stage_done' && e.message.includes('（逾期）：方案已印发。'))).toBe(
          true,
        );
        const audits = await env().ctx.db.selectFrom('audit_event').select('action').where('target_id', '=', String(lead.id)).execute();
        expect(audits.map((a) => a.action)).toEqual(
          expect.arrayContaining(['supervision.stage.add', 'supervision.stage.complete', 'supervision.stage.auto_remind']),
        );
      } finally {
        clock.set(saved);
      }
    });

    it('修改 after 立项: versioned, audited by field name, the units told which fields changed', async () => {
      const office = await env().login('dcs_zhang');
      const d = await newItem(office, ['ecology', 'finance']);
      expect(d.actions).toEqual(expect.arrayContaining(['edit', 'withdraw', 'add_task', 'recommend', 'coordinate']));
      const res = await office.patch(`/api/supervision/items/${d.item.id}`, {
        version: d.item.version,
        requirement: '4月底前完成全部积水点整治',
        deadline: '2026-05-15',
      });
      expect(res.status, res.body).toBe(200);
      expect(res.json.item).toMatchObject({ requirement: '4月底前完成全部积水点整治', deadline: '2026-05-15', version: d.item.version + 1 });
      expect((await office.patch(`/api/supervision/items/${d.item.id}`, { version: d.item.version, title: '旧版本' })).status).toBe(409);
      expect((await office.patch(`/api/supervision/items/${d.item.id}`, { version: res.json.item.version, deadline: '2026-04-01' })).json.error).toBe(
        'supervision.deadline_before_tasks',
      );
      const liaison = await env().login('sthj_feng');
      expect((await liaison.patch(`/api/supervision/items/${d.item.id}`, { version: res.json.item.version, title: 'x' })).status).toBe(403);
      const inbox = (await liaison.get('/api/notifications')).json.items as { title: string; body: string }[];
      expect(inbox.find((n) => n.title === `督办事项修改：${d.item.number}`)?.body).toContain('工作要求、总时限');
      const audit = await env()
        .ctx.db.selectFrom('audit_event')
        .select(['action', 'changes'])
        .where('action', '=', 'supervision.item.update')
        .where('target_id', '=', String(d.item.id))
        .orderBy('seq') // the update itself; the refusals after it are audited under the same action, without changes
        .executeTakeFirstOrThrow();
      expect(Object.keys(JSON.parse(audit.changes!))).toEqual(['requirement', 'deadline']);
      expect(audit.changes).not.toContain('积水点');
    });

    it('调整分工 and 撤销: a task added for another unit, a co-unit task withdrawn with its reason, then the item withdrawn', async () => {
      const office = await env().login('dcs_zhang');
      const d = await newItem(office, ['emergency', 'finance']);
      const add = await office.post(`/api/supervision/items/${d.item.id}/tasks`, {
        version: d.item.version,
        unitId: unit('ndrc'),
        responsibleUserId: user('fgw_xu'),
        deadline: '2026-04-20',
      });
      expect(add.status, add.body).toBe(200);
      const ndrcTask = add.json.tasks.find((t: { unitId: number }) => t.unitId === unit('ndrc'));
      expect(ndrcTask.status).toBe('in_progress');
      const ndrc = await env().login('fgw_xu');
      expect((await ndrc.get(`/api/supervision/items/${d.item.id}`)).status).toBe(200);
      expect((await ndrc.get('/api/notifications')).json.items.some((n: { title: string }) => n.title.includes(d.item.number))).toBe(true);
      // finance reported: its task cannot be withdrawn; the lead task never
      const fin = add.json.tasks.find((t: { unitId: number }) => t.unitId === unit('finance'));
      const finance = await env().login('czj_han');
      expect((await finance.post(`/api/supervision/tasks/${fin.id}/reports`, { version: fin.version, content: '已部署' })).status).toBe(200);
      expect((await office.post(`/api/supervision/tasks/${fin.id}/withdraw`, { version: fin.version + 1, reason: '调整' })).json.error).toBe(
        'supervision.task_reported',
      );
      const lead = add.json.tasks.find((t: { isLead: boolean }) => t.isLead);
      expect((await office.post(`/api/supervision/tasks/${lead.id}/withdraw`, { version: lead.version, reason: '调整' })).json.error).toBe(
        'supervision.lead_task_cancel',
      );
      expect((await office.post(`/api/supervision/tasks/${ndrcTask.id}/withdraw`, { version: ndrcTask.version, reason: '' })).status).toBe(400);
      const cancelled = await office.post(`/api/supervision/tasks/${ndrcTask.id}/withdraw`, { version: ndrcTask.version, reason: '职责调整，不再协办' });
      expect(cancelled.status, cancelled.body).toBe(200);
      expect(cancelled.json.tasks.find((t: { id: number }) => t.id === ndrcTask.id).statusName).toBe('已撤销');
      // the item withdrawn: its tasks end as withdrawn, the units told, it leaves the open counts and stays in the record
      const before = (await office.get('/api/supervision/items?status=issued&pageSize=200')).json.total;
      const w = await office.post(`/api/supervision/items/${d.item.id}/withdraw`, { version: cancelled.json.item.version, reason: '已并入防汛专项督办' });
      expect(w.status, w.body).toBe(200);
      expect(w.json.item).toMatchObject({ status: 'withdrawn', statusName: '已撤销', withdrawReason: '已并入防汛专项督办', light: 'none' });
      expect(w.json.tasks.map((t: { status: string }) => t.status)).toEqual(['withdrawn', 'withdrawn', 'withdrawn']);
      expect(w.json.actions).toEqual(['instruction_report']);
      expect((await office.get('/api/supervision/items?status=issued&pageSize=200')).json.total).toBe(before - 1);
      expect((await office.get(`/api/supervision/items?q=${encodeURIComponent(d.item.number)}`)).json.items[0].status).toBe('withdrawn');
      const inbox = (await env().login('yjj_cao')).get('/api/notifications');
      expect(
        (await inbox).json.items.some((n: { title: string; body: string }) => n.title === `督办事项撤销：${d.item.number}` && n.body.includes('防汛')),
      ).toBe(true);
      const jobs = await env()
        .ctx.db.selectFrom('job')
        .select('status')
        .where('target_type', '=', 'supervision_task')
        .where('target_id', '=', lead.id)
        .execute();
      expect(jobs.every((j) => j.status !== 'pending')).toBe(true);
      expect((await office.post(`/api/supervision/items/${d.item.id}/withdraw`, { version: w.json.item.version, reason: '再撤' })).status).toBe(409);
    });

    it('提出建议 and 督办协调: on the timeline, audited, the addressees notified; buttons for 督查室 only', async () => {
      const office = await env().login('dcs_zhang');
      const d = await newItem(office, ['housing', 'ecology']);
      const rec = await office.post(`/api/supervision/items/${d.item.id}/recommendations`, {
        content: '建议将积水点整治纳入城市更新统筹推进',
        toLeader: true,
        unitIds: [unit('housing')],
      });
      expect(rec.status, rec.body).toBe(200);
      expect((await office.post(`/api/supervision/items/${d.item.id}/recommendations`, { content: '无对象' })).status).toBe(400);
      const co = await office.post(`/api/supervision/items/${d.item.id}/coordinations`, {
        unitIds: [unit('housing'), unit('ecology')],
        issue: '排水管网权属不清',
        outcome: '由住建局统一实施，生态环境局配合水质监测',
        date: '2026-03-05',
      });
      expect(co.status, co.body).toBe(200);
      expect(
        (await office.post(`/api/supervision/items/${d.item.id}/coordinations`, { unitIds: [unit('finance')], issue: 'x', outcome: 'y', date: '2026-03-05' }))
          .json.error,
      ).toBe('supervision.unit_not_on_item');
      const liaison = await env().login('sthj_feng');
      expect(
        (await liaison.post(`/api/supervision/items/${d.item.id}/coordinations`, { unitIds: [unit('ecology')], issue: 'x', outcome: 'y', date: '2026-03-05' }))
          .status,
      ).toBe(403);
      const page = (await liaison.get(`/api/supervision/items/${d.item.id}`)).json;
      expect(page.actions).toEqual([]);
      const kinds = page.timeline.map((e: { kind: string }) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['recommend', 'coordinate']));
      expect(page.timeline.find((e: { kind: string }) => e.kind === 'coordinate').message).toContain('议定：由住建局统一实施');
      const leaderInbox = (await (await env().login('sj_li')).get('/api/notifications')).json.items;
      expect(leaderInbox.some((n: { title: string }) => n.title === `督查建议：${d.item.number}`)).toBe(true);
      expect((await liaison.get('/api/notifications')).json.items.some((n: { title: string }) => n.title === `督办协调：${d.item.number}`)).toBe(true);
      const audits = await env().ctx.db.selectFrom('audit_event').select('action').where('target_id', '=', String(d.item.id)).execute();
      expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['supervision.item.recommend', 'supervision.item.coordinate']));
    });

    it('批示件办理情况报告: for the instructing leader, 督查室 and the office director; LibreOffice opens it with the 批示, units and reports', async () => {
      const office = await env().login('dcs_zhang');
      const d = await newItem(office, ['housing', 'finance'], { title: '督办老旧管网改造' });
      const housing = d.tasks.find((t: { unitId: number }) => t.unitId === unit('housing'));
      expect(
        (
          await (
            await env().login('zjj_peng')
          ).post(`/api/supervision/tasks/${housing.id}/reports`, { version: housing.version, content: '已完成管网普查，3月底开工' })
        ).status,
      ).toBe(200);
      const url = `/api/supervision/items/${d.item.id}/instruction-report.docx`;
      for (const who of ['sj_li', 'zr_chen']) {
        const c = await env().login(who);
        expect((await c.get(`/api/supervision/items/${d.item.id}`)).json.actions).toContain('instruction_report');
        expect((await c.get(url)).status, who).toBe(200);
      }
      // the responsible leader and a task unit read the item but do not get the report
      expect((await (await env().login('msz_zhao')).get(url)).status).toBe(403);
      expect((await (await env().login('zjj_peng')).get(url)).status).toBe(403);
      expect((await (await env().login('sthj_feng')).get(url)).status).toBe(404);
      const res = await env().app.inject({ method: 'GET', url, headers: { cookie: (await env().login('sj_li')).cookie! } });
      expect(res.headers['content-type']).toContain('wordprocessingml');
      expect(String(res.headers['content-disposition'])).toContain('instruction-report');
      const [txt] = await convertWithLibreOffice([{ name: 'report.docx', data: res.rawPayload }], 'txt:Text (encoded):UTF8');
      const text = txt!.toString('utf8').replace(/\s+/g, '');
      expect(text).toContain('关于督办老旧管网改造批示办理情况的报告');
      expect(text).toContain('李明华同志：');
      expect(text).toContain('“请抓紧研究解决”');
      expect(text).toContain(d.item.number);
      expect(text).toContain('市住房城乡建设局（牵头）');
      expect(text).toContain('最新反馈（2026年3月2日）：已完成管网普查，3月底开工。');
      expect(text).toContain('市财政局（协办）');
      expect(text).toContain('该单位尚未反馈办理情况。');
      expect(text).toContain('时限2026年4月30日');
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      const audit = await env().ctx.db.selectFrom('audit_event').select('action').where('action', '=', 'supervision.instruction_report').execute();
      expect(audit.length).toBeGreaterThanOrEqual(3);
      // an item without a 批示 has no such report
      const plain = await newItem(office, ['ecology'], { source: 'decision', instructedBy: null, instructedById: null, instructionText: null });
      expect(plain.actions).not.toContain('instruction_report');
      expect((await office.get(`/api/supervision/items/${plain.item.id}/instruction-report.docx`)).json.error).toBe('supervision.no_instruction');
    });
  },
  { modules: [supervisionModule] },
);
