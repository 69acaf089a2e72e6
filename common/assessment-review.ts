/**
 * 考核督查's 群众评价 (public survey), 加减分, 申诉, 修订 and settings: the answers of their routes as zod
 * schemas, shared by the server (response schemas, OpenAPI) and the web (types).
 */
import { z } from 'zod';

/** One unit's aggregate in a survey: the count of answers rating it and their mean (hidden below the minimum). */
export const surveyUnitResult = z.object({
  unitId: z.number(),
  unitName: z.string(),
  answers: z.number(),
  /** Mean rating 1–5, null while fewer than `minAnswers` answers rated the unit. */
  mean: z.number().nullable(),
  /** The `public` indicator's score 0–100 ((mean − 1) / 4 × 100), null when the mean is hidden. */
  score: z.number().nullable(),
});

/** A survey as the 督查室 sees it: questions, codes given and used, the aggregate only. */
export const surveyView = z.object({
  id: z.number(),
  schemeId: z.number(),
  indicatorId: z.number(),
  indicatorName: z.string(),
  title: z.string(),
  questions: z.array(z.string()),
  status: z.enum(['open', 'closed']),
  version: z.number(),
  codes: z.number(),
  codesUsed: z.number(),
  answers: z.number(),
  minAnswers: z.number(),
  units: z.array(surveyUnitResult),
  canManage: z.boolean(),
});

/** GET /api/assessment/schemes/:id/surveys */
export const surveysResponse = z.object({ items: z.array(surveyView), canOpen: z.boolean() });

/** POST /api/assessment/surveys/:id/codes — the codes, shown once (only their hashes are kept). */
export const surveyCodesResponse = z.object({ surveyId: z.number(), codes: z.array(z.object({ code: z.string(), link: z.string() })) });

/** GET /api/public/survey/:code — what a respondent sees (no account). */
export const publicSurveyResponse = z.object({
  title: z.string(),
  schemeName: z.string(),
  questions: z.array(z.string()),
  units: z.array(z.object({ id: z.number(), name: z.string() })),
});

/** POST /api/public/survey/:code — the answer was counted. */
export const publicAnswerResponse = z.object({ ok: z.literal(true) });

const adjustmentAction = z.enum(['approve', 'reject']);

/** A deduction or bonus. */
export const adjustmentView = z.object({
  id: z.number(),
  schemeId: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  kind: z.enum(['deduction', 'bonus']),
  points: z.number(),
  reason: z.string(),
  status: z.enum(['proposed', 'approved', 'rejected', 'cancelled']),
  proposedBy: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number(),
  actions: z.array(adjustmentAction),
});

/** An appeal. */
export const appealView = z.object({
  id: z.number(),
  schemeId: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  adjustmentId: z.number().nullable(),
  indicatorId: z.number().nullable(),
  indicatorName: z.string().nullable(),
  reason: z.string(),
  status: z.enum(['pending', 'upheld', 'rejected']),
  appealedBy: z.string(),
  appealedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  version: z.number(),
  actions: z.array(z.enum(['decide'])),
});

/** GET /api/assessment/schemes/:id/reviews — 加减分 and 申诉 of a scheme as the actor may see them. */
export const reviewsResponse = z.object({
  adjustments: z.array(adjustmentView),
  appeals: z.array(appealView),
  canPropose: z.boolean(),
  canAppeal: z.boolean(),
  /** The last day a unit may appeal (null until the results are published). */
  appealUntil: z.string().nullable(),
});

/** The module settings. */
export const assessmentSettingsView = z.object({
  expertDropAt: z.number(),
  surveyMinAnswers: z.number(),
  surveyRatePerMinute: z.number(),
  appealWorkingDays: z.number(),
  cockpitRefreshMinutes: z.number(),
});

/** GET/PUT /api/assessment/settings */
export const assessmentSettingsResponse = z.object({ settings: assessmentSettingsView, version: z.number(), canManage: z.boolean() });

/** A created survey, adjustment or appeal. */
export const idResponse = z.object({ id: z.number() });

/** A closed survey's new version. */
export const versionedResponse = z.object({ id: z.number(), version: z.number() });

/** POST /api/assessment/adjustments/:id/decide */
export const adjustmentDecision = z.object({ id: z.number(), version: z.number(), status: z.enum(['approved', 'rejected']) });

/** POST /api/assessment/appeals/:id/decide — `recomputed`: the frozen ranking was re-ranked. */
export const appealDecision = z.object({ id: z.number(), version: z.number(), status: z.enum(['upheld', 'rejected']), recomputed: z.boolean() });
