/** 组织与用户 (org): the answers of its HTTP routes as zod schemas, shared by the server (response schemas, OpenAPI) and the web (types). */
import { z } from 'zod';

/** Answer of `GET /api/org/units` (单位列表). */
export const listUnitsResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      parentId: z.number().nullable(),
      name: z.string(),
      shortName: z.string(),
      kind: z.string(),
      code: z.string().nullable(),
      sort: z.number(),
      active: z.boolean(),
      version: z.number(),
    }),
  ),
});

/** Answer of `GET /api/org/directory` (通讯录（选择单位和人员）). */
export const directoryResponse = z.object({
  units: z.array(
    z.object({ id: z.number(), parentId: z.number().nullable(), name: z.string(), shortName: z.string(), kind: z.string(), code: z.string().nullable() }),
  ),
  users: z.array(z.object({ id: z.number(), name: z.string(), unitId: z.number(), roles: z.array(z.string()) })),
});

/** Answer of `POST /api/org/units` (新增单位). */
export const createUnitResponse = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  shortName: z.string(),
  kind: z.string(),
  code: z.string().nullable(),
  sort: z.number(),
  active: z.boolean(),
  version: z.number(),
});

/** Answer of `GET /api/org/users` (用户列表). */
export const listUsersResponse = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      username: z.string(),
      name: z.string(),
      unitId: z.number(),
      unitName: z.string(),
      roles: z.array(z.string()),
      clearance: z.number(),
      disabled: z.boolean(),
      lockedUntil: z.string().nullable(),
      version: z.number(),
    }),
  ),
});

/** Answer of `POST /api/org/users` (新增用户). */
export const createUserResponse = z.object({ id: z.number() });

/** Answer of `PATCH /api/org/users/:id` (修改用户). */
export const updateUserResponse = z.object({ version: z.number() });

/** Answer of `POST /api/org/users/:id/reset-password` (重置密码). */
export const resetPasswordResponse = z.object({ ok: z.boolean() });

/** The organisation directory (pickers). */
export type Directory = z.infer<typeof directoryResponse>;
/** A unit as the administration pages show it. */
export type Unit = z.infer<typeof createUnitResponse>;
/** A page of users. */
export type UserList = z.infer<typeof listUsersResponse>;
/** A user as the administration pages show it. */
export type User = UserList['items'][number];
