/** 保密档案 (archives): the answers of its HTTP routes as zod schemas, shared by the server (response schemas, OpenAPI) and the web (types). */
import { z } from 'zod';
import { namedRef } from './views.js';

const names = z.object({ zh: z.string(), en: z.string() });

export const recordView = z.object({
  id: z.number(),
  archiveNo: z.string(),
  year: z.number(),
  sourceModule: z.string(),
  sourceType: z.string(),
  sourceName: names,
  sourceId: z.number(),
  sourceNumber: z.string().nullable(),
  title: z.string(),
  retention: z.string(),
  retentionName: z.string(),
  level: z.number(),
  levelName: z.string(),
  secrecyUntil: z.string().nullable(),
  ownerUnit: namedRef,
  archivedBy: namedRef,
  archivedAt: z.string(),
  hasBundle: z.boolean(),
  readable: z.boolean(),
  version: z.number(),
  actions: z.array(z.string()),
});

export const loanView = z.object({
  id: z.number(),
  recordId: z.number(),
  archiveNo: z.string(),
  title: z.string(),
  level: z.number(),
  borrower: namedRef,
  reason: z.string(),
  returnDue: z.string(),
  status: z.string(),
  statusName: names,
  overdue: z.boolean(),
  decidedBy: namedRef.nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  returnedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
  actions: z.array(z.string()),
});

export const reviewView = z.object({
  id: z.number(),
  recordId: z.number(),
  archiveNo: z.string(),
  title: z.string(),
  level: z.number(),
  secrecyUntil: z.string().nullable(),
  dueDate: z.string(),
  status: z.string(),
  decision: z.string().nullable(),
  decisionName: names.nullable(),
  oldLevel: z.number(),
  newLevel: z.number().nullable(),
  newUntil: z.string().nullable(),
  reason: z.string().nullable(),
  decidedBy: namedRef.nullable(),
  decidedAt: z.string().nullable(),
  version: z.number(),
  actions: z.array(z.string()),
});

export const listRecordsResponse = z.object({
  items: z.array(recordView),
  total: z.number(),
  can: z.object({ archive: z.boolean(), reviews: z.boolean() }),
});
export const recordResponse = z.object({ record: recordView, loans: z.array(loanView), reviews: z.array(reviewView) });
export const candidatesResponse = z.object({
  items: z.array(
    z.object({
      sourceType: z.string(),
      sourceName: names,
      sourceId: z.number(),
      number: z.string().nullable(),
      title: z.string(),
      level: z.number(),
      ownerUnit: namedRef,
      closedAt: z.string(),
    }),
  ),
});
export const loansResponse = z.object({ items: z.array(loanView) });
export const reviewsResponse = z.object({ items: z.array(reviewView) });

export type RecordView = z.infer<typeof recordView>;
export type LoanView = z.infer<typeof loanView>;
export type ReviewView = z.infer<typeof reviewView>;
export type ListRecordsResponse = z.infer<typeof listRecordsResponse>;
export type RecordResponse = z.infer<typeof recordResponse>;
export type CandidatesResponse = z.infer<typeof candidatesResponse>;
