/** Request bodies and parameters of /api/duty (zod): bad input is a 400, never a 500. */
import { z } from 'zod';

export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const monthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });
export const generateBody = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  leaderIds: z.array(z.number().int().positive()).min(1).max(50),
  staffIds: z.array(z.number().int().positive()).min(1).max(50),
});
export const swapBody = z.object({ role: z.enum(['leader', 'staff']), toUserId: z.number().int().positive(), reason: z.string().trim().min(1).max(500) });
export const versionBody = z.object({ version: z.number().int().positive() });
export const entryListQuery = z.object({
  open: z.enum(['0', '1']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100000).default(0),
});
export const entryBody = z.object({
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  channel: z.enum(['phone', 'fax', 'telegram', 'email']),
  kind: z.enum(['routine', 'emergency']).default('routine'),
  caller: z.string().trim().min(1).max(100),
  callerUnit: z.string().trim().max(200).default(''),
  summary: z.string().trim().min(1).max(4000),
  urgency: z.enum(['normal', 'urgent', 'very_urgent']).default('normal'),
  level: z.number().int().min(0).max(3).default(0),
  ownerId: z.number().int().positive().nullable().optional(),
});
export const outcomeBody = z.object({
  version: z.number().int().positive(),
  kind: z.enum(['on_spot', 'to_unit', 'to_supervision', 'to_leader']),
  text: z.string().max(4000).default(''),
  unitId: z.number().int().positive().optional(),
  deadline: z.iso.date().optional(),
});
export const textBody = z.object({ version: z.number().int().positive(), text: z.string().max(4000) });
export const ownerBody = z.object({ version: z.number().int().positive(), ownerId: z.number().int().positive() });
export const handoverBody = z.object({ version: z.number().int().positive(), note: z.string().max(2000).default('') });
export const settingsBody = z.object({
  version: z.number().int().min(0),
  reportLimitMinutes: z.number().int().min(5).max(1440),
  escalateAfterMinutes: z.number().int().min(0).max(1440),
});
