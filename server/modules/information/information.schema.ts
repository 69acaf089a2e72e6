/** zod shapes of the 信息 API requests (bodies, query strings, params). */
import { z } from 'zod';
import { adoptLevel, infoKind, informationSettings } from '../../../common/information.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true });
const version = z.number().int().min(1);

export const idParam = z.object({ id: z.coerce.number().int().positive() });

/** 报送 (or 续报 with `parentId`). */
export const submitBody = z.object({
  kind: infoKind,
  title: text(200),
  body: text(20000),
  level: z.number().int().min(0).max(3).default(0),
  eventAt: instant,
  parentId: z.number().int().positive().optional(),
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
    .array(z.object({ id: z.number().int().positive(), version }))
    .min(2)
    .max(20),
  title: text(200),
  body: text(20000),
});
export type MergeInput = z.infer<typeof mergeBody>;

export const instructBody = z.object({ text: text(2000) });

/** 转督办 of a 批示. */
export const convertBody = z.object({
  version,
  leadUnitId: z.number().int().positive(),
  coUnitIds: z.array(z.number().int().positive()).max(20).default([]),
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
});
export type ConvertInput = z.infer<typeof convertBody>;

/** An event known to the office, expected from a unit. */
export const eventBody = z.object({
  kind: infoKind,
  title: text(200),
  level: z.number().int().min(0).max(3).default(0),
  unitId: z.number().int().positive(),
  occurredAt: instant,
});
export type EventInput = z.infer<typeof eventBody>;

export const statisticsQuery = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
});

export const settingsBody = z.object({ version: z.number().int().min(0), value: informationSettings });
