import { expect, it } from 'vitest';
import { actorOf } from '../../../test/factories/actors.js';
import { describeEachDialect } from '../../../test/harness.js';
import { supervisionModule } from '../supervision/supervision.module.js';
import { informationModule } from './information.module.js';

const MIN = 60_000;

describeEachDialect(
  'information: 报送 → 采编 → 采用 → 批示 → 督办',
  (env) => {
    const ago = (minutes: number) => new Date(env().clock.now().getTime() - minutes * MIN).toISOString();
    const today = () => new Date(env().clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const report = (over: Record<string, unknown> = {}) => ({
      kind: '工作动态',
      title: '市发展改革委召开重点项目推进会',
      body: '会议梳理了一季度重点项目进展，明确了12个项目的开工节点。',
      level: 0,
      eventAt: ago(60),
      ...over,
    });
    const notified = async (username: string, kind: string, link: string) =>
      (
        await env()
          .ctx.db.selectFrom('notification')
          .select('id')
          .where('user_id', '=', env().demo.userByName[username]!)
          .where('kind', '=', kind)
          .where('link', '=', link)
          .execute()
      ).length;
    const stats = async (unitCode: string) => {
      const all = await env().ctx.services.information!.unitStatistics(env().ctx.db, { from: today(), to: today() }, [env().demo.unitByCode[unitCode]!]);
      return all[0] ?? { reported: 0, late: 0, missed: 0, instructions: 0, adopted: { total: 0, recorded: 0, special: 0, upper: 0 } };
    };

    it('a unit reports; 信息处 takes, edits and adopts it; a leader instructs; 督查室 turns the 批示 into a 督办 shown on the item', async () => {
      const liaison = await env().login('fgw_xu');
      const before = await stats('ndrc');
      const sub = await liaison.post('/api/information/items', report());
      expect(sub.status).toBe(201);
      expect(sub.json).toMatchObject({ status: 'submitted', late: false, delayMinutes: null });
      // 工作动态: 3 working days after Monday 2026-03-02 → end of Thursday 2026-03-05, China time
      expect(sub.json.dueAt).toBe('2026-03-05T15:59:59.999Z');
      const id = sub.json.id as number;

      const editor = await env().login('xxc_he');
      const intake = await editor.get('/api/information/items?scope=intake&pageSize=100');
      expect(intake.json.items.map((i: { id: number }) => i.id)).toContain(id);
      const taken = await editor.post(`/api/information/items/${id}/take`, { version: 1 });
      expect(taken.status).toBe(200);
      expect(taken.json).toMatchObject({ status: 'taken', version: 2 });
      const edited = await editor.post(`/api/information/items/${id}/edit`, {
        version: 2,
        title: '市发展改革委推进一季度重点项目开工',
        body: '精编后的正文。',
        note: '精简',
      });
      expect(edited.json).toMatchObject({ version: 3, status: 'taken' });
      const adopted = await editor.post(`/api/information/items/${id}/adopt`, { version: 3, level: 'special' });
      expect(adopted.json).toMatchObject({ version: 4, status: 'adopted' });

      const leader = await env().login('sj_li');
      const seen = await leader.get(`/api/information/items/${id}`);
      expect(seen.status).toBe(200);
      expect(seen.json.actions).toContain('instruct');
      expect(seen.json.revisions.map((r: { seq: number; title: string }) => [r.seq, r.title])).toEqual([
        [0, '市发展改革委召开重点项目推进会'],
        [1, '市发展改革委推进一季度重点项目开工'],
      ]);
      const ins = await leader.post(`/api/information/items/${id}/instructions`, { text: '请市发展改革委抓紧推进，按月报送进展。' });
      expect(ins.status).toBe(201);
      expect(await notified('dcs_zhang', 'information.instructed', `/information/items/${id}`)).toBe(1);
      expect(await notified('fgw_xu', 'information.adopted', `/information/items/${id}`)).toBe(1);

      const dcs = await env().login('dcs_zhang');
      const pending = await dcs.get(`/api/information/items/${id}`);
      expect(pending.json.actions).toEqual(['convert']);
      const conv = await dcs.post(`/api/information/instructions/${ins.json.id}/supervision`, {
        version: 1,
        leadUnitId: env().demo.unitByCode.ndrc,
        deadline: '2026-04-30',
      });
      expect(conv.status).toBe(201);
      expect(conv.json.number).toMatch(/^督字/);
      const again = await dcs.post(`/api/information/instructions/${ins.json.id}/supervision`, {
        version: 2,
        leadUnitId: env().demo.unitByCode.ndrc,
        deadline: '2026-04-30',
      });
      expect(again.status).toBe(409);
      expect(again.json.error).toBe('information.already_converted');

      const detail = await dcs.get(`/api/information/items/${id}`);
      expect(detail.json.instructions[0]).toMatchObject({
        supervisionItemId: conv.json.supervisionItemId,
        supervision: { itemId: conv.json.supervisionItemId, number: conv.json.number },
      });
      const history = await leader.get('/api/information/instructions');
      expect(history.json.items.find((i: { id: number }) => i.id === ins.json.id)).toMatchObject({ itemId: id, supervision: { number: conv.json.number } });
      expect((await dcs.get('/api/information/instructions')).json.items).toEqual([]);
      const supItem = await dcs.get(`/api/supervision/items/${conv.json.supervisionItemId}`);
      expect(supItem.status).toBe(200);
      expect(JSON.stringify(supItem.json)).toContain('information_item');

      // the unit sees its own report adopted; the figures count it
      const mine = await liaison.get('/api/information/items?scope=mine&pageSize=100');
      expect(mine.json.items.find((i: { id: number }) => i.id === id)).toMatchObject({ status: 'adopted', adoptLevel: 'special' });
      const after = await stats('ndrc');
      expect(after.reported - before.reported).toBe(1);
      expect(after.adopted.special - before.adopted.special).toBe(1);
      expect(after.instructions - before.instructions).toBe(1);
      const audit = await env()
        .ctx.db.selectFrom('audit_event')
        .select('action')
        .where('target_type', '=', 'info_item')
        .where('target_id', '=', String(id))
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'information.submit',
        'information.item.take',
        'information.edit',
        'information.item.adopt',
        'information.instruct',
      ]);
    });

    it('a 紧急信息 after its 1-hour limit is 迟报 with its delay; a 续报 chains to the first', async () => {
      const liaison = await env().login('yjj_cao');
      const before = await stats('emergency');
      const sub = await liaison.post('/api/information/items', report({ kind: '紧急信息', title: '某化工园区发生泄漏', eventAt: ago(90) }));
      expect(sub.status).toBe(201);
      expect(sub.json).toMatchObject({ late: true, delayMinutes: 30 });
      expect(await notified('xxc_he', 'information.urgent', `/information/items/${sub.json.id}`)).toBe(1);
      const follow = await liaison.post(
        '/api/information/items',
        report({ kind: '紧急信息', title: '泄漏已控制（续报）', eventAt: ago(5), parentId: sub.json.id }),
      );
      expect(follow.status).toBe(201);
      expect(follow.json).toMatchObject({ late: false, dueAt: null });
      const d = await liaison.get(`/api/information/items/${follow.json.id}`);
      expect(d.json.item.firstId).toBe(sub.json.id);
      expect(d.json.chain.map((c: { id: number }) => c.id)).toEqual([sub.json.id]);
      const after = await stats('emergency');
      expect(after.late - before.late).toBe(1);
      expect(after.reported - before.reported).toBe(2);
    });

    it('an event known to the office with no report in time becomes 漏报 against the unit; a report in time answers it', async () => {
      const editor = await env().login('xxc_he');
      const before = await stats('housing');
      const missed = await editor.post('/api/information/events', {
        kind: '紧急信息',
        title: '某工地塔吊倒塌',
        unitId: env().demo.unitByCode.housing,
        occurredAt: ago(10),
      });
      expect(missed.status).toBe(201);
      const answered = await editor.post('/api/information/events', {
        kind: '紧急信息',
        title: '某河段出现死鱼',
        unitId: env().demo.unitByCode.ecology,
        occurredAt: ago(10),
      });
      const eco = await env().login('sthj_feng');
      const sub = await eco.post('/api/information/items', report({ kind: '紧急信息', title: '某河段出现死鱼', eventAt: ago(15) }));
      expect(sub.json.eventId).toBe(answered.json.id);

      // before the limit nothing happens; after it the scheduler records 漏报
      const statusOf = async (id: number) =>
        ((await editor.get('/api/information/events')).json.items as { id: number; status: string }[]).find((e) => e.id === id)?.status;
      await env().ctx.scheduler.runDue();
      expect(await statusOf(missed.json.id)).toBe('open');
      env().clock.advance(60 * MIN);
      expect(await env().ctx.scheduler.runDue()).toBeGreaterThanOrEqual(1);
      // an hour later the session has timed out: sign in again
      const events = (await (await env().login('xxc_he')).get('/api/information/events')).json.items as { id: number; status: string }[];
      expect(events.find((e) => e.id === missed.json.id)?.status).toBe('missed');
      expect(events.find((e) => e.id === answered.json.id)?.status).toBe('reported');
      expect((await stats('housing')).missed - before.missed).toBe(1);
      expect(await notified('zjj_peng', 'information.missed', '/information/events')).toBeGreaterThanOrEqual(1);
      expect(await notified('sthj_feng', 'information.missed', '/information/events')).toBe(0);
      // the housing liaison sees its own event, not the ecology one
      const housing = await env().login('zjj_peng');
      const own = (await housing.get('/api/information/events')).json.items as { id: number }[];
      expect(own.map((e) => e.id)).toContain(missed.json.id);
      expect(own.map((e) => e.id)).not.toContain(answered.json.id);
    });

    it('merges two reports into one item; each source ends 已合并 and counts as adopted when the item is', async () => {
      const a = await (await env().login('czj_han')).post('/api/information/items', report({ title: '财政资金直达基层情况', kind: '经验做法' }));
      const b = await (await env().login('jb_pan')).post('/api/information/items', report({ title: '江北区直达资金使用情况', kind: '经验做法' }));
      const editor = await env().login('xxc_he');
      const before = await stats('finance');
      const m = await editor.post('/api/information/merge', {
        sources: [
          { id: a.json.id, version: 1 },
          { id: b.json.id, version: 1 },
        ],
        title: '我市财政资金直达基层成效明显',
        body: '综合市财政局、江北区委办报送的信息……',
      });
      expect(m.status).toBe(201);
      const src = await editor.get(`/api/information/items/${a.json.id}`);
      expect(src.json.item).toMatchObject({ status: 'merged', mergedIntoId: m.json.id });
      const merged = await editor.get(`/api/information/items/${m.json.id}`);
      expect(merged.json.sources.map((s: { id: number }) => s.id)).toEqual([a.json.id, b.json.id]);
      expect((await editor.post(`/api/information/items/${m.json.id}/adopt`, { version: 1, level: 'upper' })).status).toBe(200);
      expect((await stats('finance')).adopted.upper - before.adopted.upper).toBe(1);
      // the reporting unit does not see 信息处's merged item
      expect((await (await env().login('czj_han')).get(`/api/information/items/${m.json.id}`)).status).toBe(404);
    });

    it('refusals: 404 for another unit, 403 for a refused write, 409 for a stale version, 422/400 for bad input', async () => {
      const liaison = await env().login('fgw_xu');
      const sub = await liaison.post('/api/information/items', report({ title: '本单位的一条信息' }));
      const id = sub.json.id as number;
      const other = await env().login('czj_han');
      expect((await other.get(`/api/information/items/${id}`)).status).toBe(404);
      const list = await other.get('/api/information/items?pageSize=100');
      expect(list.json.items.map((i: { id: number }) => i.id)).not.toContain(id);
      expect((await other.post(`/api/information/items/${id}/take`, { version: 1 })).status).toBe(404);

      const own = await liaison.post(`/api/information/items/${id}/take`, { version: 1 });
      expect(own.status).toBe(403);
      const denied = await env()
        .ctx.db.selectFrom('audit_event')
        .select(['action', 'outcome'])
        .where('target_type', '=', 'info_item')
        .where('target_id', '=', String(id))
        .where('action', '=', 'information.item.take')
        .execute();
      expect(denied.length).toBeGreaterThanOrEqual(1);

      const editor = await env().login('xxc_he');
      expect((await editor.post(`/api/information/items/${id}/take`, { version: 1 })).status).toBe(200);
      const stale = await editor.post(`/api/information/items/${id}/return`, { version: 1, reason: '请补充' });
      expect(stale.status).toBe(409);
      expect(stale.json.error).toBe('stale_version');
      const ret = await editor.post(`/api/information/items/${id}/return`, { version: 2, reason: '请补充具体数据' });
      expect(ret.json.status).toBe('returned');
      const wrong = await editor.post(`/api/information/items/${id}/take`, { version: 3 });
      expect(wrong.status).toBe(409);
      expect(wrong.json.error).toBe('information.wrong_state');

      const future = await liaison.post('/api/information/items', report({ eventAt: new Date(env().clock.now().getTime() + 3_600_000).toISOString() }));
      expect(future.status).toBe(422);
      expect(future.json.error).toBe('information.event_in_future');
      const strange = await other.post('/api/information/items', report({ parentId: id }));
      expect(strange.status).toBe(422);
      expect(strange.json.error).toBe('information.unknown_parent');
      const bad = await liaison.post('/api/information/items', report({ kind: '小道消息' }));
      expect(bad.status).toBe(400);
      expect((await editor.post('/api/information/merge', { sources: [{ id, version: 3 }], title: 't', body: 'b' })).status).toBe(400);
      expect((await liaison.post('/api/information/events', { kind: '紧急信息', title: 'x', unitId: 1, occurredAt: ago(1) })).status).toBe(403);
      expect((await liaison.get('/api/information/statistics?from=2026-03-05&to=2026-03-01')).status).toBe(422);
      expect((await liaison.get('/api/information/statistics?from=2026-02-30&to=2026-13-45')).status).toBe(400);
      const own2 = await liaison.get(`/api/information/statistics?from=${today()}&to=${today()}`);
      expect(own2.json.units.every((u: { unitId: number }) => u.unitId === env().demo.unitByCode.ndrc)).toBe(true);
    });

    it('the demo office holds reports, one 编入专报 with a 批示 turned into a 督办, and a 漏报', async () => {
      const dcs = await env().login('dcs_zhang');
      const editor = await env().login('xxc_he');
      const adopted = (await editor.get('/api/information/items?scope=adopted&pageSize=100')).json.items as { id: number; adoptLevel: string }[];
      const special = adopted.find((i) => i.adoptLevel === 'special');
      expect(special).toBeDefined();
      const d = await dcs.get(`/api/information/items/${special!.id}`);
      expect(d.status).toBe(200);
      expect(d.json.instructions[0].supervision.number).toMatch(/^督字/);
      const events = (await editor.get('/api/information/events')).json.items as { status: string }[];
      expect(events.some((e) => e.status === 'missed')).toBe(true);
    });

    it('lists agree with the read rule: every listed item opens, every item that opens is listed (by actor)', async () => {
      const all = await env().ctx.db.selectFrom('info_item').select('id').execute();
      for (const name of ['fgw_xu', 'czj_han', 'xxc_he', 'sj_li', 'dcs_zhang', 'jyj_dong', 'zbs_tang']) {
        const c = await env().login(name);
        const listed = new Set(((await c.get('/api/information/items?pageSize=100')).json.items as { id: number }[]).map((i) => i.id));
        for (const { id } of all) {
          const status = (await c.get(`/api/information/items/${id}`)).status;
          expect([name, id, status === 200], `${name} item ${id}`).toEqual([name, id, listed.has(id)]);
        }
      }
    });

    it('信息处 sees every unit in the statistics route and its intake on the 工作台; 督查室 its pending 批示', async () => {
      const editor = await env().login('xxc_he');
      const s = await editor.get(`/api/information/statistics?from=2026-01-01&to=${today()}`);
      expect(s.status).toBe(200);
      expect(new Set((s.json.units as { unitId: number }[]).map((u) => u.unitId)).size).toBeGreaterThan(1);
      const deskWb = await env().ctx.services.information!.workbench(env().ctx.db, await actorOf(env(), 'xxc_he'), env().clock.now());
      expect(deskWb.some((w) => w.title.startsWith('待采编'))).toBe(true);
      const adopted = (await editor.get('/api/information/items?scope=adopted&pageSize=100')).json.items as { id: number }[];
      expect((await (await env().login('sj_li')).post(`/api/information/items/${adopted[0]!.id}/instructions`, { text: '请跟踪。' })).status).toBe(201);
      const dcsWb = await env().ctx.services.information!.workbench(env().ctx.db, await actorOf(env(), 'dcs_zhang'), env().clock.now());
      const liaisonWb = await env().ctx.services.information!.workbench(env().ctx.db, await actorOf(env(), 'fgw_xu'), env().clock.now());
      expect(liaisonWb).toEqual([]);
      expect(dcsWb.map((w) => w.id)).toContain(adopted[0]!.id);
    });

    it('the reporting limits are settings: the division head of 信息处 changes them (409 when stale), staff may not', async () => {
      const head = await env().login('xxc_lin');
      const cur = await head.get('/api/information/settings');
      expect(cur.json.value.limits['紧急信息']).toEqual({ minutes: 60 });
      const limits = { ...cur.json.value.limits, 工作动态: { workingDays: 1 } };
      expect((await (await env().login('xxc_he')).put('/api/information/settings', { version: cur.json.version, value: { limits } })).status).toBe(403);
      const put = await head.put('/api/information/settings', { version: cur.json.version, value: { limits } });
      expect(put.status).toBe(200);
      expect((await head.put('/api/information/settings', { version: cur.json.version, value: { limits } })).status).toBe(409);
      const sub = await (await env().login('fgw_xu')).post('/api/information/items', report({ eventAt: ago(5) }));
      // 1 working day after the event's date
      const due = new Date(sub.json.dueAt as string);
      expect(due.getTime() - env().clock.now().getTime()).toBeLessThan(3 * 86_400_000);
      await head.put('/api/information/settings', { version: put.json.version, value: { limits: cur.json.value.limits } });
    });
  },
  { modules: [supervisionModule, informationModule] },
);
