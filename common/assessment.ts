/** 考核督查 (assessment): the answers of its HTTP routes as zod schemas, shared by the server (response schemas, OpenAPI) and the web (types). */
import { z } from 'zod';

export const periodKind = z.enum(['year', 'half', 'quarter']);
export const schemeStatus = z.enum(['draft', 'published', 'closed']);
/** `public`: 群众评价, scored from a survey's aggregate (common/assessment-review.ts). */
export const scoringMethod = z.enum(['auto', 'org', 'expert', 'public']);
export const indicatorScope = z.enum(['common', 'specific']);

/** An automatic indicator's formula, as shown to users. */
export const autoFormulaView = z.object({
  key: z.string(),
  source: z.string(),
  zh: z.string(),
  en: z.string(),
  formulaZh: z.string(),
  formulaEn: z.string(),
  /** The counts the formula uses, as named to users. */
  inputs: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string() })),
});

/** A node of the indicator tree (考比树). */
export type IndicatorView = {
  id: number;
  name: string;
  weight: number;
  scope: z.infer<typeof indicatorScope>;
  unitId: number | null;
  unitName: string | null;
  method: z.infer<typeof scoringMethod> | null;
  autoKey: string | null;
  formula: string | null;
  rubric: string | null;
  children: IndicatorView[];
};
export const indicatorView: z.ZodType<IndicatorView> = z.lazy(() =>
  z.object({
    id: z.number(),
    name: z.string(),
    weight: z.number(),
    scope: indicatorScope,
    unitId: z.number().nullable(),
    unitName: z.string().nullable(),
    method: scoringMethod.nullable(),
    autoKey: z.string().nullable(),
    formula: z.string().nullable(),
    rubric: z.string().nullable(),
    children: z.array(indicatorView),
  }),
);
// recursive: named, so OpenAPI refers to it as #/components/schemas/IndicatorView
z.globalRegistry.add(indicatorView, { id: 'IndicatorView' });

const schemeAction = z.enum(['editIndicators', 'publish', 'scoreOrg', 'scoreExpert', 'results', 'close', 'recompute', 'revise']);

/** A scheme in a list. */
export const schemeSummary = z.object({
  id: z.number(),
  name: z.string(),
  periodKind,
  period: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  status: schemeStatus,
  unitCount: z.number(),
  version: z.number(),
  actions: z.array(schemeAction),
  /** 修订: the scheme's version number (1, 2, …) and the scheme it revises. */
  revision: z.number().optional(),
  revisionOf: z.number().nullable().optional(),
});

/** GET /api/assessment/schemes */
export const listSchemesResponse = z.object({ items: z.array(schemeSummary), canCreate: z.boolean(), canCockpit: z.boolean() });

/** A scheme with its units and indicator tree. */
export const schemeResponse = schemeSummary.extend({
  units: z.array(z.object({ id: z.number(), name: z.string() })),
  topN: z.number(),
  bottomN: z.number(),
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  indicators: z.array(indicatorView),
});

/** GET /api/assessment/formulas */
export const formulasResponse = z.object({ items: z.array(autoFormulaView) });

/** One cell of a scoring sheet: a leaf, a unit, and the actor's own score. */
export const scoringCell = z.object({
  indicatorId: z.number(),
  unitId: z.number(),
  score: z.number().nullable(),
  evidence: z.string().nullable(),
});

/** GET /api/assessment/schemes/:id/scoring — the leaves the actor scores and their own scores only. */
export const scoringResponse = z.object({
  schemeId: z.number(),
  status: schemeStatus,
  kind: z.enum(['org', 'expert']).nullable(),
  leaves: z.array(z.object({ id: z.number(), name: z.string(), method: scoringMethod, rubric: z.string().nullable(), unitIds: z.array(z.number()) })),
  units: z.array(z.object({ id: z.number(), name: z.string() })),
  cells: z.array(scoringCell),
});

/** PUT /api/assessment/schemes/:id/scores */
export const saveScoresResponse = z.object({ saved: z.number() });

