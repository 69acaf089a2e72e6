/** 信息刊物 (publications and their numbered issues): the answers of the routes as zod schemas, shared by the server and the web. */
import { z } from 'zod';

const zhEn = z.object({ zh: z.string(), en: z.string() });
/** A readership: units and users. */
export const readership = z.object({ units: z.array(z.number().int()), users: z.array(z.number().int()) });

/** A publication (刊物). */
export const publicationView = z.object({
  id: z.number(),
  name: z.string(),
  minAdoptLevel: z.enum(['recorded', 'special', 'upper']),
  level: z.number(),
  orgName: z.string(),
  readership,
  reportTo: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
});
export type PublicationView = z.infer<typeof publicationView>;

/** Answer of `GET /api/information/publications`. */
export const publicationsResponse = z.object({
  items: z.array(publicationView),
  canManage: z.boolean(),
  canCreateIssue: z.boolean(),
  states: z.record(z.string(), zhEn),
});

/** An issue as lists show it. */
export const issueSummary = z.object({
  id: z.number(),
  publicationId: z.number(),
  publicationName: z.string(),
  /** 《信息专报》2026年第12期 once numbered, else 《信息专报》（草稿）. */
  label: z.string(),
  status: z.string(),
  year: z.number().nullable(),
  number: z.number().nullable(),
  totalNumber: z.number().nullable(),
  level: z.number(),
  itemCount: z.number(),
  publishedAt: z.string().nullable(),
  readAt: z.string().nullable(),
  version: z.number(),
});
export type IssueSummary = z.infer<typeof issueSummary>;

/** Answer of `GET /api/information/issues`. */
export const issuesResponse = z.object({ items: z.array(issueSummary) });

/** An item of an issue, in its order. */
export const issueItemView = z.object({
  id: z.number(),
  position: z.number(),
  title: z.string(),
  body: z.string(),
  kind: z.string(),
  unitName: z.string(),
  level: z.number(),
  /** Whether the reader may write a 批示 on it (the module's 批示 flow). */
  canInstruct: z.boolean(),
});

/** Answer of `GET /api/information/issues/:id`. */
export const issueDetailResponse = issueSummary.extend({
  note: z.string(),
  orgName: z.string(),
  returnReason: z.string().nullable(),
  editorName: z.string().nullable(),
  headSignedBy: z.string().nullable(),
  headSignedAt: z.string().nullable(),
  directorSignedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  items: z.array(issueItemView),
  actions: z.array(z.string()),
});
export type IssueDetail = z.infer<typeof issueDetailResponse>;

/** Answer of a write on an issue. */
export const issueWriteResponse = z.object({ id: z.number(), version: z.number(), status: z.string(), number: z.number().nullable() });

/** Answer of a write on a publication. */
export const publicationWriteResponse = z.object({ id: z.number(), version: z.number() });

/** Candidate items for an issue. */
export const adoptableResponse = z.object({
  items: z.array(z.object({ id: z.number(), title: z.string(), kind: z.string(), level: z.number(), adoptLevel: z.string().nullable(), unitName: z.string() })),
});

/** Read receipts (who read when). */
export const receiptsResponse = z.object({
  readers: z.array(z.object({ userId: z.number(), name: z.string(), unitName: z.string(), readAt: z.string() })),
});

/** Answer of 已阅. */
export const markReadResponse = z.object({ readAt: z.string(), first: z.boolean() });
