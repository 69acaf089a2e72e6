/** 身份鉴别 (identity): login, sessions, passwords, API tokens; it authenticates every request for the platform. */
import { defineModule } from '../../platform/module.js';
import './identity.contract.js';
import { registerIdentityRoutes } from './identity.routes.js';
import { IdentityService } from './identity.service.js';

/** The identity module. */
export const identityModule = defineModule({
  name: 'identity',
  core: true,
  service: (ctx) => new IdentityService(ctx),
  routes: (app, identity, ctx) => registerIdentityRoutes(app, ctx, identity),
  authenticator: (identity) => identity,
});