/** One leaf's part of a unit's result. */
export const resultLeaf = z.object({
  indicatorId: z.number(),
  name: z.string(),
  method: scoringMethod,
  pathWeight: z.number(),
  score: z.number(),
  weighted: z.number(),
  missing: z.boolean(),
  formula: z.string().nullable(),
  /** An automatic leaf's formula key and the counts it was computed from (by count key), null for other leaves. */
  autoKey: z.string().nullable().default(null),
  inputs: z.record(z.string(), z.number()).nullable(),
  raters: z.number(),
});

/** One unit's result and place in the ranking. */
export const resultRow = z.object({
  unitId: z.number(),
  unitName: z.string(),
  total: z.number(),
  rank: z.number(),
  mark: z.enum(['advanced', 'lagging']).nullable(),
  leaves: z.array(resultLeaf),
  /** The approved 加减分 (bonuses minus deductions) included in `total`; absent in results frozen before they existed. */
  adjustment: z.number().optional(),
});

/** GET /api/assessment/schemes/:id/results */
export const resultsResponse = z.object({
  schemeId: z.number(),
  status: schemeStatus,
  frozen: z.boolean(),
  computedAt: z.string(),
  topN: z.number(),
  bottomN: z.number(),
  /** 修订: the version of the scheme the results were computed with (absent in results frozen before versions). */
  schemeRevision: z.number().optional(),
  rows: z.array(resultRow),
});
export type ResultsView = z.infer<typeof resultsResponse>;

/**
 * GET /api/assessment/cockpit (and POST …/cockpit/refresh) — the leaders' 驾驶舱: the current period's ranking
 * and this year's 督办 counts per unit, from a snapshot recomputed every `refreshMinutes` (`computedAt`: when).
 */
export const cockpitResponse = z.object({
  today: z.string(),
  /** When the figures were computed: at most `refreshMinutes` ago. */
  computedAt: z.string(),
  /** The refresh interval (minutes), which is also the most the figures may be out of date. */
  refreshMinutes: z.number(),
  /** Whether the viewer may ask for a refresh now (刷新). */
  canRefresh: z.boolean(),
  scheme: z.object({ id: z.number(), name: z.string(), period: z.string(), status: schemeStatus }).nullable(),
  ranking: z.array(
    z.object({ unitId: z.number(), unitName: z.string(), total: z.number(), rank: z.number(), mark: z.enum(['advanced', 'lagging']).nullable() }),
  ),
  supervision: z.object({
    from: z.string(),
    to: z.string(),
    units: z.array(
      z.object({
        unitId: z.number(),
        unitName: z.string(),
        closed: z.number(),
        closedOnTime: z.number(),
        returned: z.number(),
        onTimeRate: z.number().nullable(),
      }),
    ),
  }),
  /** 信息流转 this week (Monday to today), per assessed unit, through information's contract. */
  information: z.object({
    from: z.string(),
    to: z.string(),
    units: z.array(z.object({ unitId: z.number(), unitName: z.string(), reported: z.number(), adopted: z.number(), instructions: z.number() })),
  }),
  /** 发文配额执行 this year to today, per assessed unit, through documents' contract. */
  documents: z.object({
    from: z.string(),
    to: z.string(),
    units: z.array(z.object({ unitId: z.number(), unitName: z.string(), issued: z.number(), withinQuota: z.number() })),
  }),
});

/** One record counted into an automatic indicator: a link when the viewer may read it, else only that it was counted. */
export const countedRecord = z.object({
  type: z.string(),
  id: z.number(),
  readable: z.boolean(),
  /** Title and web path: only when `readable`. */
  title: z.string().nullable(),
  link: z.string().nullable(),
});

/** GET /api/assessment/schemes/:id/units/:unitId/indicators/:indicatorId — a unit's score on a leaf → formula → the records counted. */
export const drillDownResponse = z.object({
  schemeId: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  indicatorId: z.number(),
  name: z.string(),
  method: scoringMethod,
  source: z.string().nullable(),
  formula: z.string().nullable(),
  score: z.number().nullable(),
  /** True once the period is closed: the counts and records are the snapshot taken at close. */
  frozen: z.boolean(),
  /** When the counts were taken (the close, or now). */
  takenAt: z.string(),
  counts: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      count: z.number(),
      /** False when the source module counts without listing its records. */
      listed: z.boolean(),
      /** The records counted (at most 200; `count` is exact). */
      records: z.array(countedRecord),
    }),
  ),
});
export type DrillDownView = z.infer<typeof drillDownResponse>;
