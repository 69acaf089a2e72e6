/** 信访 (petitions): the answers of its HTTP routes as zod schemas, shared by the server (response schemas, OpenAPI) and the web (types). */
import { z } from 'zod';
import { namedRef } from './views.js';

export const PETITION_CHANNELS = ['letter', 'visit', 'phone', 'online'] as const;
/** 来信 / 来访 / 来电 / 网上 */
export const CHANNEL_NAMES: Record<(typeof PETITION_CHANNELS)[number], { zh: string; en: string }> = {
  letter: { zh: '来信', en: 'Letter' },
  visit: { zh: '来访', en: 'Visit' },
  phone: { zh: '来电', en: 'Phone call' },
  online: { zh: '网上', en: 'Online' },
};
export const SATISFACTIONS = ['satisfied', 'basically', 'unsatisfied'] as const;
/** 满意 / 基本满意 / 不满意 */
export const SATISFACTION_NAMES: Record<(typeof SATISFACTIONS)[number], { zh: string; en: string }> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};
export const CASE_ACTIONS = ['read', 'seePersonal', 'transfer', 'accept', 'reply', 'answer', 'followUp', 'close'] as const;

/** The petitioner as the viewer may see them (`masked` when the viewer is neither 信访 staff nor assigned). */
export const petitionerView = z.object({
  name: z.string(),
  idNo: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  masked: z.boolean(),
});

const caseBase = {
  id: z.number(),
  number: z.string(),
  channel: z.enum(PETITION_CHANNELS),
  petitioner: petitionerView,
  subject: z.string(),
  category: z.string(),
  place: z.string(),
  status: z.string(),
  statusName: z.object({ zh: z.string(), en: z.string() }),
  unit: namedRef.nullable(),
  acceptDue: z.string().nullable(),
  handleDue: z.string().nullable(),
  light: z.enum(['green', 'yellow', 'red', 'none']),
  repeatOf: z.number().nullable(),
  supervisedCount: z.number(),
  createdAt: z.string(),
  version: z.number(),
};

/** A case in a list. */
export const caseListItem = z.object(caseBase);

/** A case with its whole course and the actions the viewer may take. */
export const caseDetail = z.object({
  ...caseBase,
  content: z.string(),
  handler: namedRef.nullable(),
  transferredAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  unitReply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  satisfaction: z.enum(SATISFACTIONS).nullable(),
  followUp: z.string().nullable(),
  followedUpAt: z.string().nullable(),
  outcome: z.string().nullable(),
  closedAt: z.string().nullable(),
  lastSupervisedAt: z.string().nullable(),
  /** The 督查督办 item the late case was handed to (专项督查), if any. */
  supervision: z.object({ id: z.number(), number: z.string() }).nullable(),
  registeredBy: namedRef,
  /** The cases linked as 重复信访 (the first case and its repeats) the viewer may see. */
  repeats: z.array(z.object({ id: z.number(), number: z.string(), subject: z.string(), status: z.string(), createdAt: z.string() })),
  actions: z.array(z.enum(CASE_ACTIONS)),
});

export const caseResponse = caseDetail;
/** A registration's answer: the case, and the earlier case it repeats, if any. */
export const registerResponse = caseDetail.extend({ repeatFlagged: z.boolean() });
export const listCasesResponse = z.object({ items: z.array(caseListItem), total: z.number(), canRegister: z.boolean() });

/** The module's settings. */
export const petitionsConfigResponse = z.object({
  staffUnitIds: z.array(z.number()),
  overseerUnitIds: z.array(z.number()),
  acceptDays: z.number(),
  handleDays: z.number(),
  workingDays: z.boolean(),
  repeatDays: z.number(),
  repeatSimilarity: z.number(),
  version: z.number(),
  canConfigure: z.boolean(),
});

const statRow = z.object({
  key: z.string(),
  name: z.string(),
  total: z.number(),
  closed: z.number(),
  overdue: z.number(),
  repeats: z.number(),
  satisfied: z.number(),
});
/** 统计 by category, place and responsible unit (visible cases only). */
export const statsResponse = z.object({ byCategory: z.array(statRow), byPlace: z.array(statRow), byUnit: z.array(statRow) });
