/** zod shapes of the 公文 API (request bodies, query strings, params). */
import { z } from 'zod';
import { DOC_TYPES, FLOWS, RETENTIONS, URGENCIES } from './documents.constants.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const id = z.number().int().positive();

export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const actionParam = z.object({ id: z.coerce.number().int().positive(), action: z.string().regex(/^[a-z_]{2,30}$/) });

/** 签收 of an incoming document. */
export const incomingBody = z.object({
  title: text(200),
  docType: z.enum(DOC_TYPES),
  sourceOrgan: text(100),
  originalNo: optText(60),
  level: z.number().int().min(0).max(3).default(0),
  secrecyTerm: optText(30),
  urgency: z.enum(URGENCIES).default('normal'),
});
export type IncomingInput = z.infer<typeof incomingBody>;

const draftFields = {
  docType: z.enum(DOC_TYPES),
  title: text(200),
  level: z.number().int().min(0).max(3),
  secrecyTerm: optText(30),
  urgency: z.enum(URGENCIES),
  copyNo: z
    .string()
    .trim()
    .regex(/^\d{0,6}$/)
    .nullable()
    .optional(),
  issuerOrgan: optText(100),
  orgCode: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .regex(/^[\u4e00-\u9fa5A-Za-z]+$/)
    .nullable()
    .optional(),
  flow: z.enum(FLOWS).nullable().optional(),
  important: z.boolean().optional(),
  jointUnitIds: z.array(id).max(20).optional(),
  signerId: id.nullable().optional(),
  mainTo: optText(500),
  cc: optText(500),
  bodyHtml: z.string().max(200_000).optional(),
  attachmentsNote: optText(1000),
  signature: optText(200),
  docDate: date.nullable().optional(),
  note: optText(500),
  printOrgan: optText(100),
  printDate: date.nullable().optional(),
};

/** 起草: the 18 elements of the 条例 (份号 … 印发日期) as fields, body as rich text. */
export const draftBody = z.object({
  ...draftFields,
  level: draftFields.level.default(0),
  urgency: draftFields.urgency.default('normal'),
  overQuotaApprovalId: id.optional(),
});
export type DraftInput = z.infer<typeof draftBody>;

/** Edit of an outgoing document. */
export const updateBody = z.object({
  version: z.number().int().positive(),
  ...Object.fromEntries(Object.entries(draftFields).map(([k, v]) => [k, v.optional()])),
}) as unknown as z.ZodObject<{ version: z.ZodNumber } & { [K in keyof typeof draftFields]: z.ZodOptional<(typeof draftFields)[K]> }>;
export type UpdateInput = { version: number } & Partial<Omit<DraftInput, 'overQuotaApprovalId'>>;

/** Input of a workflow step; each step uses its own fields (the engine checks the required ones). */
export const transitionBody = z.object({
  version: z.number().int().positive(),
  comment: z.string().trim().max(2000).optional(),
  // 登记
  title: text(200).optional(),
  docType: z.enum(DOC_TYPES).optional(),
  sourceOrgan: text(100).optional(),
  originalNo: z.string().trim().max(60).optional(),
  level: z.number().int().min(0).max(3).optional(),
  secrecyTerm: z.string().trim().max(30).optional(),
  urgency: z.enum(URGENCIES).optional(),
  pages: z.number().int().min(1).max(10000).optional(),
  copies: z.number().int().min(1).max(10000).optional(),
  attachmentsNote: z.string().trim().max(1000).optional(),
  deadline: date.optional(),
  // 退回 / 拟办 / 批办
  reason: z.string().trim().max(2000).optional(),
  proposal: z.string().trim().max(2000).optional(),
  leaderId: id.optional(),
  instruction: z.string().trim().max(2000).optional(),
  leadUnitId: id.optional(),
  coUnitIds: z.array(id).max(30).optional(),
  toSupervision: z.boolean().optional(),
  // 传阅 / 答复 / 办结 / 归档
  userIds: z.array(id).max(100).optional(),
  purpose: z.string().trim().max(500).optional(),
  reply: z.string().trim().max(5000).optional(),
  result: z.string().trim().max(5000).optional(),
  retention: z.enum(RETENTIONS).optional(),
  // 送审 / 登记 (发文)
  reviewerIds: z.array(id).max(20).optional(),
  mainUnitIds: z.array(id).max(200).optional(),
  ccUnitIds: z.array(id).max(200).optional(),
  printCount: z.number().int().min(1).max(100000).optional(),
});
export type TransitionInput = z.infer<typeof transitionBody>;

/** Filters of the list (lists, search, my pending, overdue, archive). */
export const listQuery = z.object({
  direction: z.enum(['in', 'out']).optional(),
  docType: z.enum(DOC_TYPES).optional(),
  level: z.coerce.number().int().min(0).max(3).optional(),
  urgency: z.enum(URGENCIES).optional(),
  status: z
    .string()
    .regex(/^[a-z_]{2,20}$/)
    .optional(),
  unitId: z.coerce.number().int().positive().optional(),
  from: date.optional(),
  to: date.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z.string().trim().max(100).optional(),
  overdue: z.enum(['0', '1']).optional(),
  mine: z.enum(['0', '1']).optional(),
  archived: z.enum(['0', '1']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const quotasBody = z.object({
  year: z.number().int().min(2000).max(2100),
  rows: z
    .array(z.object({ unitId: id, docType: z.enum(DOC_TYPES), plan: z.number().int().min(0).max(10000), quota: z.number().int().min(0).max(10000) }))
    .min(1)
    .max(500),
});

export const lengthGuideBody = z.object({ guide: z.partialRecord(z.enum(DOC_TYPES), z.number().int().min(100).max(100_000)) });

export const approvalBody = z.object({ docType: z.enum(DOC_TYPES), title: text(200), reason: text(2000) });
export const decideBody = z.object({ version: z.number().int().positive(), approve: z.boolean(), comment: text(2000) });
