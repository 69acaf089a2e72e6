/** 保密档案 (archives): the module as the platform plugs it in. */
import { defineModule } from '../../platform/module.js';
import { closePdfBrowser } from '../../platform/pdf.js';
import * as core from './migrations/202612051001_archives_core.js';
import './archives.contract.js';
import './archives.errors.js';
import { SECRECY_JOB } from './archives.constants.js';
import { registerArchivesRoutes } from './archives.routes.js';
import { seedArchivesDemo } from './archives.seed.js';
import { ArchivesService } from './archives.service.js';

/** 保密档案: 卷宗 of every module's closed items with 档号, 保管期限 and 密级; 保密期限 reviews; 借阅; the 案卷目录. */
export const archivesModule = defineModule({
  name: 'archives',
  migrations: { '202612051001_archives_core': core },
  service: (ctx) => new ArchivesService(ctx),
  routes: (app, svc) => {
    registerArchivesRoutes(app, svc);
    app.addHook('onClose', async () => closePdfBrowser());
  },
  attachmentOwners: (svc) => ({
    archive_record: {
      canRead: (db, actor, id) => svc.canRead(db, actor, id),
      // the bundle is made by the archives module itself; nothing is attached by hand
      canAttach: async () => false,
    },
  }),
  jobs: (svc) => ({ [SECRECY_JOB]: (trx, job) => svc.secrecyDue(trx, job) }),
  looseEnds: (svc) => svc.looseEnds(),
  seedDemo: (trx, svc, ctx, demo) => seedArchivesDemo(trx, ctx, demo),
});
