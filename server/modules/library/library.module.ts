/** The library module (资源共享 + 全文检索 routes), as the platform plugs it in. */
import type { Db, Trx } from '../../db/client.js';
import { defineModule } from '../../platform/module.js';
import type { SearchSource } from '../../platform/search-index.js';
import * as core from './migrations/202611221200_library_core.js';
import './library.contract.js';
import './library.errors.js';
import * as repo from './library.repo.js';
import { libraryPolicy } from './library.policy.js';
import { registerLibraryRoutes } from './library.routes.js';
import { seedLibraryDemo } from './library.seed.js';
import { LibraryService } from './library.service.js';
import './library.tables.js';

/** Library items and forum topics, in batches, for `ctx.search.rebuild`. */
export const librarySearchSource: SearchSource = async function* (db: Db | Trx) {
  let after = 0;
  for (;;) {
    const items = await db.selectFrom('library_item').selectAll().where('id', '>', after).orderBy('id').limit(500).execute();
    if (!items.length) break;
    const scopes = await db
      .selectFrom('library_scope')
      .selectAll()
      .where(
        'item_id',
        'in',
        items.map((i) => i.id),
      )
      .execute();
    yield items.map((i) => {
      const s = scopes.filter((x) => x.item_id === i.id);
      return repo.itemSearchDoc(i, {
        units: s.filter((x) => x.grantee_type === 'unit').map((x) => x.grantee_id),
        users: s.filter((x) => x.grantee_type === 'user').map((x) => x.grantee_id),
      });
    });
    after = items.at(-1)!.id;
  }
};

/** Forum topics for `ctx.search.rebuild`. */
export const forumSearchSource: SearchSource = async function* (db: Db | Trx) {
  const topics = await db.selectFrom('library_topic').select('id').where('status', '<>', 'hidden').orderBy('id').execute();
  for (let i = 0; i < topics.length; i += 200) {
    const docs = [];
    for (const t of topics.slice(i, i + 200)) {
      const d = await repo.topicSearchDoc(db, t.id);
      if (d) docs.push(d);
    }
    yield docs;
  }
};

/** 资源共享: the shared library, 查阅条目, access requests, 传阅, 议政会 notices, 定期分送, the forum, use counting; and /api/search. */
export const libraryModule = defineModule({
  name: 'library',
  migrations: { '202611221200_library_core': core },
  service: (ctx) => new LibraryService(ctx),
  routes: (app, svc, ctx) => registerLibraryRoutes(app, ctx, svc),
  search: { library: librarySearchSource, forum: forumSearchSource },
  workbench: (svc, db, actor, now) => svc.workbench(db, actor, now),
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
