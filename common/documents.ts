/** 公文 (documents): the answers of its HTTP routes as zod schemas, shared by the server (response schemas, OpenAPI) and the web (types). */
import { z } from 'zod';
import { sourceProgress } from './supervision.js';
import { attachmentView, lightView } from './views.js';

/** A length warning of a draft (篇幅): which limit, how many characters against it. */
export const lengthWarning = z.object({ code: z.string(), chars: z.number(), limit: z.number() });

/** A document state's name; terminal states say so. */
export const documentStateName = z.object({ zh: z.string(), en: z.string(), terminal: z.boolean().optional() });

/** Answer of `GET /api/documents/meta` (公文参数（文种、状态、紧急程度…）). */
export const metaResponse = z.object({
  docTypes: z.array(z.enum(['决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要'])).readonly(),
  urgencies: z.array(z.object({ key: z.enum(['normal', 'urgent', 'very_urgent']), zh: z.string() })),
  flows: z.array(z.object({ key: z.enum(['up', 'parallel', 'down']), zh: z.string() })),
  retentions: z.array(z.object({ key: z.enum(['permanent', '30y', '10y']), zh: z.string() })),
  levels: z.array(z.object({ value: z.number(), zh: z.enum(['公开', '内部', '秘密', '机密']) })),
  states: z.object({
    in: z.record(z.string(), documentStateName),
    out: z.record(z.string(), documentStateName),
  }),
  actions: z.object({
    in: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })),
    out: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })),
  }),
});

/** Answer of `GET /api/documents` (公文列表与检索（含我的待办、逾期、归档）). */
export const listResponse = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      direction: z.enum(['in', 'out']),
      status: z.string(),
      statusName: z.string(),
      docType: z.string(),
      title: z.string(),
      level: z.number(),
      urgency: z.string(),
      docNo: z.string().nullable(),
      receiveNo: z.string().nullable(),
      originalNo: z.string().nullable(),
      sourceOrgan: z.string().nullable(),
      ownerUnitName: z.string().nullable(),
      leadUnitName: z.string().nullable(),
      deadline: z.string().nullable(),
      light: lightView,
      overdue: z.boolean(),
      circulating: z.boolean(),
      archiveNo: z.string().nullable(),
      retention: z.string().nullable(),
      archivedAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

/** Answer of `POST /api/documents/incoming` (收文签收). */
export const receiveIncomingResponse = z.object({ id: z.number() });

/** Answer of `POST /api/documents/outgoing` (发文起草). */
export const draftResponse = z.object({ id: z.number(), warnings: z.array(lengthWarning) });

/** Answer of `GET /api/documents/quota/stats` (计划发文与实际（精文简会）). */
export const quotaStatsResponse = z.object({
  year: z.number(),
  /** The actor may set plans, quotas and the length guide (办公厅主任): the settings screen's buttons. */
  canManage: z.boolean(),
  rows: z.array(
    z.object({ unitId: z.number(), unitName: z.string(), docType: z.string(), plan: z.number(), quota: z.number(), actual: z.number(), avgChars: z.number() }),
  ),
  summary: z.object({
    plan: z.number(),
    actual: z.number(),
    ratio: z.number().nullable(),
    overQuota: z.array(z.object({ unitName: z.string(), docType: z.string(), quota: z.number(), actual: z.number() })),
    approvedOverQuota: z.number(),
    text: z.string(),
  }),
});

/** Answer of `PUT /api/documents/quota` (设置计划与配额). */
export const setQuotasResponse = z.object({ ok: z.boolean(), count: z.number() });

/** Answer of `GET /api/documents/quota/approvals` (超配额审批列表). */
export const listApprovalsResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      unitName: z.string(),
      docType: z.string(),
      title: z.string(),
      reason: z.string(),
      status: z.enum(['pending', 'approved', 'rejected', 'used']),
      decisionComment: z.string().nullable(),
      decidedAt: z.string().nullable(),
      version: z.number(),
      requester: z.string(),
      documentId: z.number().nullable(),
    }),
  ),
});

/** Answer of `POST /api/documents/quota/approvals` (申请超配额发文). */
export const requestApprovalResponse = z.object({ id: z.number(), status: z.string() });

/** Answer of `POST /api/documents/quota/approvals/:id/decide` (审批超配额发文). */
export const decideApprovalResponse = z.object({ id: z.number(), status: z.string(), version: z.number() });

/** Answer of `GET /api/documents/length-guide` (篇幅指引（字数）). */
export const lengthGuideResponse = z.object({ guide: z.record(z.string(), z.number()) });

