/** The library module (资源共享 + 全文检索 routes), as the platform plugs it in. */
import { defineModule } from '../../platform/module.js';
import * as core from './migrations/202611221200_library_core.js';
import * as distributionUnits from './migrations/202612055001_library_distribution_units.js';
import './library.contract.js';
import './library.errors.js';
import * as repo from './library.repo.js';
import { libraryPolicy } from './library.policy.js';
import { registerLibraryRoutes } from './library.routes.js';
import { libraryLooseEnds } from './repo/library.loose-ends.js';
import { forumSearchSource, librarySearchSource } from './repo/library.search.js';
import { seedLibraryDemo } from './library.seed.js';
import { LibraryService } from './library.service.js';
import './repo/library.tables.js';

/** 资源共享: the shared library, 查阅条目, access requests, 传阅, 议政会 notices, 定期分送, the forum, use counting; and /api/search. */
export const libraryModule = defineModule({
  name: 'library',
  migrations: { '202611221200_library_core': core, '202612055001_library_distribution_units': distributionUnits },
  service: (ctx) => new LibraryService(ctx),
  routes: (app, svc, ctx) => registerLibraryRoutes(app, ctx, svc),
  search: { library: librarySearchSource, forum: forumSearchSource },
  workbench: (svc, db, actor, now) => svc.workbench(db, actor, now),
  looseEnds: (_svc, ctx) => libraryLooseEnds(ctx.calendar),
  attachmentOwners: () => ({
    library_item: {
      async canRead(db, actor, id) {
        const item = await repo.findItem(db, id);
        return item !== undefined && libraryPolicy.readContent(actor, await repo.factsOf(db, actor, item));
      },
      async canAttach(db, actor, id) {
        const item = await repo.findItem(db, id);
        return item !== undefined && libraryPolicy.edit(actor, await repo.factsOf(db, actor, item));
      },
      async level(db, id) {
        return (await repo.findItem(db, id))?.level ?? 0;
      },
    },
  }),
  jobs: (svc) => ({
    'library.circulation_remind': async (trx, job) => {
      await svc.sendReminders(trx, job.targetId);
    },
    'library.distribute': async (trx, job) => {
      await svc.distribute(trx, job.targetId);
    },
  }),
  commands: {
    'search-rebuild': {
      summary: '重建全文检索索引 / rebuild the whole-system search index',
      async run(ctx) {
        const started = Date.now();
        const counts = await ctx.search.rebuild(ctx.db);
        console.log(`已重建检索索引 / search index rebuilt in ${Date.now() - started} ms: ${JSON.stringify(counts)}`);
        return 0;
      },
    },
  },
  seedDemo: (trx, _svc, ctx, demo) => seedLibraryDemo(trx, ctx, demo),
});
