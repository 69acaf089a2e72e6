/** 政务接待 (reception): the answers of its HTTP routes as zod schemas, shared by the server (response schemas, OpenAPI) and the web (types). */
import { z } from 'zod';

/** The kinds of itinerary items: 接站、食宿、宴请、会见、交流、参观. */
export const ITEM_KINDS = ['pickup', 'lodging', 'banquet', 'meeting', 'exchange', 'visit'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ITEM_KIND_NAMES: Record<ItemKind, { zh: string; en: string }> = {
  pickup: { zh: '接站', en: 'Pick-up' },
  lodging: { zh: '食宿', en: 'Board and lodging' },
  banquet: { zh: '宴请', en: 'Banquet' },
  meeting: { zh: '会见', en: 'Meeting' },
  exchange: { zh: '交流', en: 'Exchange' },
  visit: { zh: '参观', en: 'Visit' },
};

/** States of a plan: 草拟 → 已报送 → 处长已审核 → 已批准 → 已办结 (退回 = back to 草拟 with a reason). */
export const PLAN_STATES = {
  draft: { zh: '草拟', en: 'Draft' },
  submitted: { zh: '待处长审核', en: 'Awaiting division head' },
  head_approved: { zh: '待主任审批', en: 'Awaiting director' },
  approved: { zh: '已批准', en: 'Approved' },
  closed: { zh: '已办结', en: 'Closed' },
} as const;
export type PlanState = keyof typeof PLAN_STATES;

export const ITEM_STATES = {
  open: { zh: '待办', en: 'Open' },
  done: { zh: '已完成', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
} as const;

export const PLAN_ACTIONS = ['read', 'edit', 'submit', 'approve', 'return', 'recordCosts', 'close', 'export'] as const;
export const ITEM_ACTIONS = ['markDone', 'cancel'] as const;

const ref = z.object({ id: z.number(), name: z.string() });
const light = z.enum(['green', 'yellow', 'red', 'none']);

/** A guest of the delegation (name, title); masked (`null` list) for viewers below the plan's 密级 never happens: the plan is unreadable then. */
export const guestView = z.object({ name: z.string(), title: z.string() });

/** One itinerary item (a task with a deadline: its start time). */
export const itemView = z.object({
  id: z.number(),
  planId: z.number(),
  kind: z.enum(ITEM_KINDS),
  kindName: z.object({ zh: z.string(), en: z.string() }),
  title: z.string(),
  startsAt: z.string().nullable(),
  place: z.string(),
  unit: ref.nullable(),
  person: ref.nullable(),
  vehicles: z.string(),
  standard: z.string(),
  budget: z.number(),
  actualCost: z.number().nullable(),
  status: z.enum(['open', 'done', 'cancelled']),
  doneBy: ref.nullable(),
  doneAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  light,
  actions: z.array(z.enum(ITEM_ACTIONS)),
  version: z.number(),
});
export type ItemView = z.infer<typeof itemView>;

/** One entry of the change log (变更记录) of an approved plan. */
export const changeView = z.object({
  revision: z.number(),
  by: ref,
  at: z.string(),
  note: z.string(),
  /** What changed, in words (「会见 时间、地点」, 「新增 参观」). */
  fields: z.array(z.string()),
});

const planBase = {
  id: z.number(),
  number: z.string(),
  title: z.string(),
  delegation: z.string(),
  purpose: z.string(),
  arriveDate: z.string(),
  leaveDate: z.string(),
  guestCount: z.number(),
  level: z.number(),
  status: z.enum(['draft', 'submitted', 'head_approved', 'approved', 'closed']),
  statusName: z.object({ zh: z.string(), en: z.string() }),
  revision: z.number(),
  budget: z.number(),
  actualCost: z.number().nullable(),
  draftedBy: ref,
  createdAt: z.string(),
  version: z.number(),
};

/** A plan as lists show it. */
export const planListItem = z.object({ ...planBase, itemCount: z.number(), openItems: z.number() });

/** GET /api/reception/plans */
export const planListResponse = z.object({ items: z.array(planListItem), can: z.object({ draft: z.boolean() }) });

/** A plan with its guests, itinerary, change log and the viewer's actions. */
export const planResponse = z.object({
  ...planBase,
  guests: z.array(guestView),
  returnReason: z.string().nullable(),
  headApprovedBy: ref.nullable(),
  headApprovedAt: z.string().nullable(),
  approvedBy: ref.nullable(),
  approvedAt: z.string().nullable(),
  summary: z.string().nullable(),
  closedAt: z.string().nullable(),
  items: z.array(itemView),
  changes: z.array(changeView),
  actions: z.array(z.enum(PLAN_ACTIONS)),
});
export type PlanView = z.infer<typeof planResponse>;

/** GET /api/reception/checklist: the day's items (当日清单) of approved plans the viewer may see, in time order. */
export const checklistResponse = z.object({
  date: z.string(),
  items: z.array(itemView.extend({ planTitle: z.string(), planNumber: z.string() })),
});

/** An item's answer after 完成 / 取消. */
export const itemResponse = itemView;
