/**
 * 件件有着落 of 信访 on both databases: open cases with their 责任单位, 承办人 and 办理时限 (or the limit
 * derived from registration), answers awaiting 回访, listed only to whoever may read the case; the
 * checker clean on the demo cases and catching a disabled handler, an inactive unit, a missing time
 * limit and a case closed without an answer.
 */
import { expect, it } from 'vitest';
import { actorOf } from '../../../test/factories/actors.js';
import { describeEachDialect } from '../../../test/harness.js';
import { petitionsModule } from './petitions.module.js';

describeEachDialect(
  'petitions loose ends',
  (env) => {
    const provider = () => env().ctx.modules.find((m) => m.name === 'petitions')!.looseEnds!;
    const open = async (username: string) => provider().open(env().ctx.db, await actorOf(env(), username), { limit: 50 });
    const caseId = async (subject: string) =>
      (await env().ctx.db.selectFrom('petition_case').select('id').where('subject', '=', subject).executeTakeFirstOrThrow()).id;
    const setCase = (id: number, set: Record<string, unknown>) => env().ctx.db.updateTable('petition_case').set(set).where('id', '=', id).execute();

    it('the demo cases have no loose ends', async () => {
      expect(await provider().check(env().ctx.db)).toEqual([]);
    });

    it('lists a case to its handler with unit, person and 办理时限, to the 信访 staff all open cases by time limit; not to another unit', async () => {
      const { demo } = env();
      const accepted = await caseId('化工园区异味问题');
      const handler = await open('sthj_feng');
      expect(handler).toEqual([
        {
          module: 'petitions',
          type: 'case',
          id: accepted,
          title: expect.stringContaining('化工园区异味问题'),
          ownerUnitId: demo.unitByCode.ecology,
          ownerUserId: demo.userByName.sthj_feng,
          deadline: '2026-04-23',
          status: 'accepted',
          link: `/petitions/${accepted}`,
        },
      ]);
      expect(await open('fgw_xu')).toEqual([]);
      const staff = await open('jd_song');
      expect(staff.map((i) => i.status)).toEqual(['registered', 'transferred', 'registered', 'accepted']);
      // registered 20 days ago: the 15-day limit from registration has passed; the transfer's 受理时限 is stored
      expect(staff[0]).toMatchObject({ deadline: '2026-02-25', ownerUnitId: demo.unitByCode.reception, ownerUserId: demo.userByName.jd_song });
      expect(staff[1]).toMatchObject({ deadline: '2026-03-14', ownerUnitId: demo.unitByCode.housing, ownerUserId: demo.userByName.jd_song });
      expect(await open('zbs_tang')).toEqual([]);
    });

    it('a 内部 case is hidden from 公开-cleared staff, shown to the cleared overseer', async () => {
      const id = await caseId('滨河路老旧小区改造施工噪声扰民');
      await setCase(id, { level: 1 });
      expect((await open('jd_song')).some((i) => i.id === id)).toBe(false);
      expect((await open('zr_chen')).some((i) => i.id === id)).toBe(true);
      await setCase(id, { level: 0 });
    });

    it('an answer closed without 回访 is the registrar’s, due 15 days after the answer', async () => {
      const id = await caseId('学区划分咨询');
      await setCase(id, { followed_up_at: null, satisfaction: null, follow_up: null });
      expect((await open('jd_song')).find((i) => i.id === id)).toMatchObject({
        type: 'follow_up',
        ownerUserId: env().demo.userByName.jd_song,
        deadline: '2026-02-16',
        status: 'follow_up_due',
      });
      expect((await open('sthj_feng')).some((i) => i.id === id)).toBe(false);
      expect(await provider().check(env().ctx.db)).toEqual([]);
    });

    it('catches a disabled handler, an inactive unit, a missing 受理时限 and a case closed without an answer', async () => {
      const { ctx, demo } = env();
      const accepted = await caseId('化工园区异味问题');
      const transferred = await caseId('滨河路老旧小区改造施工噪声扰民');
      const closed = await caseId('学区划分咨询');
      await ctx.db.updateTable('user').set({ disabled: 1 }).where('id', '=', demo.userByName.sthj_feng!).execute();
      await ctx.db.updateTable('unit').set({ active: 0 }).where('id', '=', demo.unitByCode.housing!).execute();
      await setCase(transferred, { accept_due: null });
      await setCase(closed, { answer: null });
      const found = (await provider().check(ctx.db)).map((f) => `${f.type}:${f.id}:${f.problem}`);
      expect(found.sort()).toEqual(
        [
          `case:${accepted}:no_responsible_person`,
          `case:${transferred}:no_owner_unit`,
          `case:${transferred}:no_time_limit`,
          `case:${closed}:no_outcome`,
        ].sort(),
      );
      expect((await provider().check(ctx.db)).find((f) => f.id === closed)!.number).toMatch(/^信字/);
      await ctx.db.updateTable('user').set({ disabled: 0 }).where('id', '=', demo.userByName.sthj_feng!).execute();
      await ctx.db.updateTable('unit').set({ active: 1 }).where('id', '=', demo.unitByCode.housing!).execute();
    });
  },
  { modules: [petitionsModule] },
);
