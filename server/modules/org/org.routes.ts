/** /api/org: units, users and the directory. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES, UNIT_KINDS } from '../../../common/enums.js';
import { actorOf } from '../../platform/http.js';
import type { OrgService } from './org.service.js';
import * as contract from '../../../common/org.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });
const name = z.string().trim().min(1).max(100);
const roles = z.array(z.enum(ROLES)).max(ROLES.length);
const clearance = z.number().int().min(0).max(3);

/** Registers the organisation routes (units and the directory, then users, then 授权申请 and the report). */
export function registerOrgRoutes(app: FastifyInstance, org: OrgService): void {
  registerUnitRoutes(app, org);
  registerUserRoutes(app, org);
  registerGrantRoutes(app, org);
}

/** Units and the directory. */
function registerUnitRoutes(app: FastifyInstance, org: OrgService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/org/units',
    { schema: { tags: ['org'], summary: '单位列表', operationId: 'orgListUnits', response: { 200: contract.listUnitsResponse } } },
    async () => ({ items: await org.listUnits() }),
  );
  r.get(
    '/api/org/directory',
    { schema: { tags: ['org'], summary: '通讯录（选择单位和人员）', operationId: 'orgDirectory', response: { 200: contract.directoryResponse } } },
    async () => org.directory(),
  );
  r.post(
    '/api/org/units',
    {
      schema: {
        tags: ['org'],
        summary: '新增单位',
        body: z.object({
          parentId: z.number().int().positive().nullable(),
          name,
          shortName: z.string().trim().max(50).optional(),
          kind: z.enum(UNIT_KINDS),
          code: z
            .string()
            .trim()
            .max(50)
            .regex(/^[a-z0-9_-]*$/)
            .nullable()
            .optional(),
          sort: z.number().int().min(0).max(100000).optional(),
        }),
        operationId: 'orgCreateUnit',
        response: { 200: contract.createUnitResponse },
      },
    },
    async (req) => org.createUnit(actorOf(req), req.body),
  );
  r.patch(
    '/api/org/units/:id',
    {
      schema: {
        tags: ['org'],
        summary: '修改单位',
        params: idParam,
        body: z.object({
          version: z.number().int().positive(),
          name: name.optional(),
          shortName: z.string().trim().min(1).max(50).optional(),
          parentId: z.number().int().positive().nullable().optional(),
          kind: z.enum(UNIT_KINDS).optional(),
          sort: z.number().int().min(0).max(100000).optional(),
          active: z.boolean().optional(),
        }),
        operationId: 'orgUpdateUnit',
        response: { 200: contract.createUnitResponse },
      },
    },
    async (req) => org.updateUnit(actorOf(req), req.params.id, req.body),
  );
}

