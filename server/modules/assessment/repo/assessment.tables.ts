/** Table types of 考核督查 (assessment), added to the platform's `DB` interface. */
import type { Generated } from 'kysely';

/** 考核方案: one period's scheme, its assessed units and, once closed, its frozen results. */
export interface AssessmentSchemeTable {
  id: Generated<number>;
  name: string;
  /** year | half | quarter */
  period_kind: string;
  /** '2026', '2026H2', '2026Q4' */
  period: string;
  period_from: string;
  period_to: string;
  /** draft | published | closed */
  status: string;
  /** JSON array of the assessed unit ids. */
  unit_ids: string;
  /** How many at the top are marked 先进, at the bottom 落后. */
  top_n: number;
  bottom_n: number;
  /** JSON of the results frozen at close (null until closed). */
  results: string | null;
  published_at: string | null;
  closed_at: string | null;
  closed_by: number | null;
  created_by: number;
  /** 修订: the scheme's version number (1, 2, …; migration 202612071300) — optional here so older writers need not name it. */
  revision?: number;
  /** The scheme this one revises (null for a first version). */
  revision_of?: number | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 考核指标: a node of the scheme's indicator tree; leaves carry the scoring method. */
export interface AssessmentIndicatorTable {
  id: Generated<number>;
  scheme_id: number;
  parent_id: number | null;
  seq: number;
  name: string;
  /** Weight among its siblings (the siblings applying to a unit add up to 100). */
  weight: number;
  /** common (共性) | specific (个性, for `unit_id` only) */
  scope: string;
  unit_id: number | null;
  /** Leaves: auto | org | expert. */
  method: string | null;
  /** Automatic leaves: the key of the formula (assessment.formulas.ts). */
  auto_key: string | null;
  /** 评分细则 of an organisation or expert leaf. */
  rubric: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** One assessor's (org) or rater's (expert) score of one unit on one leaf, 0–100, with evidence. */
export interface AssessmentScoreTable {
  id: Generated<number>;
  scheme_id: number;
  indicator_id: number;
  unit_id: number;
  rater_id: number;
  /** org | expert */
  kind: string;
  score: number;
  evidence: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** The inputs' snapshot taken at close: one source's counts for one unit and the records counted (JSON; null when the source lists none). */
export interface AssessmentInputTable {
  id: Generated<number>;
  scheme_id: number;
  source: string;
  unit_id: number;
  /** JSON object: count key → count. */
  counts: string;
  /** JSON object: count key → [{ type, id }] (at most 200 each), or null. */
  refs: string | null;
  taken_at: string;
}

declare module '../../../db/schema.js' {
  interface DB {
    assessment_input: AssessmentInputTable;
    assessment_scheme: AssessmentSchemeTable;
    assessment_indicator: AssessmentIndicatorTable;
    assessment_score: AssessmentScoreTable;
  }
}
