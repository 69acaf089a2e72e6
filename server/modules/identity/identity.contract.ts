/** 身份鉴别 — what other modules and the platform may call through `ctx.services.identity`. */
import type { Authenticator } from '../../platform/http.js';

/** The identity module's public services: request authentication (the platform's `Authenticator`). */
export type IdentityContract = Authenticator;

declare module '../../platform/module.js' {
  interface ModuleServices {
    identity: IdentityContract;
  }
}
