/** /api/health, /api/meta, /api/admin/settings, /api/audit, /api/workbench, /api/loose-ends, /api/notifications, /api/files. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LEVELS, ROLE_NAMES, ROLES } from '../../../common/enums.js';
import { BadRequestError, UnsupportedTypeError } from '../../platform/errors.js';
import { actorOf } from '../../platform/http.js';
import { downloadHeaders } from '../../platform/download.js';
import type { AppContext } from '../../platform/module.js';
import { securitySettingsSchema } from '../../platform/settings.js';
import type { SystemService } from './system.service.js';
import { ping } from './system.repo.js';
import { BOARD_PER_MODULE } from './system.loose-ends.js';
import * as contract from '../../../common/system.js';
import { binaryFile } from '../../../common/http.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });
const paging = { page: z.coerce.number().int().min(1).max(100000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) };

/** Registers the system routes (health, meta, settings and calendar, then audit, 工作台 and notifications, then attachments). */
export function registerSystemRoutes(app: FastifyInstance, ctx: AppContext, system: SystemService, moduleNames: readonly string[]): void {
  registerPlatformRoutes(app, ctx, system, moduleNames);
  registerInboxRoutes(app, system);
  registerFileRoutes(app, ctx, system);
}

/** Health, meta, security settings, holidays. */
function registerPlatformRoutes(app: FastifyInstance, ctx: AppContext, system: SystemService, moduleNames: readonly string[]): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['system'], summary: '健康检查', operationId: 'systemHealth', response: { 200: contract.healthResponse } } },
    async () => {
      await ping(ctx.db);
      return { status: 'ok', db: ctx.database.dialect, version: '0.1.0', time: ctx.clock.now().toISOString() };
    },
  );

  r.get(
    '/api/meta',
    {
      config: { public: true, allowExpiredPassword: true },
      schema: { tags: ['system'], summary: '系统参数（密级、角色、模块）', operationId: 'systemMeta', response: { 200: contract.metaResponse } },
    },
    async () => {
      const { value } = await ctx.settings.get(ctx.db);
      return {
        levels: LEVELS.filter((l) => value.enabledLevels.includes(l.value)).map((l) => ({ value: l.value, zh: l.zh, en: l.en })),
        roles: ROLES.map((k) => ({ key: k, ...ROLE_NAMES[k] })),
        modules: moduleNames,
        demo: ctx.config.demo,
        timeZone: ctx.config.timeZone,
      };
    },
  );

  r.get(
    '/api/admin/settings',
    { schema: { tags: ['admin'], summary: '安全策略', operationId: 'systemGetSecuritySettings', response: { 200: contract.getSecuritySettingsResponse } } },
    async (req) => system.getSettings(actorOf(req)),
  );
  r.put(
    '/api/admin/settings',
    {
      schema: {
        tags: ['admin'],
        summary: '修改安全策略',
        body: z.object({ version: z.number().int().min(0), settings: securitySettingsSchema }),
        operationId: 'systemPutSecuritySettings',
        response: { 200: contract.getSecuritySettingsResponse },
      },
    },
    async (req) => system.putSettings(actorOf(req), req.body.version, req.body.settings),
  );

  r.get(
    '/api/calendar/holidays',
    {
      schema: {
        tags: ['system'],
        summary: '节假日与调休',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        operationId: 'systemListHolidays',
        response: { 200: contract.listHolidaysResponse },
      },
    },
    async (req) => ({
      items: await system.listHolidays(req.query.year),
    }),
  );
  r.put(
    '/api/admin/holidays',
    {
      schema: {
        tags: ['admin'],
        summary: '维护节假日与调休',
        body: z.object({
          year: z.number().int().min(2000).max(2100),
          days: z.array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), workday: z.boolean(), name: z.string().trim().min(1).max(50) })).max(366),
        }),
        operationId: 'systemPutHolidays',
        response: { 200: contract.listHolidaysResponse },
      },
    },
    async (req) => ({ items: await system.putHolidays(actorOf(req), req.body.year, req.body.days) }),
  );
}

