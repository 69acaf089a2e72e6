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

/** Registers the organisation routes. */
export function registerOrgRoutes(app: FastifyInstance, org: OrgService): void {
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
        summary: '新增用户',
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
        summary: '修改用户',
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
        summary: '重置密码',
        params: idParam,
        body: z.object({ password: z.string().min(1).max(128) }),
        operationId: 'orgResetPassword',
        response: { 200: contract.resetPasswordResponse },
      },
    },
    async (req) => {
      await org.resetPassword(actorOf(req), req.params.id, req.body.password);
      return { ok: true };
    },
  );
  r.post(
    '/api/org/users/:id/unlock',
    { schema: { tags: ['org'], summary: '解除锁定', params: idParam, operationId: 'orgUnlock', response: { 200: contract.resetPasswordResponse } } },
    async (req) => {
      await org.unlock(actorOf(req), req.params.id);
      return { ok: true };
    },
  );
}
