/** 平台 (system: health, meta, settings, calendar, audit, workbench, notifications, files): the answers of its HTTP routes as zod schemas, shared by the server (response schemas, OpenAPI) and the web (types). */
import { z } from 'zod';
import { attachmentView, lightView, roleKey } from './views.js';

/** Answer of `GET /api/health` (健康检查). */
export const healthResponse = z.object({ status: z.string(), db: z.enum(['sqlite', 'postgres']), version: z.string(), time: z.string() });

/** Answer of `GET /api/meta` (系统参数（密级、角色、模块）). */
export const metaResponse = z.object({
  levels: z.array(z.object({ value: z.number(), zh: z.enum(['公开', '内部', '秘密', '机密']), en: z.enum(['Public', 'Internal', 'Secret', 'Confidential']) })),
  roles: z.array(
    z.object({
      zh: z.string(),
      en: z.string(),
      key: roleKey,
    }),
  ),
  modules: z.array(z.string()).readonly(),
  demo: z.boolean(),
  /** The deployment's time zone (IANA name): pages show times in it. */
  timeZone: z.string(),
});

/** Answer of `GET /api/admin/settings` (安全策略). */
export const getSecuritySettingsResponse = z.object({
  settings: z.object({
    passwordMinLength: z.number(),
    passwordClasses: z.number(),
    passwordExpiryDays: z.number(),
    lockoutThreshold: z.number(),
    lockoutMinutes: z.number(),
    idleTimeoutMinutes: z.number(),
    enabledLevels: z.array(z.number()),
  }),
  version: z.number(),
});

/** Answer of `GET /api/calendar/holidays` (节假日与调休). */
export const listHolidaysResponse = z.object({ items: z.array(z.object({ date: z.string(), workday: z.boolean(), name: z.string() })) });

/** Answer of `GET /api/audit` (审计记录). */
export const listAuditResponse = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      actorId: z.number().nullable(),
      actorName: z.string().nullable(),
      /** The actor's username (filterable by username or name). */
      actorUsername: z.string().nullable(),
      ip: z.string().nullable(),
      action: z.string(),
      targetType: z.string().nullable(),
      targetId: z.string().nullable(),
      /** A user's or unit's name; never a business item's title (the 三员 may not read business items). */
      targetTitle: z.string().nullable(),
      /** The target's 密级 where its module reports one. */
      targetLevel: z.number().nullable(),
      outcome: z.string(),
      /** Names of the changed fields (their values are kept as keyed hashes). */
      changedFields: z.array(z.string()),
      changes: z.unknown(),
      detail: z.unknown(),
      algo: z.string(),
    }),
  ),
});

/** Answer of `POST /api/audit/verify` (校验审计链). */
export const verifyAuditResponse = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBroken: z
    .object({
      seq: z.number(),
      reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'missing_entries', 'unknown_algorithm', 'truncated', 'anchor_mismatch']),
    })
    .nullable(),
  algo: z.string(),
});

/** Answer of `GET /api/workbench` (工作台：我的待办). */
export const workbenchResponse = z.object({
  items: z.array(
    z.object({
      module: z.string(),
      moduleName: z.object({ zh: z.string(), en: z.string() }),
      id: z.number(),
      title: z.string(),
      ownerUnit: z.string(),
      deadline: z.string().nullable(),
      light: lightView,
      status: z.string(),
      link: z.string(),
    }),
  ),
  counts: z.object({ green: z.number(), yellow: z.number(), red: z.number(), total: z.number() }),
});

/** Answer of `GET /api/notifications` (消息). */
export const listNotificationsResponse = z.object({
  total: z.number(),
  unread: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      title: z.string(),
      body: z.string(),
      link: z.string().nullable(),
      createdAt: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
});

/** Answer of `GET /api/notifications/unread-count` (未读消息数). */
export const unreadCountResponse = z.object({ unread: z.number() });

/** Answer of `POST /api/notifications/:id/read` (标记已读). */
export const markNotificationReadResponse = z.object({ ok: z.boolean() });

/** Answer of `POST /api/files` (上传附件（multipart 字段 file）). */
export const uploadFileResponse = attachmentView;

/** Answer of `GET /api/files` (附件列表). */
export const listFilesResponse = z.object({
  items: z.array(attachmentView),
});

/** A page of the inbox. */
export type NotificationPage = z.infer<typeof listNotificationsResponse>;
/** One notification of the current user. */
export type Notification = NotificationPage['items'][number];

/** Counts of open items by light (none = no time limit). */
const lightCounts = { total: z.number(), red: z.number(), yellow: z.number(), green: z.number(), none: z.number() };

/** Answer of `GET /api/loose-ends` (件件有着落: the office-wide board of open items the asking user may see). */
export const looseEndsResponse = z.object({
  items: z.array(
    z.object({
      module: z.string(),
      moduleName: z.object({ zh: z.string(), en: z.string() }),
      type: z.string(),
      id: z.number(),
      title: z.string(),
      ownerUnitId: z.number().nullable(),
      ownerUnit: z.string().nullable(),
      ownerUserId: z.number().nullable(),
      ownerUser: z.string().nullable(),
      deadline: z.string().nullable(),
      light: lightView,
      status: z.string(),
      link: z.string(),
    }),
  ),
  /** Modules whose list reached the per-module limit (more open items than shown). */
  truncated: z.array(z.string()),
  byLight: z.object(lightCounts),
  byModule: z.array(z.object({ module: z.string(), moduleName: z.object({ zh: z.string(), en: z.string() }), ...lightCounts })),
  byUnit: z.array(z.object({ unitId: z.number().nullable(), unit: z.string().nullable(), ...lightCounts })),
});
