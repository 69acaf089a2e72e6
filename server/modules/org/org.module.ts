/** 组织机构 (org): the unit tree, users, roles, clearances and the directory. */
import { defineModule } from '../../platform/module.js';
import './org.contract.js';
import './org.errors.js';
import { registerOrgRoutes } from './org.routes.js';
import { OrgService } from './org.service.js';

/** The org module. */
export const orgModule = defineModule({
  name: 'org',
  core: true,
  service: (ctx) => new OrgService(ctx),
  routes: (app, org) => registerOrgRoutes(app, org),
});
