/** 系统 (system): health, meta, security settings, holidays, audit, the 工作台, notifications, attachments. */
import { defineModule } from '../../platform/module.js';
import './system.contract.js';
import './system.errors.js';
import { registerSystemRoutes } from './system.routes.js';
import { SystemService } from './system.service.js';

/** The system module. */
export const systemModule = defineModule({
  name: 'system',
  core: true,
  service: (ctx) => new SystemService(ctx),
  routes: (app, system, ctx) =>
    registerSystemRoutes(
      app,
      ctx,
      system,
      ctx.modules.filter((m) => !m.core).map((m) => m.name),
    ),
});
