/** 组织与用户 (org): the answers of its HTTP routes as zod schemas, shared by the server (response schemas, OpenAPI) and the web (types). */
import { z } from 'zod';

/** A unit of the organisation tree as the administration pages show it. */
export const unitView = z.object({
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

/** Answer of `GET /api/org/units` (单位列表). */
export const listUnitsResponse = z.object({
  items: z.array(unitView),
});

/** Answer of `GET /api/org/directory` (通讯录（选择单位和人员）). */
export const directoryResponse = z.object({
  units: z.array(
    z.object({ id: z.number(), parentId: z.number().nullable(), name: z.string(), shortName: z.string(), kind: z.string(), code: z.string().nullable() }),
  ),
  users: z.array(z.object({ id: z.number(), name: z.string(), unitId: z.number(), roles: z.array(z.string()) })),
});

/** Answer of `POST /api/org/units` (新增单位). */
export const createUnitResponse = unitView;

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
      /** The pending 授权申请 of the account, if any. */
      pendingGrant: z.object({ id: z.number(), kind: z.string(), roles: z.array(z.string()), clearance: z.number(), version: z.number() }).nullable(),
    }),
  ),
});

/** Answer of `POST /api/org/users` (新增用户). */
export const createUserResponse = z.object({ id: z.number(), grantId: z.number().nullable() });

/** Answer of `PATCH /api/org/users/:id` (修改用户). */
export const updateUserResponse = z.object({ version: z.number(), grantId: z.number().nullable() });

/** Answer of `POST /api/org/users/:id/reset-password` (重置密码). */
export const resetPasswordResponse = z.object({ ok: z.boolean(), grantId: z.number().nullable() });

/** A plain acknowledgement. */
export const okResponse = z.object({ ok: z.boolean() });

/** A 授权申请 (grant request) as the API presents it. */
export const grantView = z.object({
  id: z.number(),
  userId: z.number(),
  username: z.string(),
  userName: z.string(),
  unitName: z.string(),
  kind: z.string(),
  roles: z.array(z.string()),
  clearance: z.number(),
  prevRoles: z.array(z.string()),
  prevClearance: z.number(),
  status: z.string(),
  requestedBy: z.object({ id: z.number(), name: z.string().nullable() }),
  requestedAt: z.string(),
  decidedBy: z.object({ id: z.number(), name: z.string().nullable() }).nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
});

/** Answer of `GET /api/org/grants`. */
export const listGrantsResponse = z.object({ total: z.number(), items: z.array(grantView) });

/** Answer of `GET /api/org/admin-report` (管理员账号操作报告). */
export const adminReportResponse = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      actorId: z.number().nullable(),
      actorName: z.string().nullable(),
      ip: z.string().nullable(),
      action: z.string(),
      outcome: z.string(),
      userId: z.number().nullable(),
      username: z.string().nullable(),
      userName: z.string().nullable(),
      changes: z.unknown(),
      detail: z.unknown(),
    }),
  ),
});

/** The organisation directory (pickers). */
export type Directory = z.infer<typeof directoryResponse>;
/** A unit as the administration pages show it. */
export type Unit = z.infer<typeof createUnitResponse>;
/** A page of users. */
export type UserList = z.infer<typeof listUsersResponse>;
/** A user as the administration pages show it. */
export type User = UserList['items'][number];
