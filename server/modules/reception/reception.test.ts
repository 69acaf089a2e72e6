/**
 * 政务接待 through HTTP on both databases: the demo (an approved upcoming plan, a closed visit), a plan
 * drafted by 宋杰 (接待处 staff), returned and resubmitted, approved by the division head 王磊 and the
 * office director; changed after approval (第2版, change log, the responsible person and the approvers
 * notified, the audit keeps field names only); the day-of checklist with 完成 marks; 取消 with a reason;
 * closing refused until every item is done or cancelled with actual costs, then closed with a summary;
 * DOCX opened by LibreOffice; need-to-know (404), refused writes (403), stale versions (409), bad input
 * (400/422); the 工作台 and the 件件有着落 provider (open items and the checker).
 */
import { expect, it } from 'vitest';
import { describeEachDialect, type TestClient } from '../../../test/harness.js';
import { actorOf } from '../../../test/factories/actors.js';
import { convertWithLibreOffice } from '../../../test/libreoffice.js';
import { receptionModule } from './reception.module.js';

type Json = any;

describeEachDialect(
  'reception',
  (env) => {
    const u = (name: string) => env().demo.userByName[name]!;
    const unit = (code: string) => env().demo.unitByCode[code]!;
    const body = () => ({
      title: '江北省发展改革委调研组',
      delegation: '江北省发展和改革委员会',
      purpose: '调研我市重大项目推进机制',
      arriveDate: '2026-03-10',
      leaveDate: '2026-03-11',
      guests: [
        { name: '丁一', title: '副主任' },
        { name: '钱二', title: '处长' },
      ],
      guestCount: 4,
      items: [
        {
          kind: 'pickup',
          title: '机场接机',
          startsAt: '2026-03-10T09:00:00+08:00',
          place: '青州机场',
          unitId: unit('reception'),
          personId: u('jd_song'),
          vehicles: '商务车1辆',
          budget: 300,
        },
        { kind: 'exchange', title: '重大项目座谈', startsAt: '2026-03-10T14:30:00+08:00', place: '市发展改革委301', budget: 0 },
        {
          kind: 'banquet',
          title: '工作晚餐',
          startsAt: '2026-03-10T18:30:00+08:00',
          place: '青州宾馆',
          unitId: unit('reception'),
          personId: u('jd_wang'),
          standard: '按标准',
          budget: 1200,
        },
      ] as Json[],
    });
    let song: TestClient;
    let wang: TestClient;
    let chen: TestClient;
    let xu: TestClient;
    let dong: TestClient;
    let planId = 0;
    let plan: Json;

    const notes = async (c: TestClient) =>
      ((await c.get('/api/notifications')).json.items as Json[]).filter((n) => String(n.link ?? '').startsWith('/reception/'));

    it('demo: an approved upcoming plan and a closed visit, each seen only by those who need to know', async () => {
      [song, wang, chen, xu, dong] = (await Promise.all(
        ['jd_song', 'jd_wang', 'zr_chen', 'fgw_xu', 'jyj_dong'].map((n) => env().login(n)),
      )) as TestClient[] as [TestClient, TestClient, TestClient, TestClient, TestClient];
      const all = (await wang.get('/api/reception/plans')).json.items as Json[];
      expect(all.map((p) => [p.title, p.status])).toEqual([
        ['江州市委办公室考察团', 'approved'],
        ['省委办公厅调研组', 'closed'],
      ]);
      const closed = all[1];
      expect(closed.actualCost).toBe(790);
      expect(closed.level).toBe(1);
      // 宋杰 (clearance 公开) does not see the 内部 visit; the ndrc liaison only the plan he has an item in
      expect(((await song.get('/api/reception/plans')).json.items as Json[]).map((p) => p.title)).toEqual(['江州市委办公室考察团']);
      expect(((await xu.get('/api/reception/plans')).json.items as Json[]).map((p) => p.title)).toEqual(['江州市委办公室考察团']);
      expect((await xu.get('/api/reception/plans')).json.can.draft).toBe(false);
      expect((await dong.get('/api/reception/plans')).json.items).toEqual([]);
      expect((await dong.get(`/api/reception/plans/${all[0].id}`)).status).toBe(404);
      expect((await song.get(`/api/reception/plans/${closed.id}`)).status).toBe(404);
      expect((await (await env().login('sysadmin')).get(`/api/reception/plans/${all[0].id}`)).status).toBe(404);
      expect((await (await env().login('xxc_he')).get(`/api/reception/plans/${all[0].id}`)).status).toBe(404);
      const upcoming = (await xu.get(`/api/reception/plans/${all[0].id}`)).json;
      expect(upcoming.guests).toHaveLength(3);
      expect(upcoming.items.filter((i: Json) => i.actions.includes('markDone')).map((i: Json) => i.title)).toEqual(['数字机关建设座谈交流']);
      expect(upcoming.actions).toEqual(['read', 'export']);
    });

    it('drafting: only the 接待处, dates, level within clearance, cleared active responsible persons', async () => {
      expect((await dong.post('/api/reception/plans', body())).status).toBe(403);
      expect((await song.post('/api/reception/plans', { ...body(), items: [{ kind: 'dance', title: 'x' }] })).status).toBe(400);
      const bad = await song.post('/api/reception/plans', { ...body(), leaveDate: '2026-03-09' });
      expect([bad.status, bad.json.error]).toEqual([422, 'reception.bad_dates']);
      expect((await song.post('/api/reception/plans', { ...body(), level: 1 })).json.error).toBe('reception.level_too_high');
      const b = body();
      b.items[1] = { ...b.items[1]!, unitId: unit('education'), personId: u('jyj_dong') };
      expect((await wang.post('/api/reception/plans', { ...b, level: 1 })).json.error).toBe('reception.person_clearance');
      b.items[1]!.unitId = 999999;
      expect((await song.post('/api/reception/plans', b)).json.error).toBe('reception.unknown_unit');
      const res = await song.post('/api/reception/plans', body());
      expect(res.status, res.body).toBe(200);
      plan = res.json;
      planId = plan.id;
      expect(plan).toMatchObject({ status: 'draft', level: 0, guestCount: 4, budget: 1500, revision: 0, number: '接字〔2026〕3号' });
      expect(plan.items.map((i: Json) => i.kindName.zh)).toEqual(['接站', '交流', '宴请']);
      expect(plan.actions).toEqual(['read', 'edit', 'submit', 'export']);
      // the ndrc liaison is not yet responsible for anything in it
      expect((await xu.get(`/api/reception/plans/${planId}`)).status).toBe(404);
    });

    it('submitted only complete; returned with a reason; approved by the division head, then the director', async () => {
      const inc = await song.post(`/api/reception/plans/${planId}/submit`, { version: plan.version });
      expect([inc.status, inc.json.error]).toEqual([422, 'reception.incomplete_items']);
      expect(inc.json.message).toContain('第2项');
      const b = {
        ...body(),
        version: plan.version,
        items: plan.items.map((i: Json) => ({
          id: i.id,
          kind: i.kind,
          title: i.title,
          startsAt: i.startsAt,
          place: i.place,
          unitId: i.unit?.id,
          personId: i.person?.id,
          vehicles: i.vehicles,
          standard: i.standard,
          budget: i.budget,
        })),
      };
      b.items[1].unitId = unit('ndrc');
      b.items[1].personId = u('fgw_xu');
      const edited = await song.put(`/api/reception/plans/${planId}`, b);
      expect(edited.status, edited.body).toBe(200);
      expect(edited.json.revision).toBe(0);
      expect((await song.put(`/api/reception/plans/${planId}`, b)).status).toBe(409);
      plan = edited.json;
      expect((await xu.get(`/api/reception/plans/${planId}`)).status).toBe(200);
      plan = (await song.post(`/api/reception/plans/${planId}/submit`, { version: plan.version })).json;
      expect(plan.status).toBe('submitted');
      expect((await song.post(`/api/reception/plans/${planId}/approve`, { version: plan.version })).status).toBe(403);
      expect((await chen.post(`/api/reception/plans/${planId}/approve`, { version: plan.version })).status).toBe(403);
      expect((await wang.post(`/api/reception/plans/${planId}/return`, { version: plan.version, reason: '' })).status).toBe(400);
      const wb = (await wang.get('/api/workbench')).json.items as Json[];
      expect(wb.filter((i) => i.module === 'reception').map((i) => i.title)).toContain('审批接待方案：江北省发展改革委调研组');
      plan = (await wang.post(`/api/reception/plans/${planId}/return`, { version: plan.version, reason: '请补充座谈参加人员' })).json;
      expect([plan.status, plan.returnReason]).toEqual(['draft', '请补充座谈参加人员']);
      expect((await notes(song)).map((n) => n.title)).toContain('接待方案退回');
      plan = (await song.post(`/api/reception/plans/${planId}/submit`, { version: plan.version })).json;
      plan = (await wang.post(`/api/reception/plans/${planId}/approve`, { version: plan.version })).json;
      expect([plan.status, plan.headApprovedBy.name]).toEqual(['head_approved', '王磊']);
      expect((await wang.post(`/api/reception/plans/${planId}/approve`, { version: plan.version })).status).toBe(403);
      expect(((await chen.get('/api/workbench')).json.items as Json[]).some((i) => i.module === 'reception' && i.id === planId)).toBe(true);
      const ok = await chen.post(`/api/reception/plans/${planId}/approve`, { version: plan.version });
      expect(ok.status, ok.body).toBe(200);
      plan = ok.json;
      expect([plan.status, plan.revision, plan.approvedBy.name]).toEqual(['approved', 1, '陈志远']);
      expect((await notes(xu)).map((n) => n.title)).toContain('接待任务');
      expect(((await xu.get('/api/workbench')).json.items as Json[]).filter((i) => i.module === 'reception').map((i) => i.title)).toContain(
        '江北省发展改革委调研组：重大项目座谈',
      );
    });

    it('a change after approval is a new revision with a change log; the people concerned are notified; the audit keeps field names', async () => {
      const items = plan.items.map((i: Json) => ({
        id: i.id,
        kind: i.kind,
        title: i.title,
        startsAt: i.startsAt,
        place: i.place,
        unitId: i.unit?.id,
        personId: i.person?.id,
        vehicles: i.vehicles,
        standard: i.standard,
        budget: i.budget,
      }));
      const b = { ...body(), version: plan.version, items };
      expect((await song.put(`/api/reception/plans/${planId}`, { ...b, note: '座谈改期' })).json.error).toBe('reception.no_change');
      items[1].startsAt = '2026-03-10T15:30:00+08:00';
      items[1].place = '市委第二会议室';
      expect((await song.put(`/api/reception/plans/${planId}`, b)).json.error).toBe('reception.change_note_required');
      expect((await song.put(`/api/reception/plans/${planId}`, { ...b, items: items.slice(0, 2), note: 'x' })).json.error).toBe(
        'reception.remove_after_approval',
      );
      expect((await xu.put(`/api/reception/plans/${planId}`, { ...b, note: 'x' })).status).toBe(403);
      const before = (await notes(xu)).length;
      const res = await song.put(`/api/reception/plans/${planId}`, { ...b, note: '领导日程调整，座谈推迟一小时' });
      expect(res.status, res.body).toBe(200);
      plan = res.json;
      expect(plan.revision).toBe(2);
      expect(plan.changes).toEqual([
        expect.objectContaining({
          revision: 2,
          note: '领导日程调整，座谈推迟一小时',
          fields: ['交流「重大项目座谈」：时间、地点'],
          by: { id: u('jd_song'), name: '宋杰' },
        }),
      ]);
      const got = await notes(xu);
      expect(got.length).toBe(before + 1);
      expect(got[0]).toMatchObject({ title: '接待方案变更', link: `/reception/plans/${planId}` });
      expect(got[0].body).toContain('第2版');
      for (const approver of [wang, chen]) expect((await notes(approver)).map((n) => n.title)).toContain('接待方案变更');
      const audit = await env()
        .ctx.db.selectFrom('audit_event')
        .select(['changes'])
        .where('action', '=', 'reception.change')
        .where('target_id', '=', String(planId))
        .where('outcome', '=', 'success')
        .executeTakeFirstOrThrow();
      const changes = JSON.parse(String(audit.changes));
      const key = `item.${items[1].id}.place`;
      expect(Object.keys(changes).sort()).toEqual([`item.${items[1].id}.starts_at`, key, 'revision'].sort());
      expect(JSON.stringify(changes)).not.toContain('市委第二会议室');
    });

    it('the day-of checklist in time order; 完成 by the responsible person; 取消 with a reason; closed only complete with actual costs', async () => {
      env().clock.set('2026-03-10T00:30:00Z');
      [song, xu, dong] = (await Promise.all(['jd_song', 'fgw_xu', 'jyj_dong'].map((n) => env().login(n)))) as [TestClient, TestClient, TestClient];
      const list = (await xu.get('/api/reception/checklist')).json;
      expect(list.date).toBe('2026-03-10');
      expect(list.items.map((i: Json) => i.title)).toEqual(['机场接机', '重大项目座谈', '工作晚餐']);
      expect(list.items[1]).toMatchObject({ planTitle: '江北省发展改革委调研组', light: 'yellow', actions: ['markDone'] });
      expect((await dong.get('/api/reception/checklist?date=2026-03-10')).json.items).toEqual([]);
      const [pickup, talk, dinner] = list.items as Json[];
      expect((await xu.post(`/api/reception/items/${pickup.id}/done`, { version: pickup.version })).status).toBe(403);
      expect((await dong.post(`/api/reception/items/${pickup.id}/done`, { version: pickup.version })).status).toBe(404);
      const closeEarly = await song.post(`/api/reception/plans/${planId}/close`, { version: plan.version, summary: '完成' });
      expect([closeEarly.status, closeEarly.json.error]).toEqual([422, 'reception.items_open']);
      const done = await xu.post(`/api/reception/items/${talk.id}/done`, { version: talk.version });
      expect(done.status, done.body).toBe(200);
      expect(done.json).toMatchObject({ status: 'done', doneBy: { name: '徐鹏' }, light: 'none', actions: [] });
      expect((await xu.post(`/api/reception/items/${talk.id}/done`, { version: done.json.version })).status).toBe(403);
      expect((await song.post(`/api/reception/items/${pickup.id}/done`, { version: pickup.version })).status).toBe(200);
      expect((await song.post(`/api/reception/items/${dinner.id}/cancel`, { version: dinner.version, reason: '' })).status).toBe(400);
      const cancelled = await song.post(`/api/reception/items/${dinner.id}/cancel`, { version: dinner.version, reason: '客人改乘晚班高铁返程' });
      expect(cancelled.json).toMatchObject({ status: 'cancelled', cancelReason: '客人改乘晚班高铁返程' });
      plan = (await song.get(`/api/reception/plans/${planId}`)).json;
      const noCost = await song.post(`/api/reception/plans/${planId}/close`, { version: plan.version, summary: '完成' });
      expect([noCost.json.error, noCost.json.message]).toEqual(['reception.costs_missing', expect.stringContaining('第1项、第2项')]);
      expect((await song.post(`/api/reception/plans/${planId}/costs`, { version: plan.version, costs: [{ itemId: 999999, actualCost: 1 }] })).json.error).toBe(
        'reception.unknown_item',
      );
      expect((await song.post(`/api/reception/plans/${planId}/costs`, { version: plan.version, costs: [{ itemId: pickup.id, actualCost: -1 }] })).status).toBe(
        400,
      );
      const costs = await song.post(`/api/reception/plans/${planId}/costs`, {
        version: plan.version,
        costs: [
          { itemId: pickup.id, actualCost: 280 },
          { itemId: talk.id, actualCost: 0 },
        ],
      });
      expect(costs.status, costs.body).toBe(200);
      plan = costs.json;
      expect([plan.budget, plan.actualCost]).toEqual([300, 280]);
      expect((await song.post(`/api/reception/plans/${planId}/close`, { version: plan.version })).status).toBe(400);
      const closed = await song.post(`/api/reception/plans/${planId}/close`, { version: plan.version, summary: '调研顺利完成，费用低于预算。' });
      expect(closed.status, closed.body).toBe(200);
      expect([closed.json.status, closed.json.actions]).toEqual(['closed', ['read', 'export']]);
    });

    it('exports the plan with its itinerary as DOCX that LibreOffice opens', async () => {
      const res = await env().app.inject({ method: 'GET', url: `/api/reception/plans/${planId}/plan.docx`, headers: { cookie: song.cookie! } });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['content-disposition'])).toContain(`reception-plan-${planId}`);
      expect((await dong.get(`/api/reception/plans/${planId}/plan.docx`)).status).toBe(404);
      const [txt] = await convertWithLibreOffice([{ name: 'plan.docx', data: res.rawPayload }], 'txt:Text (encoded):UTF8');
      const text = txt!.toString('utf8');
      for (const s of ['江北省发展改革委调研组接待方案', '第2版', '重大项目座谈', '市委第二会议室', '徐鹏', '客人改乘晚班高铁返程', '调研顺利完成'])
        expect(text).toContain(s);
    });

    it('registers on the 件件有着落 board: open items per actor, and the checker', async () => {
      const board = env().ctx.modules.find((m) => m.name === 'reception')!.looseEnds!;
      const mine = await board.open(env().ctx.db, await actorOf(env(), 'fgw_xu'), { limit: 50 });
      // the liaison sees the plan he has an item in (its 7 open items and the plan to close), not the closed visits
      expect(mine.filter((o) => o.type === 'reception_item')).toHaveLength(7);
      expect(mine.filter((o) => o.type === 'reception_plan').map((o) => [o.title, o.ownerUserId, o.deadline])).toEqual([
        ['接待方案：江州市委办公室考察团', u('jd_song'), '2026-03-06'],
      ]);
      expect(mine.find((o) => o.title === '交流：数字机关建设座谈交流')).toMatchObject({
        ownerUnitId: unit('ndrc'),
        ownerUserId: u('fgw_xu'),
        deadline: '2026-03-05',
      });
      const deadlines = mine.map((o) => o.deadline!);
      expect(deadlines).toEqual([...deadlines].sort());
      expect((await board.open(env().ctx.db, await actorOf(env(), 'fgw_xu'), { limit: 3 })).length).toBe(3);
      expect(await board.open(env().ctx.db, await actorOf(env(), 'jyj_dong'), { limit: 50 })).toEqual([]);
      const all = await board.open(env().ctx.db, await actorOf(env(), 'jd_wang'), { limit: 50 });
      expect(all).toHaveLength(8);
      expect(await board.check(env().ctx.db)).toEqual([]);
      const db = env().ctx.db;
      const item = all.find((o) => o.title === '交流：数字机关建设座谈交流')!;
      await db.updateTable('reception_item').set({ person_id: null, starts_at: null }).where('id', '=', item.id).execute();
      await db.updateTable('reception_plan').set({ summary: null }).where('id', '=', planId).execute();
      const found = await board.check(db);
      expect(found.map((f) => [f.type, f.id, f.problem])).toEqual([
        ['reception_item', item.id, 'no_responsible_person'],
        ['reception_item', item.id, 'no_time_limit'],
        ['reception_plan', planId, 'no_outcome'],
      ]);
    });
  },
  { modules: [receptionModule] },
);
