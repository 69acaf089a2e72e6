/** Request shapes of /api/archives (zod; they also make the OpenAPI description). */
import { z } from 'zod';
import { BUNDLED_SOURCES, DECISIONS, RETENTIONS } from './archives.constants.js';

const id = z.coerce.number().int().positive();
const version = z.number().int().positive();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const idParam = z.object({ id });

export const listQuery = z.object({
  q: z.string().max(100).optional(),
  module: z.enum(['supervision', 'petitions', 'meetings', 'reception', 'documents']).optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const exportQuery = z.object({ year: listQuery.shape.year });

export const archiveBody = z.object({
  sourceType: z.enum(BUNDLED_SOURCES),
  sourceId: z.number().int().positive(),
  retention: z.enum(RETENTIONS),
  secrecyUntil: day.nullish(),
});

export const loanBody = z.object({ reason: z.string().trim().min(1).max(2000), returnDue: day });
export const decideLoanBody = z.object({ version, comment: z.string().trim().max(2000).nullish() });
export const versionBody = z.object({ version });
export const statusQuery = z.object({ status: z.string().max(20).optional() });

export const decideReviewBody = z.object({
  version,
  decision: z.enum(DECISIONS),
  reason: z.string().trim().min(1).max(2000),
  newLevel: z.number().int().min(0).max(3).nullish(),
  newUntil: day.nullish(),
});
