/** /api/auth: login, logout, me, password, API tokens. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/module.js';
import { SESSION_COOKIE, actorOf, requestInfo } from '../../platform/http.js';
import type { IdentityService } from './identity.service.js';
import * as contract from '../../../common/identity.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });

/**
 * Whether the session cookie carries `Secure`: always/never when configured so; otherwise when the
 * public origin is https, or the request came over https (X-Forwarded-Proto counts only from a
 * trusted proxy, ZHONGSHU_TRUST_PROXY).
 */
export function secureCookie(ctx: AppContext, req: FastifyRequest): boolean {
  if (ctx.config.secureCookie !== 'auto') return ctx.config.secureCookie === 'always';
  return ctx.config.publicOrigin?.startsWith('https:') === true || req.protocol === 'https';
}

/** Registers the identity routes. */
export function registerIdentityRoutes(app: FastifyInstance, ctx: AppContext, identity: IdentityService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
        operationId: 'identityLogin',
        response: { 200: contract.loginResponse },
      },
    },
    async (req, reply) => {
      const { sessionId, csrfToken, actor } = await identity.login(req.body.username, req.body.password, requestInfo(req));
      reply.setCookie(SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: 'strict', secure: secureCookie(ctx, req), path: '/' });
      return { user: await identity.me(actor), csrfToken };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { allowExpiredPassword: true },
      schema: { tags: ['auth'], summary: '退出登录', operationId: 'identityLogout', response: { 200: contract.logoutResponse } },
    },
    async (req, reply) => {
      await identity.logout(actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/', secure: secureCookie(ctx, req) });
      return { ok: true };
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { allowExpiredPassword: true },
      schema: { tags: ['auth'], summary: '当前用户', operationId: 'identityMe', response: { 200: contract.meResponse } },
    },
    async (req) => ({
      user: await identity.me(actorOf(req)),
      csrfToken: req.csrfToken,
    }),
  );

  r.post(
    '/api/auth/password',
    {
      config: { allowExpiredPassword: true },
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        body: z.object({ oldPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
        operationId: 'identityChangePassword',
        response: { 200: contract.logoutResponse },
      },
    },
    async (req, reply) => {
      await identity.changePassword(actorOf(req), req.body.oldPassword, req.body.newPassword);
      reply.clearCookie(SESSION_COOKIE, { path: '/', secure: secureCookie(ctx, req) });
      return { ok: true };
    },
  );

  r.get(
    '/api/auth/tokens',
    { schema: { tags: ['auth'], summary: '我的访问令牌', operationId: 'identityListTokens', response: { 200: contract.listTokensResponse } } },
    async (req) => ({ items: await identity.listTokens(actorOf(req)) }),
  );
  r.post(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: '创建访问令牌',
        body: z.object({ name: z.string().trim().min(1).max(100) }),
        operationId: 'identityCreateToken',
        response: { 200: contract.createTokenResponse },
      },
    },
    async (req) => identity.createToken(actorOf(req), req.body.name),
  );
  r.delete(
    '/api/auth/tokens/:id',
    { schema: { tags: ['auth'], summary: '撤销访问令牌', params: idParam, operationId: 'identityRevokeToken', response: { 200: contract.logoutResponse } } },
    async (req) => {
      await identity.revokeToken(actorOf(req), req.params.id);
      return { ok: true };
    },
  );
}