/** The audit trail, the 工作台, notifications. */
function registerInboxRoutes(app: FastifyInstance, system: SystemService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计记录',
        querystring: z.object({
          ...paging,
          actor: z.string().max(50).optional(),
          action: z.string().max(100).optional(),
          outcome: z.enum(['success', 'denied', 'failure']).optional(),
          from: z.string().max(40).optional(),
          to: z.string().max(40).optional(),
          targetType: z.string().max(50).optional(),
          targetId: z.string().max(50).optional(),
        }),
        operationId: 'systemListAudit',
        response: { 200: contract.listAuditResponse },
      },
    },
    async (req) => system.listAudit(actorOf(req), req.query),
  );
  r.post(
    '/api/audit/verify',
    { schema: { tags: ['audit'], summary: '校验审计链', operationId: 'systemVerifyAudit', response: { 200: contract.verifyAuditResponse } } },
    async (req) => system.verifyAudit(actorOf(req)),
  );

  r.get(
    '/api/workbench',
    { schema: { tags: ['workbench'], summary: '工作台：我的待办', operationId: 'systemWorkbench', response: { 200: contract.workbenchResponse } } },
    async (req) => system.workbench(actorOf(req)),
  );

  r.get(
    '/api/loose-ends',
    {
      schema: {
        tags: ['workbench'],
        summary: '件件有着落：全厅未办结事项（按处室、按模块）',
        querystring: z.object({ perModule: z.coerce.number().int().min(1).max(BOARD_PER_MODULE.max).default(BOARD_PER_MODULE.default) }),
        operationId: 'systemLooseEnds',
        response: { 200: contract.looseEndsResponse },
      },
    },
    async (req) => system.looseEnds(actorOf(req), req.query.perModule),
  );

  r.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: '消息',
        querystring: z.object({ ...paging, unread: z.enum(['0', '1']).default('0') }),
        operationId: 'systemListNotifications',
        response: { 200: contract.listNotificationsResponse },
      },
    },
    async (req) => system.listNotifications(actorOf(req), { page: req.query.page, pageSize: req.query.pageSize, unread: req.query.unread === '1' }),
  );
  r.get(
    '/api/notifications/unread-count',
    { schema: { tags: ['notifications'], summary: '未读消息数', operationId: 'systemUnreadCount', response: { 200: contract.unreadCountResponse } } },
    async (req) => ({
      unread: await system.unreadCount(actorOf(req)),
    }),
  );
  r.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: '标记已读',
        params: idParam,
        operationId: 'systemMarkNotificationRead',
        response: { 200: contract.markNotificationReadResponse },
      },
    },
    async (req) => {
      await system.markRead(actorOf(req), req.params.id);
      return { ok: true };
    },
  );
  r.post(
    '/api/notifications/read-all',
    { schema: { tags: ['notifications'], summary: '全部已读', operationId: 'systemMarkAllRead', response: { 200: contract.markNotificationReadResponse } } },
    async (req) => {
      await system.markRead(actorOf(req), null);
      return { ok: true };
    },
  );
}

/** Attachments: upload, list, download, through the owner's policy. */
function registerFileRoutes(app: FastifyInstance, ctx: AppContext, system: SystemService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/files',
    {
      config: { upload: true },
      schema: {
        tags: ['files'],
        summary: '上传附件（multipart 字段 file）',
        querystring: z.object({ ownerType: z.string().min(1).max(50), ownerId: z.coerce.number().int().positive() }),
        operationId: 'systemUploadFile',
        response: { 201: contract.uploadFileResponse },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new UnsupportedTypeError('unsupported_media_type');
      const data = await req.file({ limits: { fileSize: ctx.files.maxBytes, files: 1 } });
      if (!data) throw new BadRequestError('file.missing');
      const info = await system.upload(actorOf(req), req.query.ownerType, req.query.ownerId, data.file, data.filename);
      return reply.code(201).send(info);
    },
  );
  r.get(
    '/api/files',
    {
      schema: {
        tags: ['files'],
        summary: '附件列表',
        querystring: z.object({ ownerType: z.string().min(1).max(50), ownerId: z.coerce.number().int().positive() }),
        operationId: 'systemListFiles',
        response: { 200: contract.listFilesResponse },
      },
    },
    async (req) => ({
      items: await system.listAttachments(actorOf(req), req.query.ownerType, req.query.ownerId),
    }),
  );
  r.get(
    '/api/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: '下载附件',
        params: idParam,
        operationId: 'systemDownloadFile',
        response: { 200: binaryFile('application/octet-stream') },
      },
    },
    async (req, reply) => {
      const f = await system.download(actorOf(req), req.params.id);
      reply
        .header('Content-Type', f.mime)
        .header('Content-Length', f.size)
        // attachment, never inline: an uploaded file is not rendered by the browser
        .headers(downloadHeaders(f.filename, `attachment-${req.params.id}`))
        .header('Content-Security-Policy', "default-src 'none'; sandbox");
      return reply.send(f.stream);
    },
  );
}
