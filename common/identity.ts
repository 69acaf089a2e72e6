/** 登录与令牌 (identity): the answers of its HTTP routes as zod schemas, shared by the server (response schemas, OpenAPI) and the web (types). */
import { z } from 'zod';
import { roleKey } from './views.js';

/** The signed-in user as the login and `/api/auth/me` answers present it. */
export const sessionUser = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  roles: z.array(roleKey),
  clearance: z.number(),
  adminRole: z.string().nullable(),
  mustChangePassword: z.boolean(),
});

/** Answer of `POST /api/auth/login` (登录). */
export const loginResponse = z.object({
  user: sessionUser,
  csrfToken: z.string(),
});

/** Answer of `POST /api/auth/logout` (退出登录). */
export const logoutResponse = z.object({ ok: z.boolean() });

/** Answer of `GET /api/auth/me` (当前用户). */
export const meResponse = z.object({
  user: sessionUser,
  csrfToken: z.string().nullable(),
});

/** Answer of `GET /api/auth/tokens` (我的访问令牌). */
export const listTokensResponse = z.object({
  items: z.array(z.object({ id: z.number(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() })),
});

/** Answer of `POST /api/auth/tokens` (创建访问令牌). */
export const createTokenResponse = z.object({ id: z.number(), name: z.string(), token: z.string() });
