/** zod shapes of the 信息 API requests (bodies, query strings, params). */
import { z } from 'zod';
import { adoptLevel, infoKind, informationSettings } from '../../../common/information.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true });
const version = z.number().int().min(1).max(2_147_483_647);
/** A calendar date that exists (2026-02-30 is refused). */
const day = z.iso.date();

/** An id: int4 on PostgreSQL, so a larger number is refused here. */
const dbId = z.number().int().positive().max(2_147_483_647);

export const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** 报送 (or 续报 with `parentId`). */
export const submitBody = z.object({
  kind: infoKind,
  title: text(200),
  body: text(20000),
  level: z.number().int().min(0).max(3).default(0),
  eventAt: instant,
  parentId: dbId.optional(),
  /** 约稿: the request this report answers for the actor's unit. */
  requestId: dbId.optional(),
});
export type SubmitInput = z.infer<typeof submitBody>;

export const listQuery = z.object({
  scope: z.enum(['mine', 'intake', 'adopted', 'all']).default('all'),
  status: z.enum(['submitted', 'taken', 'adopted', 'returned', 'merged']).optional(),
  kind: infoKind.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const versionBody = z.object({ version });
export const returnBody = z.object({ version, reason: text(500) });
export const editBody = z.object({ version, title: text(200), body: text(20000), note: z.string().trim().max(500).optional() });
export type EditInput = z.infer<typeof editBody>;
export const adoptBody = z.object({ version, level: adoptLevel });

/** 合并: the sources at their versions, and the merged text. */
export const mergeBody = z.object({
  sources: z
    .array(z.object({ id: dbId, version }))
    .min(2)
    .max(20),
  title: text(200),
  body: text(20000),
});
export type MergeInput = z.infer<typeof mergeBody>;

export { instructBody, type InstructInput } from './information.requests.schema.js';

/** 转督办 of a 批示. */
export const convertBody = z.object({
  version,
  leadUnitId: dbId,
  coUnitIds: z.array(dbId).max(20).default([]),
  deadline: day,
});
export type ConvertInput = z.infer<typeof convertBody>;

/** An event known to the office, expected from a unit. */
export const eventBody = z.object({
  kind: infoKind,
  title: text(200),
  level: z.number().int().min(0).max(3).default(0),
  unitId: dbId,
  occurredAt: instant,
});
export type EventInput = z.infer<typeof eventBody>;

export const statisticsQuery = z.object({
  from: day,
  to: day,
});

export const settingsBody = z.object({ version: z.number().int().min(0), value: informationSettings });
