/**
 * `LibraryContract.fileFromModule`: another module files an item inside its own transaction — with the
 * caller's 密级 and 知悉范围, counted as provided, audited and searchable only by those who need to know;
 * a level above the actor's clearance or an unknown grantee is refused and nothing is filed.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.js';
import { actorOf } from '../../../test/factories/actors.js';
import type { FileFromModuleInput } from './library.contract.js';
import { libraryModule } from './library.module.js';

describeEachDialect(
  'library fileFromModule',
  (env) => {
    const input = (over: Partial<FileFromModuleInput> = {}): FileFromModuleInput => ({
      kind: 'research_report',
      title: '关于青江支流治理的调研报告',
      source: '调研课题 调研〔2026〕9号',
      ownerUnitId: env().demo.unitByCode.research!,
      level: 1,
      scopeUnitIds: [env().demo.unitByCode.ecology!],
      scopeUserIds: [],
      catalog: false,
      keywords: ['支流治理'],
      summary: '支流清单化治理的建议',
      content: '支流清单化治理的建议',
      date: '2026-03-02',
      fromType: 'research_topic',
      fromId: 9,
      ...over,
    });

    it('files the item in the caller’s transaction with its need-to-know', async () => {
      const { ctx } = env();
      const guo = await actorOf(env(), 'dys_guo');
      const { id } = await ctx.db.transaction().execute((trx) => ctx.services.library!.fileFromModule(trx, guo, input()));
      expect(id).toBeGreaterThan(0);
      const feng = await env().login('sthj_feng'); // 生态环境局: in the scope
      const zhang = await env().login('dcs_zhang'); // 督查室: not
      const item = await feng.get(`/api/library/items/${id}`);
      expect(item.status).toBe(200);
      expect(item.json.kind).toBe('research_report');
      expect(item.json.level).toBe(1);
      expect((await zhang.get(`/api/library/items/${id}`)).status).toBe(404);
      const q = encodeURIComponent('支流治理');
      expect((await feng.get(`/api/search?q=${q}`)).json.total).toBeGreaterThan(0);
      expect((await zhang.get(`/api/search?q=${q}`)).json.total).toBe(0);
      const audit = await ctx.db.selectFrom('audit_event').select(['action', 'target_id']).where('action', '=', 'library.file_from_module').execute();
      expect(audit.map((a) => Number(a.target_id))).toEqual([id]);
    });

    it('refuses a level above the actor’s clearance or an unknown grantee, filing nothing', async () => {
      const { ctx } = env();
      const song = await actorOf(env(), 'jd_song'); // clearance 0
      const before = await ctx.db
        .selectFrom('library_item')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      await expect(ctx.db.transaction().execute((trx) => ctx.services.library!.fileFromModule(trx, song, input()))).rejects.toMatchObject({ status: 422 });
      const guo = await actorOf(env(), 'dys_guo');
      await expect(
        ctx.db.transaction().execute((trx) => ctx.services.library!.fileFromModule(trx, guo, input({ scopeUserIds: [987654] }))),
      ).rejects.toMatchObject({ status: 422 });
      const after = await ctx.db
        .selectFrom('library_item')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });
  },
  { modules: [libraryModule] },
);
