/** The 公文 module (以文辅政): incoming and outgoing documents, numbering, quotas, national layout output. */
import { defineModule } from '../../platform/module.js';
import './documents.contract.js';
import './documents.errors.js';
import { documentsPolicy, isReadOnly } from './documents.policy.js';
import { documentLevel, documentsSearchSource, loadDocument, searchDocs } from './documents.repo.js';
import { registerDocumentsRoutes } from './documents.routes.js';
import { seedDocumentsDemo } from './documents.seed.js';
import { DocumentsService } from './documents.service.js';
import { closePdfBrowser } from './documents.pdf.js';
import * as core from './migrations/202611220300_documents_core.js';
import * as delivery from './migrations/202612040200_documents_delivery.js';
import './repo/documents.tables.js';
import { documentsLooseEnds } from './repo/documents.loose-ends.js';

/** The module object listed in `server/modules/index.ts`. */
export const documentsModule = defineModule({
  name: 'documents',
  migrations: { '202611220300_documents_core': core, '202612040200_documents_delivery': delivery },
  service: (ctx) => new DocumentsService(ctx),
  routes(app, svc) {
    registerDocumentsRoutes(app, svc);
    app.addHook('onClose', async () => closePdfBrowser());
  },
  search: { documents: documentsSearchSource },
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
  jobs: (svc) => ({
    'documents.auto_urge': (trx, job) => svc.runAutoUrge(trx, job),
    'documents.receipt_remind': (trx, job) => svc.runReceiptRemind(trx, job),
  }),
  workbench: (svc, db, actor, now) => svc.workbench(db, actor, now),
  looseEnds: (_svc, ctx) => documentsLooseEnds(ctx.calendar),
  async seedDemo(trx, _svc, ctx, demo) {
    await seedDocumentsDemo(trx, ctx, demo);
    await ctx.search.indexMany(trx, await searchDocs(trx, null));
  },
});