/** Users: list, create, edit, reset password, unlock. */
function registerUserRoutes(app: FastifyInstance, org: OrgService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/org/users',
    {
      schema: {
        tags: ['org'],
        summary: '用户列表',
        querystring: z.object({
          q: z.string().max(50).optional(),
          unitId: z.coerce.number().int().positive().optional(),
          page: z.coerce.number().int().min(1).max(100000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        operationId: 'orgListUsers',
        response: { 200: contract.listUsersResponse },
      },
    },
    async (req) => org.listUsers(actorOf(req), req.query),
  );
  r.post(
    '/api/org/users',
    {
      schema: {
        tags: ['org'],
        summary: '新增用户（角色和密级成为授权申请）',
        body: z.object({
          username: z
            .string()
            .trim()
            .min(2)
            .max(64)
            .regex(/^[A-Za-z0-9_.-]+$/),
          name,
          unitId: z.number().int().positive(),
          roles,
          clearance,
          password: z.string().min(1).max(128),
        }),
        operationId: 'orgCreateUser',
        response: { 200: contract.createUserResponse },
      },
    },
    async (req) => org.createUser(actorOf(req), req.body),
  );
  r.patch(
    '/api/org/users/:id',
    {
      schema: {
        tags: ['org'],
        summary: '修改用户（角色和密级的变更成为授权申请）',
        params: idParam,
        body: z.object({
          version: z.number().int().positive(),
          name: name.optional(),
          unitId: z.number().int().positive().optional(),
          roles: roles.optional(),
          clearance: clearance.optional(),
          disabled: z.boolean().optional(),
        }),
        operationId: 'orgUpdateUser',
        response: { 200: contract.updateUserResponse },
      },
    },
    async (req) => org.updateUser(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/org/users/:id/reset-password',
    {
      schema: {
        tags: ['org'],
        summary: '重置密码（一次性密码；原角色和密级待安全保密管理员恢复）',
        params: idParam,
        body: z.object({ password: z.string().min(1).max(128) }),
        operationId: 'orgResetPassword',
        response: { 200: contract.resetPasswordResponse },
      },
    },
    async (req) => ({ ok: true, ...(await org.resetPassword(actorOf(req), req.params.id, req.body.password)) }),
  );
  r.post(
    '/api/org/users/:id/unlock',
    { schema: { tags: ['org'], summary: '解除锁定', params: idParam, operationId: 'orgUnlock', response: { 200: contract.okResponse } } },
    async (req) => {
      await org.unlock(actorOf(req), req.params.id);
      return { ok: true };
    },
  );
}

const versionBody = z.object({ version: z.number().int().positive() });
const page = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

/** 授权申请 and the administrators' report. */
function registerGrantRoutes(app: FastifyInstance, org: OrgService): void {
  const rz = app.withTypeProvider<ZodTypeProvider>();
  rz.get(
    '/api/org/grants',
    {
      schema: {
        tags: ['org'],
        summary: '授权申请列表（三员可见）',
        querystring: z.object({
          status: z.enum(['pending', 'approved', 'rejected', 'cancelled', 'superseded', 'all']).default('pending'),
          userId: z.coerce.number().int().positive().optional(),
          ...page,
        }),
        operationId: 'orgListGrants',
        response: { 200: contract.listGrantsResponse },
      },
    },
    async (req) => org.grants.list(actorOf(req), req.query),
  );
  rz.post(
    '/api/org/grants',
    {
      schema: {
        tags: ['org'],
        summary: '申请授权（角色、涉密等级）',
        body: z.object({ userId: z.number().int().positive(), roles, clearance }),
        operationId: 'orgRequestGrant',
        response: { 200: contract.createUserResponse.pick({ id: true }) },
      },
    },
    async (req) => org.grants.request(actorOf(req), req.body),
  );
  rz.post(
    '/api/org/grants/:id/approve',
    {
      schema: {
        tags: ['org'],
        summary: '批准授权申请（安全保密管理员）',
        params: idParam,
        body: versionBody,
        operationId: 'orgApproveGrant',
        response: { 200: contract.grantView },
      },
    },
    async (req) => org.grants.approve(actorOf(req), req.params.id, req.body.version),
  );
  rz.post(
    '/api/org/grants/:id/reject',
    {
      schema: {
        tags: ['org'],
        summary: '驳回授权申请（安全保密管理员）',
        params: idParam,
        body: versionBody.extend({ note: z.string().trim().max(500).optional() }),
        operationId: 'orgRejectGrant',
        response: { 200: contract.grantView },
      },
    },
    async (req) => org.grants.reject(actorOf(req), req.params.id, req.body.version, req.body.note || null),
  );
  rz.post(
    '/api/org/grants/:id/cancel',
    {
      schema: {
        tags: ['org'],
        summary: '撤回授权申请',
        params: idParam,
        body: versionBody,
        operationId: 'orgCancelGrant',
        response: { 200: contract.grantView },
      },
    },
    async (req) => org.grants.cancel(actorOf(req), req.params.id, req.body.version),
  );
  rz.get(
    '/api/org/admin-report',
    {
      schema: {
        tags: ['org'],
        summary: '管理员账号操作报告（安全审计员）',
        querystring: z.object({ userId: z.coerce.number().int().positive().optional(), ...page }),
        operationId: 'orgAdminReport',
        response: { 200: contract.adminReportResponse },
      },
    },
    async (req) => org.grants.adminReport(actorOf(req), req.query),
  );
}
