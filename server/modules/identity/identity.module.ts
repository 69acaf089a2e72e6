/** 身份鉴别 (identity): login, sessions, passwords, API tokens; it authenticates every request for the platform. */
import { defineModule } from '../../platform/module.js';
import './identity.contract.js';
import { registerIdentityRoutes } from './identity.routes.js';
import { IdentityService } from './identity.service.js';
import * as authVersion from './migrations/202612081100_identity_auth_version.js';

/** The identity module. */
export const identityModule = defineModule({
  name: 'identity',
  core: true,
  migrations: { '202612081100_identity_auth_version': authVersion },
  service: (ctx) => new IdentityService(ctx),
  routes: (app, identity, ctx) => registerIdentityRoutes(app, ctx, identity),
  authenticator: (identity) => identity,
});