/** Answer of `GET /api/documents/:id` (公文详情). */
export const detailResponse = z.object({
  document: z.object({
    id: z.number(),
    direction: z.enum(['in', 'out']),
    status: z.string(),
    version: z.number(),
    docType: z.string(),
    title: z.string(),
    level: z.number(),
    secrecyTerm: z.string().nullable(),
    urgency: z.string(),
    ownerUnitId: z.number(),
    ownerUnitName: z.string().nullable(),
    createdBy: z.number(),
    createdByName: z.string().nullable(),
    deadline: z.string().nullable(),
    receiveNo: z.string().nullable(),
    sourceOrgan: z.string().nullable(),
    originalNo: z.string().nullable(),
    pages: z.number().nullable(),
    copies: z.number().nullable(),
    receivedAt: z.string().nullable(),
    attachmentsNote: z.string().nullable(),
    returnReason: z.string().nullable(),
    proposal: z.string().nullable(),
    leaderId: z.number().nullable(),
    leaderName: z.string().nullable(),
    instruction: z.string().nullable(),
    leadUnitId: z.number().nullable(),
    leadUnitName: z.string().nullable(),
    supervisionItemId: z.number().nullable(),
    sourceDocumentId: z.number().nullable(),
    result: z.string().nullable(),
    orgCode: z.string().nullable(),
    year: z.number().nullable(),
    serial: z.number().nullable(),
    docNo: z.string().nullable(),
    issuerOrgan: z.string().nullable(),
    flow: z.string().nullable(),
    important: z.boolean(),
    jointUnitIds: z.array(z.number()),
    jointUnitNames: z.array(z.string().nullable()),
    signerId: z.number().nullable(),
    signerName: z.string().nullable(),
    signedAt: z.string().nullable(),
    mainTo: z.string().nullable(),
    cc: z.string().nullable(),
    bodyHtml: z.string(),
    signature: z.string().nullable(),
    docDate: z.string().nullable(),
    note: z.string().nullable(),
    printOrgan: z.string().nullable(),
    printDate: z.string().nullable(),
    copyNo: z.string().nullable(),
    printCount: z.number().nullable(),
    mainUnitIds: z.array(z.number()),
    mainUnitNames: z.array(z.string().nullable()),
    ccUnitIds: z.array(z.number()),
    ccUnitNames: z.array(z.string().nullable()),
    overQuotaApprovalId: z.number().nullable(),
    retention: z.string().nullable(),
    archiveNo: z.string().nullable(),
    archivedAt: z.string().nullable(),
    circulating: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  statusName: documentStateName,
  steps: z.array(
    z.object({
      action: z.string(),
      actionName: z.string(),
      from: z.string(),
      to: z.string(),
      actorName: z.string(),
      comment: z.string().nullable(),
      at: z.string(),
    }),
  ),
  handlers: z.array(
    z.object({ unitId: z.number(), unitName: z.string(), role: z.enum(['lead', 'co']), reply: z.string().nullable(), repliedAt: z.string().nullable() }),
  ),
  circulations: z.array(z.object({ userId: z.number(), name: z.string(), purpose: z.string().nullable(), readAt: z.string().nullable(), sentAt: z.string() })),
  reviews: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['countersign', 'review']),
      reviewerId: z.number().nullable(),
      reviewerName: z.string().nullable(),
      unitId: z.number().nullable(),
      unitName: z.string().nullable(),
      round: z.number(),
      decision: z.enum(['pending', 'approved', 'rejected']),
      comment: z.string().nullable(),
      decidedAt: z.string().nullable(),
    }),
  ),
  /** 签收情况: the recipient units of a distributed document, whether and when each signed for its copy. */
  deliveries: z.array(z.object({ unitId: z.number(), unitName: z.string(), received: z.boolean(), receivedAt: z.string().nullable() })),
  attachments: z.array(attachmentView),
  /** 督办 items registered from this document, when any. */
  supervision: z.array(sourceProgress).nullable(),
  actions: z.array(z.string()),
  can: z.object({ edit: z.boolean(), attach: z.boolean(), markRead: z.boolean(), render: z.boolean() }),
  warnings: z.array(lengthWarning),
});

/** Answer of `PATCH /api/documents/:id` (修改发文（签发后实质性修改退回签发人）). */
export const updateResponse = z.object({
  id: z.number(),
  version: z.number(),
  status: z.string(),
  warnings: z.array(lengthWarning),
});

/** Answer of `POST /api/documents/:id/read` (传阅已阅回执). */
export const markReadResponse = z.object({ ok: z.boolean(), readAt: z.string() });

/** Parameters of the module (文种, 紧急程度, states and step names). */
export type DocumentsMeta = z.infer<typeof metaResponse>;
/** A page of the document list. */
export type DocumentList = z.infer<typeof listResponse>;
/** A row of the document list. */
export type DocumentRow = DocumentList['items'][number];
/** The detail answer. */
export type DocumentDetail = z.infer<typeof detailResponse>;
