/** 资源共享 (library): the answers of its HTTP routes as zod schemas, shared by the server (response schemas, OpenAPI) and the web (types). */
import { z } from 'zod';
import { attachmentView, namedRef, searchHit } from './views.js';

/** A library item's kind name (上级文件 … 议政会通知). */
export const libraryKindName = z.enum(['上级文件', '刊物', '信息载体', '调研报告', '讲话稿', '材料', '经验做法', '议政会通知']);

/** A circulation's state name (传阅中, 已阅). */
export const circulationStatusName = z.enum(['传阅中', '已阅']);

/** The fields that open both a row of the item list and the item detail: what the item is and whose. */
export const itemHead = z.object({
  id: z.number(),
  kind: z.string(),
  kindName: libraryKindName,
  title: z.string(),
  source: z.string(),
  ownerUnitId: z.number(),
  ownerUnitName: z.string(),
});

/** Answer of `GET /api/library/items` (资源库/查阅条目列表). */
export const listItemsResponse = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      ...itemHead.shape,
      level: z.number(),
      catalog: z.boolean(),
      scope: z.string(),
      keywords: z.array(z.string()),
      summary: z.string(),
      date: z.string(),
      canOpen: z.boolean(),
    }),
  ),
});

/** Answer of `POST /api/library/items` (报送资源或查阅条目). */
export const createItemResponse = z.object({ id: z.number(), version: z.number() });

/** Answer of `GET /api/library/items/:id` (条目详情). */
export const getItemResponse = z.object({
  ...itemHead.shape,
  createdBy: z.number(),
  createdByName: z.string(),
  level: z.number(),
  secrecyPeriod: z.string().nullable(),
  scope: z.string(),
  scopeUnits: z.array(namedRef),
  scopeUsers: z.array(namedRef),
  catalog: z.boolean(),
  keywords: z.array(z.string()),
  summary: z.string(),
  date: z.string(),
  version: z.number(),
  canOpen: z.boolean(),
  content: z.string().nullable(),
  attachments: z.array(attachmentView),
  circulations: z.array(
    z.object({
      id: z.number(),
      purpose: z.string(),
      createdBy: z.number(),
      createdByName: z.string(),
      createdAt: z.string(),
      dueDate: z.string().nullable(),
      status: z.string(),
      statusName: circulationStatusName,
      readCount: z.number(),
      total: z.number(),
      recipients: z.array(z.object({ userId: z.number(), name: z.string(), readAt: z.string().nullable(), reminders: z.number() })),
      canRemind: z.boolean(),
      version: z.number(),
    }),
  ),
  uses: z.record(z.string(), z.number()),
  myRequest: z.object({ id: z.number(), status: z.string(), createdAt: z.string(), note: z.string().nullable() }).nullable(),
  actions: z.object({ edit: z.boolean(), requestAccess: z.boolean(), circulate: z.boolean(), recordUse: z.boolean(), decide: z.boolean() }),
});

/** Answer of `PATCH /api/library/items/:id` (修改条目). */
export const updateItemResponse = z.object({ version: z.number() });

/** Answer of `GET /api/library/items/:id/similar` (相似条目). */
export const similarResponse = z.object({ items: z.array(searchHit) });

/** Answer of `POST /api/library/items/:id/uses` (登记应用/转化). */
export const recordUseResponse = z.object({ uses: z.record(z.string(), z.number()) });

/** Answer of `POST /api/library/items/:id/access-requests` (申请查阅). */
export const requestAccessResponse = z.object({ id: z.number() });

/** Answer of `GET /api/library/access-requests` (查阅申请). */
export const listRequestsResponse = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      itemId: z.number(),
      itemTitle: z.string(),
      level: z.number(),
      requesterId: z.number(),
      requesterName: z.string(),
      requesterUnit: z.string(),
      reason: z.string(),
      status: z.string(),
      statusName: z.string(),
      note: z.string().nullable(),
      createdAt: z.string(),
      decidedAt: z.string().nullable(),
      version: z.number(),
      actions: z.array(z.string()),
    }),
  ),
});

/** Answer of `POST /api/library/access-requests/:id/decide` (审批查阅申请). */
export const decideRequestResponse = z.object({ status: z.string(), version: z.number() });

/** Answer of `POST /api/library/items/:id/circulations` (传阅). */
export const circulateResponse = z.object({ id: z.number(), recipients: z.number() });

