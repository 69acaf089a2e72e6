/** Request shapes of /api/reception (zod; they also make the OpenAPI description). */
import { z } from 'zod';
import { ITEM_KINDS } from '../../../common/reception.js';

const id = z.coerce.number().int().positive().max(2_147_483_647);
const dbId = z.number().int().positive().max(2_147_483_647);
const version = z.number().int().positive().max(2_147_483_647);
const line = (max: number) => z.string().trim().min(1).max(max);
const optional = (max: number) => z.string().trim().max(max).default('');
const date = z.iso.date();
const money = z.number().int().min(0).max(100_000_000);

export const idParam = z.object({ id });

export const itemInput = z.object({
  id: dbId.optional(),
  kind: z.enum(ITEM_KINDS),
  title: line(200),
  startsAt: z.iso.datetime({ offset: true }).nullish(),
  place: optional(200),
  unitId: dbId.nullish(),
  personId: dbId.nullish(),
  vehicles: optional(200),
  standard: optional(200),
  budget: money.default(0),
});

export const planBody = z.object({
  title: line(200),
  delegation: line(200),
  purpose: z.string().trim().min(1).max(5000),
  arriveDate: date,
  leaveDate: date,
  level: z.number().int().min(0).max(3).optional(),
  guests: z.array(z.object({ name: line(50), title: optional(100) })).max(200),
  guestCount: z.number().int().min(0).max(10000).optional(),
  items: z.array(itemInput).max(200),
});

export const updateBody = planBody.extend({ version, note: z.string().trim().max(2000).optional() });

export const listQuery = z.object({
  status: z.enum(['draft', 'submitted', 'head_approved', 'approved', 'closed']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const checklistQuery = z.object({ date: date.optional() });

export const versionBody = z.object({ version });
export const reasonBody = z.object({ version, reason: z.string().trim().min(1).max(2000) });
export const closeBody = z.object({ version, summary: z.string().trim().min(1).max(5000) });
export const costsBody = z.object({
  version,
  costs: z.array(z.object({ itemId: dbId, actualCost: money })).max(200),
  summary: z.string().trim().max(5000).optional(),
});
