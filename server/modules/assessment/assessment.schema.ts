/** Input schemas of the /api/assessment routes (zod; bad input is a 400, never a 500). */
import { z } from 'zod';
import { indicatorScope, periodKind, scoringMethod } from '../../../common/assessment.js';

export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const drillParams = idParam.extend({ unitId: z.coerce.number().int().positive(), indicatorId: z.coerce.number().int().positive() });

export const schemeCreateBody = z.object({
  name: z.string().trim().min(1).max(200),
  periodKind,
  period: z.string().trim().min(4).max(10),
  /** The assessed units; by default every active department and lower-level office. */
  unitIds: z.array(z.number().int().positive()).max(500).optional(),
  topN: z.number().int().min(0).max(50).default(3),
  bottomN: z.number().int().min(0).max(50).default(3),
});
export type SchemeCreateInput = z.infer<typeof schemeCreateBody>;

/** A node of the indicator tree as submitted (the whole tree is replaced at once). */
export type IndicatorInput = {
  name: string;
  weight: number;
  scope: 'common' | 'specific';
  unitId?: number | null;
  method?: 'auto' | 'org' | 'expert' | 'public' | null;
  autoKey?: string | null;
  rubric?: string | null;
  children?: IndicatorInput[];
};
const indicatorInput: z.ZodType<IndicatorInput> = z.lazy(() =>
  z.object({
    name: z.string().trim().min(1).max(200),
    weight: z.number().int().min(0).max(100),
    scope: indicatorScope,
    unitId: z.number().int().positive().nullish(),
    method: scoringMethod.nullish(),
    autoKey: z.string().max(100).nullish(),
    rubric: z.string().max(4000).nullish(),
    children: z.array(indicatorInput).max(50).optional(),
  }),
);
// recursive: named, so OpenAPI refers to it as #/components/schemas/IndicatorNodeInput
z.globalRegistry.add(indicatorInput, { id: 'IndicatorNode' });
export const indicatorsBody = z.object({ version: z.number().int(), indicators: z.array(indicatorInput).max(50) });

export const versionBody = z.object({ version: z.number().int() });

export const scoresBody = z.object({
  scores: z
    .array(
      z.object({
        indicatorId: z.number().int().positive(),
        unitId: z.number().int().positive(),
        score: z.number().int().min(0).max(100),
        evidence: z.string().trim().max(2000).nullish(),
      }),
    )
    .min(1)
    .max(2000),
});
export type ScoreInput = z.infer<typeof scoresBody>['scores'][number];