/** Answer of `GET /api/library/circulations` (传阅列表). */
export const listCirculationsResponse = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      itemId: z.number(),
      itemTitle: z.string(),
      kindName: libraryKindName,
      level: z.number(),
      purpose: z.string(),
      status: z.string(),
      statusName: circulationStatusName,
      dueDate: z.string().nullable(),
      createdAt: z.string(),
      senderName: z.string(),
      readCount: z.number(),
      total: z.number(),
      myReadAt: z.string().nullable(),
    }),
  ),
});

/** Answer of `POST /api/library/circulations/:id/read` (签阅). */
export const markCirculationReadResponse = z.object({ status: z.string() });

/** Answer of `POST /api/library/circulations/:id/remind` (催阅). */
export const remindCirculationResponse = z.object({ reminded: z.number() });

/** A 定期分送 list (periodic distribution) with its subscribers. */
export const distributionView = z.object({
  id: z.number(),
  name: z.string(),
  kinds: z.array(z.string()),
  periodDays: z.number(),
  ownerUnitId: z.number(),
  ownerUnitName: z.string(),
  lastSentAt: z.string(),
  active: z.boolean(),
  version: z.number(),
  subscribers: z.array(namedRef),
  /** Subscriber units (every active member receives the run). */
  units: z.array(namedRef),
  canManage: z.boolean(),
});

/** Answer of `GET /api/library/distributions` (定期分送). */
export const listDistributionsResponse = z.object({ items: z.array(distributionView) });

/** Answer of `GET /api/library/distributions/:id` (定期分送详情). */
export const getDistributionResponse = distributionView;

/** Answer of `DELETE /api/library/distributions/:id` (删除定期分送). */
export const deleteDistributionResponse = z.object({ deleted: z.literal(true) });

/** Answer of `GET /api/library/topics` (论坛话题). */
export const listTopicsResponse = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      level: z.number(),
      status: z.string(),
      pinned: z.boolean(),
      replies: z.number(),
      lastReplyAt: z.string().nullable(),
      createdAt: z.string(),
      author: z.string(),
      unit: z.string(),
    }),
  ),
});

/** Answer of `GET /api/library/topics/:id` (话题详情). */
export const getTopicResponse = z.object({
  id: z.number(),
  title: z.string(),
  body: z.string(),
  level: z.number(),
  status: z.string(),
  pinned: z.boolean(),
  author: z.string(),
  unit: z.string(),
  createdAt: z.string(),
  version: z.number(),
  item: z.object({ id: z.number(), title: z.string() }).nullable(),
  replies: z.array(z.object({ id: z.number(), body: z.string(), author: z.string(), createdAt: z.string(), hidden: z.boolean() })),
  actions: z.object({ reply: z.boolean(), moderate: z.boolean() }),
});

/** Answer of `GET /api/library/stats` (成果使用统计与计分). */
export const useStatsResponse = z.object({
  from: z.string(),
  to: z.string(),
  weights: z.object({ applied: z.number(), converted: z.number(), provided: z.number(), viewed: z.number(), downloaded: z.number() }),
  weightsVersion: z.number(),
  canEditWeights: z.boolean(),
  units: z.array(
    z.object({
      score: z.number(),
      unitId: z.number(),
      unitName: z.string(),
      counts: z.object({ applied: z.number(), converted: z.number(), provided: z.number(), viewed: z.number(), downloaded: z.number() }),
    }),
  ),
});

/** A page of the item list. */
export type ItemList = z.infer<typeof listItemsResponse>;
/** A row of the item list. */
export type ItemRow = ItemList['items'][number];
/** The item detail. */
export type ItemDetail = z.infer<typeof getItemResponse>;
/** A circulation of an item with its receipts. */
export type Circulation = ItemDetail['circulations'][number];
/** A 定期分送 list. */
export type DistributionList = z.infer<typeof getDistributionResponse>;
/** The 定期分送 lists. */
export type DistributionLists = z.infer<typeof listDistributionsResponse>;
/** A page of circulations (传阅). */
export type CirculationList = z.infer<typeof listCirculationsResponse>;
/** A page of access requests (查阅申请). */
export type AccessRequestList = z.infer<typeof listRequestsResponse>;
/** A page of forum topics. */
export type ForumTopicList = z.infer<typeof listTopicsResponse>;
