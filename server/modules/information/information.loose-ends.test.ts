/**
 * 件件有着落 of the 信息 module on both databases: 约报 awaiting a unit's report, reports awaiting 采编 and
 * 批示 awaiting 转督办, each with its owner unit, person and time limit, listed only to whoever may read
 * them; the checker clean on the demo data and catching a unit with no cleared liaison, a disabled
 * editor and a report returned without a reason.
 */
import { expect, it } from 'vitest';
import { actorOf } from '../../../test/factories/actors.js';
import { describeEachDialect } from '../../../test/harness.js';
import { chinaDate } from '../../platform/clock.js';
import { supervisionModule } from '../supervision/supervision.module.js';
import { informationModule } from './information.module.js';

describeEachDialect(
  'information loose ends',
  (env) => {
    const provider = () => env().ctx.modules.find((m) => m.name === 'information')!.looseEnds!;
    const open = async (username: string) => provider().open(env().ctx.db, await actorOf(env(), username), { limit: 50 });
    const itemId = async (title: string) => (await env().ctx.db.selectFrom('info_item').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;

    it('the demo data has no loose ends', async () => {
      expect(await provider().check(env().ctx.db)).toEqual([]);
    });

    it('reports awaiting 采编 are 信息处’s (the editor once taken, the division head before), due the next working day; a unit sees its own only', async () => {
      const { demo } = env();
      const school = await itemId('市教育局推行课后服务“一校一案”');
      const fire = await itemId('江北区某物流仓库发生火情，无人员伤亡');
      const desk = await open('xxc_lin');
      expect(desk.map((i) => i.type)).toEqual(['item', 'item', 'item']);
      expect(desk.map((i) => i.deadline)).toEqual([...desk.map((i) => i.deadline)].sort());
      expect(desk.find((i) => i.id === school)).toEqual({
        module: 'information',
        type: 'item',
        id: school,
        title: expect.stringContaining('一校一案'),
        ownerUnitId: demo.unitByCode.information,
        ownerUserId: demo.userByName.xxc_lin,
        deadline: env().ctx.calendar.addWorkingDays('2026-02-27', 1),
        status: 'submitted',
        link: `/information/items/${school}`,
      });
      expect(desk.find((i) => i.id === fire)).toMatchObject({ ownerUserId: demo.userByName.xxc_he, status: 'taken' });
      expect((await open('jyj_dong')).map((i) => i.id)).toEqual([school]);
      expect(await open('fgw_xu')).toEqual([]);
    });

    it('a 约报 is its unit’s and its liaison’s, due by the reporting limit; a 内部 one is hidden from 公开-cleared users and has nobody to answer in a unit without a cleared liaison', async () => {
      const { demo } = env();
      const he = await env().login('xxc_he');
      const ev = await he.post('/api/information/events', {
        kind: '工作动态',
        title: '重点项目集中开工',
        level: 1,
        unitId: demo.unitByCode.ndrc,
        occurredAt: '2026-03-02T00:30:00Z',
      });
      expect(ev.status, ev.body).toBe(201);
      const item = {
        type: 'event',
        id: ev.json.id,
        ownerUnitId: demo.unitByCode.ndrc,
        ownerUserId: demo.userByName.fgw_xu,
        deadline: chinaDate(new Date(ev.json.dueAt)),
      };
      expect((await open('fgw_xu')).find((i) => i.type === 'event')).toMatchObject(item);
      expect((await open('xxc_he')).find((i) => i.type === 'event')).toMatchObject(item);
      expect((await open('czj_han')).some((i) => i.type === 'event')).toBe(false);
      // 教育局's only liaison (董丽) is 公开-cleared: she does not see the 内部 约报 and nobody answers for it
      const edu = await he.post('/api/information/events', {
        kind: '工作动态',
        title: '校园安全专项检查',
        level: 1,
        unitId: demo.unitByCode.education,
        occurredAt: '2026-03-02T00:30:00Z',
      });
      expect((await open('jyj_dong')).some((i) => i.type === 'event')).toBe(false);
      expect(await provider().check(env().ctx.db)).toEqual([{ module: 'information', type: 'event', id: edu.json.id, problem: 'no_responsible_person' }]);
      await env()
        .ctx.db.updateTable('info_event')
        .set({ status: 'reported', report_id: await itemId('市教育局推行课后服务“一校一案”') })
        .where('id', '=', edu.json.id)
        .execute();
      expect(await provider().check(env().ctx.db)).toEqual([]);
    });

    it('a 批示 awaiting 转督办 is 督查室’s division head’s; a unit that is not the item’s does not see it', async () => {
      const { demo } = env();
      const invest = await itemId('市发展改革委推进重点项目“拿地即开工”审批改革');
      const li = await env().login('sj_li');
      const ins = await li.post(`/api/information/items/${invest}/instructions`, { text: '请总结经验，在全市推广。' });
      expect(ins.status, ins.body).toBe(201);
      const item = (await open('dcs_zhang')).find((i) => i.type === 'instruction');
      expect(item).toMatchObject({
        ownerUnitId: demo.unitByCode.supervision,
        ownerUserId: demo.userByName.dcs_huang,
        deadline: '2026-03-03',
        link: `/information/items/${invest}`,
      });
      expect((await open('czj_han')).some((i) => i.type === 'instruction')).toBe(false);
    });

    it('catches a disabled editor, a liaison disabled and a report returned without a reason', async () => {
      const { ctx, demo } = env();
      const fire = await itemId('江北区某物流仓库发生火情，无人员伤亡');
      const returned = await itemId('市财政局召开会议');
      const ev = (await open('fgw_xu')).find((i) => i.type === 'event')!;
      await ctx.db.updateTable('user').set({ disabled: 1 }).where('id', 'in', [demo.userByName.xxc_he!, demo.userByName.fgw_xu!]).execute();
      await ctx.db.updateTable('info_item').set({ return_reason: null }).where('id', '=', returned).execute();
      const found = await provider().check(ctx.db);
      expect(found).toContainEqual({ module: 'information', type: 'item', id: fire, problem: 'no_responsible_person' });
      expect(found).toContainEqual({ module: 'information', type: 'event', id: ev.id, problem: 'no_responsible_person' });
      expect(found).toContainEqual({ module: 'information', type: 'item', id: returned, problem: 'no_outcome' });
      await ctx.db.updateTable('user').set({ disabled: 0 }).where('id', 'in', [demo.userByName.xxc_he!, demo.userByName.fgw_xu!]).execute();
    });
  },
  { modules: [supervisionModule, informationModule] },
);
