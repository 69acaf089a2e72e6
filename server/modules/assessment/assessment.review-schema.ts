/** Input schemas of 群众评价, 加减分, 申诉, 修订 and settings (zod; bad input is a 400, never a 500). */
import { z } from 'zod';
import { assessmentSettingsSchema } from './assessment.settings.js';

/** A one-time code: 22 base64url characters (128 random bits). */
export const codeParam = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{22}$/) });

export const surveyOpenBody = z.object({
  indicatorId: z.number().int().positive(),
  title: z.string().trim().min(1).max(200),
  questions: z.array(z.string().trim().min(1).max(500)).min(1).max(20),
});

export const surveyCodesBody = z.object({ count: z.number().int().min(1).max(2000) });

export const publicAnswerBody = z.object({
  ratings: z
    .array(z.object({ unitId: z.number().int().positive(), ratings: z.array(z.number().int().min(1).max(5)).min(1).max(20) }))
    .min(1)
    .max(500),
  comment: z.string().trim().max(2000).nullish(),
});

export const adjustmentBody = z.object({
  unitId: z.number().int().positive(),
  kind: z.enum(['deduction', 'bonus']),
  points: z.number().int().min(1).max(100),
  reason: z.string().trim().min(1).max(2000),
});

export const adjustmentDecideBody = z.object({ version: z.number().int(), approve: z.boolean(), note: z.string().trim().max(2000).nullish() });

export const appealBody = z.object({
  adjustmentId: z.number().int().positive().nullish(),
  indicatorId: z.number().int().positive().nullish(),
  reason: z.string().trim().min(1).max(2000),
});

export const appealDecideBody = z.object({ version: z.number().int(), upheld: z.boolean(), reason: z.string().trim().min(1).max(2000) });

export const settingsBody = z.object({ version: z.number().int().min(0), settings: assessmentSettingsSchema });
