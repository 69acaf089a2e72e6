/** Request shapes of /api/petitions (zod; they also make the OpenAPI description). */
import { z } from 'zod';
import { PETITION_CHANNELS, SATISFACTIONS } from '../../../common/petitions.js';

const id = z.coerce.number().int().positive();
const version = z.number().int().positive();
const line = (max: number) => z.string().trim().min(1).max(max);
const optional = (max: number) => z.string().trim().max(max).nullish();
const unitIds = z.array(z.number().int().positive()).max(50);

export const idParam = z.object({ id });

export const registerBody = z.object({
  channel: z.enum(PETITION_CHANNELS),
  petitioner: z.object({ name: line(50), idNo: optional(18), phone: optional(20), address: optional(200) }),
  subject: line(200),
  content: z.string().trim().min(1).max(20000),
  category: line(50),
  place: line(50),
});

export const listQuery = z.object({
  status: z.enum(['registered', 'transferred', 'accepted', 'replied', 'answered', 'closed']).optional(),
  channel: z.enum(PETITION_CHANNELS).optional(),
  category: z.string().max(50).optional(),
  place: z.string().max(50).optional(),
  unitId: id.optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const exportQuery = z.object({
  status: listQuery.shape.status,
  category: z.string().max(50).optional(),
  unitId: id.optional(),
});

export const transferBody = z.object({ version, unitId: z.number().int().positive() });
export const versionBody = z.object({ version });
export const textBody = z.object({ version, text: z.string().trim().min(1).max(20000) });
export const closeBody = z.object({ version, outcome: z.string().trim().max(2000).optional() });
export const followUpBody = z.object({ version, satisfaction: z.enum(SATISFACTIONS), text: z.string().trim().max(2000).optional() });

export const configBody = z.object({
  version: z.number().int().min(0),
  staffUnitIds: unitIds.min(1),
  overseerUnitIds: unitIds,
  acceptDays: z.number().int().min(1).max(365),
  handleDays: z.number().int().min(1).max(365),
  workingDays: z.boolean(),
  repeatDays: z.number().int().min(1).max(3650),
  repeatSimilarity: z.number().min(0.1).max(1),
});
