/**
 * 件件有着落 of 考核督查 on both databases: schemes not closed (drafts to the assessors only) with the
 * 督查室, their creator and the end of their period, and a rater's own pending expert scoring; the
 * checker clean on the demo schemes and catching a disabled creator, expert cells nobody may score any
 * more and a scheme closed without its results.
 */
import { expect, it } from 'vitest';
import { actorOf } from '../../../test/factories/actors.js';
import { describeEachDialect } from '../../../test/harness.js';
import { assessmentModule } from './assessment.module.js';

describeEachDialect(
  'assessment loose ends',
  (env) => {
    const provider = () => env().ctx.modules.find((m) => m.name === 'assessment')!.looseEnds!;
    const open = async (username: string) => provider().open(env().ctx.db, await actorOf(env(), username), { limit: 50 });
    const schemes = () => env().ctx.db.selectFrom('assessment_scheme').select(['id', 'status']).orderBy('id').execute();

    it('the demo schemes have no loose ends', async () => {
      expect(await provider().check(env().ctx.db)).toEqual([]);
    });

    it('the assessors see the draft and the running scheme, by the end of their period; a unit liaison only the published one', async () => {
      const { demo } = env();
      const [annual, draft] = await schemes();
      const mine = await open('dcs_zhang');
      expect(mine).toEqual([
        {
          module: 'assessment',
          type: 'scheme',
          id: draft!.id,
          title: expect.stringContaining('季度'),
          ownerUnitId: demo.unitByCode.supervision,
          ownerUserId: demo.userByName.dcs_huang,
          deadline: '2026-03-31',
          status: 'draft',
          link: `/assessment/${draft!.id}`,
        },
        expect.objectContaining({ type: 'scheme', id: annual!.id, deadline: '2026-12-31', status: 'published' }),
      ]);
      expect((await open('fgw_xu')).map((i) => `${i.type}:${i.id}`)).toEqual([`scheme:${annual!.id}`]);
    });

    it('a rater sees their own pending expert scoring until every cell is scored; nobody else sees it', async () => {
      const { demo } = env();
      const [annual] = await schemes();
      const item = (await open('py_jiang')).find((i) => i.type === 'expert_scoring');
      expect(item).toMatchObject({ id: annual!.id, ownerUserId: demo.userByName.py_jiang, deadline: '2026-12-31' });
      expect(item!.title).toContain('待评 3 项');
      expect((await open('dcs_zhang')).some((i) => i.type === 'expert_scoring')).toBe(false);
      expect((await open('fgw_xu')).some((i) => i.type === 'expert_scoring')).toBe(false);
      const rater = await env().login('py_jiang');
      const sheet = (await rater.get(`/api/assessment/schemes/${annual!.id}/scoring`)).json;
      const leaf = sheet.leaves[0];
      const put = await rater.put(`/api/assessment/schemes/${annual!.id}/scores`, {
        scores: leaf.unitIds.map((unitId: number) => ({ indicatorId: leaf.id, unitId, score: 80 })),
      });
      expect(put.status, put.body).toBe(200);
      expect((await open('py_jiang')).some((i) => i.type === 'expert_scoring')).toBe(false);
    });

    it('catches a disabled creator, expert cells left to no rater and a scheme closed without its results', async () => {
      const { ctx, demo } = env();
      const [annual, draft] = await schemes();
      await ctx.db.updateTable('user').set({ disabled: 1 }).where('id', 'in', [demo.userByName.dcs_huang!, demo.userByName.py_jiang!]).execute();
      await ctx.db.deleteFrom('assessment_score').where('scheme_id', '=', annual!.id).where('kind', '=', 'expert').execute();
      await ctx.db.updateTable('assessment_scheme').set({ status: 'closed', results: null }).where('id', '=', draft!.id).execute();
      const found = (await provider().check(ctx.db)).map((f) => `${f.type}:${f.id}:${f.problem}`);
      expect(found.sort()).toEqual(
        [`scheme:${annual!.id}:no_responsible_person`, `expert_scoring:${annual!.id}:no_responsible_person`, `scheme:${draft!.id}:no_outcome`].sort(),
      );
      await ctx.db.updateTable('user').set({ disabled: 0 }).where('id', 'in', [demo.userByName.dcs_huang!, demo.userByName.py_jiang!]).execute();
    });
  },
  { modules: [assessmentModule] },
);
