/** The 公文 module (以文辅政): incoming and outgoing documents, numbering, quotas, national layout output. */
import type { ZhongshuModule } from '../../platform/module.js';
import { documentsPolicy, isReadOnly } from './documents.policy.js';
import { documentLevel, documentsSearchSource, loadDocument, searchDocs } from './documents.repo.js';
import { registerDocumentsRoutes } from './documents.routes.js';
import { seedDocumentsDemo } from './documents.seed.js';
import { DocumentsService } from './documents.service.js';
import { closePdfBrowser } from './documents.pdf.js';
import * as core from './migrations/202611220300_documents_core.js';
import './repo/documents.tables.js';

/** The service of each app, by its context and by its db (the 工作台 provider gets only the db). */
const services = new WeakMap<object, DocumentsService>();

/** The module object listed in `server/modules/index.ts`. */
export const documentsModule: ZhongshuModule = {
  name: 'documents',
  migrations: { '202611220300_documents_core': core },
  services(ctx) {
    const svc = new DocumentsService(ctx);
    services.set(ctx, svc);
    services.set(ctx.db, svc);
    ctx.search?.registerSource('documents', documentsSearchSource);
    return svc;
  },
  register(app, ctx) {
    registerDocumentsRoutes(app, services.get(ctx) ?? new DocumentsService(ctx));
    app.addHook('onClose', async () => closePdfBrowser());
  },
  attachmentOwners: () => ({
    document: {
      async canRead(db, actor, id) {
        const d = await loadDocument(db, id, actor);
        return d !== undefined && documentsPolicy.read(actor, d);
      },
      async canAttach(db, actor, id) {
        const d = await loadDocument(db, id, actor);
        return d !== undefined && !isReadOnly(d) && documentsPolicy.attach(actor, d);
      },
      level: (db, id) => documentLevel(db, id),
    },
  }),
  jobs: (ctx) => ({ 'documents.auto_urge': (trx, job) => (services.get(ctx) ?? new DocumentsService(ctx)).runAutoUrge(trx, job) }),
  workbench: (db, actor, now) => workbenchOf(db, actor, now),
  async seedDemo(trx, ctx, demo) {
    await seedDocumentsDemo(trx, ctx, demo);
    if (ctx.search) await ctx.search.indexMany(trx, await searchDocs(trx, null));
  },
};

const workbenchOf: NonNullable<ZhongshuModule['workbench']> = async (db, actor, now) => (await services.get(db)?.workbench(db, actor, now)) ?? [];
