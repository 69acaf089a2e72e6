/** 系统 (system): health, meta, security settings, holidays, audit, the 工作台 and the 件件有着落 board (its checker and daily job), notifications, attachments. */
import { defineModule } from '../../platform/module.js';
import './system.contract.js';
import './system.errors.js';
import { registerSystemRoutes } from './system.routes.js';
import { SystemService } from './system.service.js';
import { checkLooseEndsCommand, LOOSE_ENDS_JOB, runLooseEndsCheckJob } from './system.loose-ends.js';

/** The system module. */
export const systemModule = defineModule({
  name: 'system',
  core: true,
  service: (ctx) => new SystemService(ctx),
  commands: { 'check-loose-ends': checkLooseEndsCommand },
  jobs: (_svc, ctx) => ({ [LOOSE_ENDS_JOB]: (trx, job) => runLooseEndsCheckJob(ctx, trx, job) }),
  routes: (app, system, ctx) =>
    registerSystemRoutes(
      app,
      ctx,
      system,
      ctx.modules.filter((m) => !m.core).map((m) => m.name),
    ),
});
