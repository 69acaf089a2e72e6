/** Request shapes of the library and search routes (zod; they also feed the OpenAPI document). */
import { z } from 'zod';
import { FILEABLE_KINDS, LIBRARY_KIND_KEYS, NOTICE_CATEGORIES, USE_KINDS, type NoticeCategory } from './library.constants.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const id = z.coerce.number().int().positive();
const page = z.coerce.number().int().min(1).max(100000).default(1);
const pageSize = z.coerce.number().int().min(1).max(100).default(20);
const level = z.number().int().min(0).max(3);

/** `:id` */
export const idParams = z.object({ id });
/** `:id/files/:fileId` */
export const fileParams = z.object({ id, fileId: id });

/** Query of the item list. */
export const listItemsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(LIBRARY_KIND_KEYS).optional(),
  unitId: id.optional(),
  tab: z.enum(['all', 'mine', 'catalog', 'notices']).default('all'),
  page,
  pageSize,
});

const itemFields = {
  kind: z.enum(FILEABLE_KINDS),
  title: text(200),
  source: z.string().trim().max(200),
  level,
  secrecyPeriod: z.string().trim().max(50).nullable(),
  scope: z.enum(['everyone', 'scoped']),
  scopeUnitIds: z.array(id).max(200),
  scopeUserIds: z.array(id).max(500),
  catalog: z.boolean(),
  keywords: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(30)
        .regex(/^[^,]+$/),
    )
    .max(20),
  summary: z.string().trim().max(2000),
  content: z.string().max(200_000),
  date,
};
/** Body of filing an item. */
export const createItemBody = z.object({
  ...itemFields,
  source: itemFields.source.default(''),
  secrecyPeriod: itemFields.secrecyPeriod.optional(),
  scopeUnitIds: itemFields.scopeUnitIds.optional(),
  scopeUserIds: itemFields.scopeUserIds.optional(),
  catalog: itemFields.catalog.default(false),
  keywords: itemFields.keywords.default([]),
  summary: itemFields.summary.default(''),
  content: itemFields.content.default(''),
});
/** Body of changing an item (only the fields sent change). */
export const updateItemBody = z.object({ version: z.number().int().positive() }).extend(z.object(itemFields).partial().shape);

/** Body of recording a use. */
export const useBody = z.object({ kind: z.enum(['applied', 'converted']), note: text(500) });
/** Body of an access request. */
export const requestBody = z.object({ reason: text(500) });
/** Query of access requests. */
export const listRequestsQuery = z.object({
  box: z.enum(['incoming', 'mine']).default('incoming'),
  status: z.enum(['pending', 'granted', 'refused']).optional(),
  page,
  pageSize,
});
/** Body of deciding an access request. */
export const decideBody = z.object({
  action: z.enum(['grant', 'refuse']),
  version: z.number().int().positive(),
  note: z.string().trim().max(500).nullable().optional(),
});
/** Body of a circulation. */
export const circulateBody = z.object({
  userIds: z.array(id).max(500).default([]),
  unitIds: z.array(id).max(100).default([]),
  purpose: text(500),
  dueDate: date.nullable().optional(),
});
/** Query of circulations. */
export const listCirculationsQuery = z.object({
  box: z.enum(['sent', 'received']).default('received'),
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  page,
  pageSize,
});
/** Body of a 议政会 notice. */
export const noticeBody = z.object({
  category: z.enum(Object.keys(NOTICE_CATEGORIES) as [NoticeCategory, ...NoticeCategory[]]),
  title: text(200),
  body: text(20_000),
  level,
  date,
});
/** Body of a distribution list. */
export const distributionBody = z.object({
  name: text(100),
  kinds: z.array(z.enum(LIBRARY_KIND_KEYS)).min(1).max(LIBRARY_KIND_KEYS.length),
  periodDays: z.number().int().min(1).max(366),
  subscriberIds: z.array(id).max(500).default([]),
  /** Subscriber units: each active member receives the run. */
  unitIds: z.array(id).max(200).default([]),
});
/** Body of changing a distribution list (only the fields sent change; `active: false` pauses it). */
export const updateDistributionBody = z.object({
  version: z.number().int().positive(),
  name: distributionBody.shape.name.optional(),
  kinds: distributionBody.shape.kinds.optional(),
  periodDays: distributionBody.shape.periodDays.optional(),
  subscriberIds: z.array(id).max(500).optional(),
  unitIds: z.array(id).max(200).optional(),
  active: z.boolean().optional(),
});
/** Query of deleting a distribution list: the version the user saw. */
export const versionQuery = z.object({ version: z.coerce.number().int().positive() });
/** Query of forum topics. */
export const listTopicsQuery = z.object({ q: z.string().trim().max(100).optional(), page, pageSize });
/** Body of a forum topic. */
export const topicBody = z.object({ title: text(200), body: text(20_000), level, itemId: id.nullable().optional() });
/** Body of a reply. */
export const replyBody = z.object({ body: text(10_000) });
/** Body of moderation. */
export const moderateBody = z.object({
  version: z.number().int().positive(),
  action: z.enum(['pin', 'unpin', 'close', 'reopen', 'hide', 'hide_reply', 'show_reply']),
  replyId: id.optional(),
});
/** Query of the use table. */
export const statsQuery = z.object({ from: date, to: date }).refine((q) => q.from <= q.to, { message: '截止日期不能早于起始日期', path: ['to'] });
/** Body of the score weights. */
export const weightsBody = z.object({
  version: z.number().int().min(0),
  weights: z.object(Object.fromEntries(USE_KINDS.map((k) => [k, z.number().min(0).max(100)])) as Record<(typeof USE_KINDS)[number], z.ZodNumber>),
});

/** Query of the whole-system search. */
export const searchQuery = z
  .object({
    q: z.string().trim().min(1).max(100),
    module: z.string().trim().max(40).optional(),
    unitId: id.optional(),
    kind: z.string().trim().max(40).optional(),
    from: date.optional(),
    to: date.optional(),
    page,
    pageSize,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '截止日期不能早于起始日期', path: ['to'] });
/** Query of similar items. */
export const similarQuery = z.object({ itemType: z.string().trim().min(1).max(60), itemId: id, limit: z.coerce.number().int().min(1).max(20).default(6) });
