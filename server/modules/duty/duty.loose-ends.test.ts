/**
 * 件件有着落 of 政务值班 on both databases: the open entries, the 突发事件 report still due and the pending
 * swaps as the board lists them (only to whoever may read them, most urgent first), and the checker:
 * clean on the demo desk, catching an entry without an owner, a disabled owner and an entry ended
 * without an outcome.
 */
import { expect, it } from 'vitest';
import { actorOf } from '../../../test/factories/actors.js';
import { describeEachDialect } from '../../../test/harness.js';
import { dutyModule } from './duty.module.js';

describeEachDialect(
  'duty loose ends',
  (env) => {
    const provider = () => env().ctx.modules.find((m) => m.name === 'duty')!.looseEnds!;
    const open = async (username: string) => provider().open(env().ctx.db, await actorOf(env(), username), { limit: 50 });
    const entry = { channel: 'phone', caller: '王科长', callerUnit: '市应急管理局', summary: '城东片区积水，请求协调排涝' };

    it('the demo desk has no loose ends', async () => {
      expect(await provider().check(env().ctx.db)).toEqual([]);
    });

    it('lists the open entry to the desk with owner, unit and the end of its shift; a unit liaison sees nothing', async () => {
      const { demo } = env();
      const items = await open('zbs_tang');
      const e = items.find((i) => i.type === 'entry');
      expect(e).toMatchObject({
        module: 'duty',
        ownerUserId: demo.userByName.zbs_tang,
        ownerUnitId: demo.unitByCode.duty,
        deadline: '2026-03-02',
        status: 'open',
        link: `/duty/entries/${e!.id}`,
      });
      expect(e!.title).toContain('值班安排');
      expect(await open('fgw_xu')).toEqual([]);
    });

    it('a 内部 突发事件 is listed with its report deadline, to cleared desk members only; once handled its report stays due', async () => {
      const zhou = await env().login('msc_zhou');
      const r = await zhou.post('/api/duty/entries', { ...entry, kind: 'emergency', level: 1 });
      expect(r.status, r.body).toBe(200);
      const mine = await open('msc_zhou');
      expect(mine.find((i) => i.id === r.json.id)).toMatchObject({ type: 'entry', deadline: '2026-03-02', ownerUserId: env().demo.userByName.msc_zhou });
      expect(mine.map((i) => i.deadline)).toEqual([...mine.map((i) => i.deadline)].sort());
      // 唐宁 (公开) works at the desk but is not cleared for 内部
      expect((await open('zbs_tang')).some((i) => i.id === r.json.id)).toBe(false);
      expect((await open('yjj_cao')).some((i) => i.id === r.json.id)).toBe(false);
      const done = await zhou.post(`/api/duty/entries/${r.json.id}/outcome`, { version: r.json.version, kind: 'on_spot', text: '已通知相关部门' });
      expect(done.status, done.body).toBe(200);
      expect((await open('msc_zhou')).find((i) => i.id === r.json.id)).toMatchObject({ type: 'report', status: 'report_due' });
      const rep = await zhou.post(`/api/duty/entries/${r.json.id}/report`, { version: done.json.version, text: '书面报告：积水已排除' });
      expect(rep.status, rep.body).toBe(200);
      expect((await open('msc_zhou')).some((i) => i.id === r.json.id)).toBe(false);
    });

    it('a pending swap is the desk manager’s, due by the shift’s date; the office sees it, a unit liaison does not', async () => {
      const { demo } = env();
      const tang = await env().login('zbs_tang');
      const roster = (await tang.get('/api/duty/roster?month=2026-03')).json;
      const shift = roster.shifts.find(
        (s: { staff: { id: number }; canSwap: boolean; date: string }) => s.staff.id === demo.userByName.zbs_tang && s.canSwap && s.date > '2026-03-10',
      );
      const sw = await tang.post(`/api/duty/shifts/${shift.id}/swaps`, { role: 'staff', toUserId: demo.userByName.msc_zhou, reason: '出差' });
      expect(sw.status, sw.body).toBe(200);
      const item = (await open('dcs_zhang')).find((i) => i.type === 'swap' && i.id === sw.json.id);
      expect(item).toMatchObject({
        ownerUserId: demo.userByName.msc_sun,
        ownerUnitId: demo.unitByCode.secretariat,
        deadline: shift.date,
        link: '/duty/roster',
      });
      expect((await open('fgw_xu')).some((i) => i.type === 'swap')).toBe(false);
      expect(await provider().check(env().ctx.db)).toEqual([]);
    });

    it('catches an entry without an owner, an owner disabled and an entry ended without an outcome', async () => {
      const { ctx, demo } = env();
      const tang = await env().login('zbs_tang');
      const nobody = (await tang.post('/api/duty/entries', { ...entry, ownerId: null })).json;
      const ended = (await tang.post('/api/duty/entries', entry)).json;
      await ctx.db.updateTable('duty_entry').set({ status: 'handled', outcome: null, outcome_kind: null }).where('id', '=', ended.id).execute();
      let found = await provider().check(ctx.db);
      expect(found).toContainEqual({ module: 'duty', type: 'entry', id: nobody.id, problem: 'no_responsible_person' });
      expect(found).toContainEqual({ module: 'duty', type: 'entry', id: ended.id, problem: 'no_outcome' });
      await ctx.db.updateTable('user').set({ disabled: 1 }).where('id', '=', demo.userByName.zbs_tang!).execute();
      found = await provider().check(ctx.db);
      const demoEntry = (await open('msc_zhou')).find((i) => i.type === 'entry' && i.ownerUserId === demo.userByName.zbs_tang);
      expect(found).toContainEqual({ module: 'duty', type: 'entry', id: demoEntry!.id, problem: 'no_responsible_person' });
      expect(found.every((f) => f.problem !== 'no_time_limit' && f.problem !== 'no_owner_unit')).toBe(true);
      await ctx.db.updateTable('user').set({ disabled: 0 }).where('id', '=', demo.userByName.zbs_tang!).execute();
    });
  },
  { modules: [dutyModule] },
);
