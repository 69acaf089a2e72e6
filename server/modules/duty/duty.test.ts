/**
 * 政务值班 through HTTP on both databases: a month generated with a holiday, a swap approved, each
 * outcome of a duty-log entry (督办 created through the supervision contract), a 突发事件 reported
 * late (reminder, then escalation), hand-over refused for an entry without owner and carry-over,
 * need-to-know (404), refused write (403), stale version (409), bad input (400/422).
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.js';
import { supervisionModule } from '../supervision/supervision.module.js';
import { dutyModule } from './duty.module.js';

describeEachDialect(
  'duty',
  (env) => {
    const entry = {
      channel: 'phone',
      caller: '王科长',
      callerUnit: '市应急管理局',
      summary: '城东片区积水，请求协调排涝',
      urgency: 'urgent',
    };

    async function currentShift() {
      const desk = await env().login('zbs_tang');
      const r = await desk.get('/api/duty/roster?month=2026-03');
      return r.json.shifts.find((s: { date: string; shift: string }) => s.date === '2026-03-02' && s.shift === 'day');
    }

    it('generates a month from the template: holidays from the calendar, leaders by day on workdays and by shift on days off; DOCX; who may', async () => {
      const { demo } = env();
      const u = demo.userByName;
      const head = await env().login('msc_sun');
      const body = { month: '2026-05', leaderIds: [u.sj_li!, u.msz_zhao!, u.zr_chen!], staffIds: [u.zbs_tang!, u.msc_zhou!] };
      expect((await (await env().login('zbs_tang')).post('/api/duty/roster/generate', body)).status).toBe(403);
      expect((await head.post('/api/duty/roster/generate', { ...body, leaderIds: [u.zbs_tang!] })).status).toBe(422);
      expect((await head.post('/api/duty/roster/generate', { ...body, month: '2026-13' })).status).toBe(400);
      const gen = await head.post('/api/duty/roster/generate', body);
      expect(gen.status, gen.body).toBe(200);
      expect(gen.json.created).toBe(62);
      // May 2026: 1–5 劳动节, the 9th a 调休 Saturday workday; 5 + 5 weekend days (2,3 counted already) → 1–5, 10, 16, 17, 23, 24, 30, 31
      expect(gen.json.holidays).toBe(12);
      expect((await head.post('/api/duty/roster/generate', body)).status).toBe(422);
      const roster = (await head.get('/api/duty/roster?month=2026-05')).json;
      const at = (date: string, shift: string) => roster.shifts.find((s: { date: string; shift: string }) => s.date === date && s.shift === shift);
      expect(at('2026-05-04', 'day').holiday).toBe(true);
      expect(at('2026-05-04', 'day').leader.id).not.toBe(at('2026-05-04', 'night').leader.id);
      expect(at('2026-05-09', 'day').holiday).toBe(false);
      expect(at('2026-05-09', 'day').leader.id).toBe(at('2026-05-09', 'night').leader.id);
      expect(at('2026-05-06', 'day').staff.id).not.toBe(at('2026-05-06', 'night').staff.id);
      // two staff: each alternates between day and night from one day to the next
      expect(at('2026-05-07', 'day').staff.id).toBe(at('2026-05-06', 'night').staff.id);
      expect(roster.can.manage).toBe(true);
      // the office sees the roster; a unit liaison gets an empty month
      expect((await (await env().login('dcs_zhang')).get('/api/duty/roster?month=2026-05')).json.shifts).toHaveLength(62);
      expect((await (await env().login('fgw_xu')).get('/api/duty/roster?month=2026-05')).json.shifts).toHaveLength(0);
      const docx = await head.get('/api/duty/roster.docx?month=2026-05');
      expect(docx.status).toBe(200);
      expect(String(docx.headers['content-disposition'])).toContain('duty-roster-2026-05');
      expect(docx.body.slice(0, 2)).toBe('PK');
      expect((await (await env().login('fgw_xu')).get('/api/duty/roster.docx?month=2026-05')).status).toBe(404);
    });

    it('a swap asked for by the person on duty and approved changes the shift; a stale approval is 409', async () => {
      const { demo } = env();
      const tang = await env().login('zbs_tang');
      const roster = (await tang.get('/api/duty/roster?month=2026-05')).json;
      const mine = roster.shifts.find((s: { staff: { id: number }; canSwap: boolean }) => s.staff.id === demo.userByName.zbs_tang && s.canSwap);
      expect(mine).toBeTruthy();
      expect((await tang.post(`/api/duty/shifts/${mine.id}/swaps`, { role: 'staff', toUserId: demo.userByName.fgw_xu, reason: '出差' })).status).toBe(422);
      const sw = await tang.post(`/api/duty/shifts/${mine.id}/swaps`, { role: 'staff', toUserId: demo.userByName.msc_zhou, reason: '出差' });
      expect(sw.status, sw.body).toBe(200);
      expect(sw.json.status).toBe('pending');
      expect((await tang.post(`/api/duty/swaps/${sw.json.id}/approve`, { version: sw.json.version })).status).toBe(403);
      const head = await env().login('msc_sun');
      expect((await head.post(`/api/duty/swaps/${sw.json.id}/approve`, { version: sw.json.version + 3 })).status).toBe(409);
      const ok = await head.post(`/api/duty/swaps/${sw.json.id}/approve`, { version: sw.json.version });
      expect(ok.json.status).toBe('approved');
      const after = (await tang.get('/api/duty/roster?month=2026-05')).json.shifts.find((s: { id: number }) => s.id === mine.id);
      expect(after.staff.id).toBe(demo.userByName.msc_zhou);
    });

    it('each entry ends with a recorded outcome: on the spot, 转办 to a unit, into 督查督办, to the leader on duty', async () => {
      const { demo, ctx } = env();
      const tang = await env().login('zbs_tang');
      expect((await tang.post('/api/duty/entries', { ...entry, channel: 'pigeon' })).status).toBe(400);
      expect((await (await env().login('fgw_xu')).post('/api/duty/entries', entry)).status).toBe(403);
      const shift = await currentShift();

      const a = (await tang.post('/api/duty/entries', entry)).json;
      expect(a.status).toBe('open');
      expect(a.shiftId).toBe(shift.id);
      expect(a.leader.id).toBe(shift.leader.id);
      expect(a.actions).toEqual(expect.arrayContaining(['onSpot', 'toUnit', 'toSupervision', 'toLeader']));
      expect((await tang.post(`/api/duty/entries/${a.id}/outcome`, { version: a.version, kind: 'on_spot', text: '  ' })).status).toBe(422);
      expect((await tang.post(`/api/duty/entries/${a.id}/outcome`, { version: a.version + 1, kind: 'on_spot', text: '已答复' })).status).toBe(409);
      const done = await tang.post(`/api/duty/entries/${a.id}/outcome`, { version: a.version, kind: 'on_spot', text: '已答复来电人' });
      expect(done.json.status).toBe('handled');
      expect(done.json.outcome).toBe('已答复来电人');

      const b = (await tang.post('/api/duty/entries', entry)).json;
      expect((await tang.post(`/api/duty/entries/${b.id}/outcome`, { version: b.version, kind: 'to_unit', text: '请市发展改革委办理' })).status).toBe(422);
      const liaison = await env().login('fgw_xu');
      expect((await liaison.get(`/api/duty/entries/${b.id}`)).status).toBe(404);
      const tb = await tang.post(`/api/duty/entries/${b.id}/outcome`, {
        version: b.version,
        kind: 'to_unit',
        text: '请市发展改革委办理',
        unitId: demo.unitByCode.ndrc,
      });
      expect(tb.json.status).toBe('transferred');
      expect((await liaison.get(`/api/duty/entries/${b.id}`)).status).toBe(200);
      expect((await (await env().login('jyj_dong')).get(`/api/duty/entries/${b.id}`)).status).toBe(404);
      expect((await liaison.post(`/api/duty/entries/${b.id}/outcome`, { version: tb.json.version, kind: 'on_spot', text: 'x' })).status).toBe(403);
      const listed = (await liaison.get('/api/duty/entries')).json.items.map((e: { id: number }) => e.id);
      expect(listed).toEqual([b.id]);

      const c = (await tang.post('/api/duty/entries', entry)).json;
      const tc = await tang.post(`/api/duty/entries/${c.id}/outcome`, {
        version: c.version,
        kind: 'to_supervision',
        text: '请市应急管理局牵头排涝并报结果',
        unitId: demo.unitByCode.emergency,
        deadline: '2026-03-20',
      });
      expect(tc.status, tc.body).toBe(200);
      expect(tc.json.supervisionNumber).toMatch(/^督字/);
      const item = await ctx.db.selectFrom('supervision_item').selectAll().where('id', '=', tc.json.supervisionItemId).executeTakeFirstOrThrow();
      expect(item.source_type).toBe('duty_entry');
      expect(item.source_id).toBe(c.id);
      expect(item.deadline).toBe('2026-03-20');

      const d = (await tang.post('/api/duty/entries', entry)).json;
      const td = await tang.post(`/api/duty/entries/${d.id}/outcome`, { version: d.version, kind: 'to_leader', text: '请示是否启动应急响应' });
      expect(td.json.status).toBe('awaiting_instruction');
      expect(td.json.owner.id).toBe(shift.leader.id);
      const leaderName = Object.entries(demo.userByName).find(([, id]) => id === shift.leader.id)![0];
      const leader = await env().login(leaderName);
      expect((await leader.get(`/api/duty/entries/${d.id}`)).json.actions).toContain('instruct');
      const ins = await leader.post(`/api/duty/entries/${d.id}/instruction`, { version: td.json.version, text: '同意，启动四级响应' });
      expect(ins.json.status).toBe('handled');
      expect(ins.json.outcome).toContain('同意，启动四级响应');
    });

    it('settings: the report limit is changed by a manager only (403 for the desk, 409 stale, 400 out of range)', async () => {
      const tang = await env().login('zbs_tang');
      const head = await env().login('msc_sun');
      const cur = (await head.get('/api/duty/settings')).json;
      expect(cur).toMatchObject({ reportLimitMinutes: 60, escalateAfterMinutes: 30, version: 0, canEdit: true });
      expect((await tang.put('/api/duty/settings', { ...cur, reportLimitMinutes: 30 })).status).toBe(403);
      expect((await head.put('/api/duty/settings', { version: 0, reportLimitMinutes: 1, escalateAfterMinutes: 30 })).status).toBe(400);
      const put = await head.put('/api/duty/settings', { version: 0, reportLimitMinutes: 45, escalateAfterMinutes: 30 });
      expect(put.json.version).toBe(1);
      expect((await head.put('/api/duty/settings', { version: 0, reportLimitMinutes: 45, escalateAfterMinutes: 30 })).status).toBe(409);
      const e = (await tang.post('/api/duty/entries', { ...entry, kind: 'emergency' })).json;
      expect(new Date(e.reportDueAt).getTime() - new Date(e.receivedAt).getTime()).toBe(45 * 60_000);
      expect((await head.put('/api/duty/settings', { version: 1, reportLimitMinutes: 60, escalateAfterMinutes: 30 })).status).toBe(200);
      // filed in time: the jobs then do nothing
      await tang.post(`/api/duty/entries/${e.id}/report`, { version: e.version, text: '书面报告' });
    });

    it('a 突发事件 reported late: the desk is reminded at the limit, then the leader on duty is alerted', async () => {
      const { ctx, clock } = env();
      const tang = await env().login('zbs_tang');
      const shift = await currentShift();
      const e = (await tang.post('/api/duty/entries', { ...entry, kind: 'emergency', summary: '某路段发生交通事故' })).json;
      expect(e.reportDueAt).toBeTruthy();
      const notes = (userId: number, kind: string) =>
        ctx.db.selectFrom('notification').select('id').where('user_id', '=', userId).where('kind', '=', kind).execute();
      expect(await notes(shift.leader.id, 'duty.emergency')).not.toHaveLength(0);
      const tangId = env().demo.userByName.zbs_tang!;
      const before = (await notes(tangId, 'duty.report_due')).length;
      clock.advance(61 * 60_000);
      await ctx.scheduler.runDue();
      expect((await notes(tangId, 'duty.report_due')).length).toBe(before + 1);
      // the session may have idled out meanwhile: sign in again
      let again = await env().login('zbs_tang');
      expect((await again.get(`/api/duty/entries/${e.id}`)).json.escalatedAt).toBeNull();
      expect(await notes(shift.leader.id, 'duty.report_late')).toHaveLength(0);
      clock.advance(30 * 60_000);
      await ctx.scheduler.runDue();
      again = await env().login('zbs_tang');
      expect((await again.get(`/api/duty/entries/${e.id}`)).json.escalatedAt).not.toBeNull();
      expect(await notes(shift.leader.id, 'duty.report_late')).toHaveLength(1);
      const late = await tang.post(`/api/duty/entries/${e.id}/report`, {
        version: (await tang.get(`/api/duty/entries/${e.id}`)).json.version,
        text: '书面报告：事故已处置',
      });
      expect(late.json.reportedAt).not.toBeNull();
      clock.set('2026-03-02T01:00:00Z');
    });

    it('hand-over: refused while an open entry has no owner (422 naming it); once confirmed the open entries carry over', async () => {
      const { demo } = env();
      const tang = await env().login('zbs_tang');
      const shift = await currentShift();
      expect((await tang.post('/api/duty/entries', { ...entry, ownerId: demo.userByName.fgw_xu })).status).toBe(422);
      const orphan = (await tang.post('/api/duty/entries', { ...entry, caller: '匿名来电', callerUnit: '', ownerId: null })).json;
      expect(orphan.owner).toBeNull();
      const head = await env().login('msc_sun');
      const refused = await head.post(`/api/duty/shifts/${shift.id}/handover`, { version: shift.version, note: '' });
      expect(refused.status).toBe(422);
      expect(refused.json.message).toContain(`#${orphan.id}`);
      const owned = await tang.post(`/api/duty/entries/${orphan.id}/owner`, { version: orphan.version, ownerId: demo.userByName.zbs_tang });
      expect(owned.json.owner.id).toBe(demo.userByName.zbs_tang);
      const page = (await head.get(`/api/duty/shifts/${shift.id}/handover`)).json;
      const openIds = page.openEntries.map((e: { id: number }) => e.id);
      expect(openIds).toContain(orphan.id);
      expect((await (await env().login('fgw_xu')).post(`/api/duty/shifts/${shift.id}/handover`, { version: shift.version, note: '' })).status).toBe(404);
      const signed = await head.post(`/api/duty/shifts/${shift.id}/handover`, { version: page.shift.version, note: '雨情续报待跟进' });
      expect(signed.status, signed.body).toBe(200);
      expect(signed.json.entryIds).toEqual(openIds);
      const next = (await tang.get('/api/duty/roster?month=2026-03')).json.shifts.find((s: { id: number }) => s.id === signed.json.nextShiftId);
      expect(next.date).toBe('2026-03-02');
      expect(next.shift).toBe('night');
      const incomingName = Object.entries(demo.userByName).find(([, id]) => id === next.staff.id)![0];
      const incoming = await env().login(incomingName);
      expect((await (await env().login('dcs_zhang')).post(`/api/duty/handovers/${signed.json.id}/confirm`, { version: signed.json.version })).status).toBe(403);
      const conf = await incoming.post(`/api/duty/handovers/${signed.json.id}/confirm`, { version: signed.json.version });
      expect(conf.status, conf.body).toBe(200);
      const moved = (await tang.get(`/api/duty/entries/${orphan.id}`)).json;
      expect(moved.shiftId).toBe(next.id);
      expect(moved.carriedOver).toBe(1);
      expect((await head.post(`/api/duty/shifts/${shift.id}/handover`, { version: page.shift.version + 1, note: '' })).status).toBe(422);
    });
  },
  { modules: [supervisionModule, dutyModule] },
);
