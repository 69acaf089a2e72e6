/** Table types of 考核督查's 群众评价, 加减分 and 申诉, and the scheme revision columns, added to the platform's `DB` interface. */
import type { Generated } from 'kysely';

/** 群众评价: one survey per `public` leaf of a scheme. */
export interface AssessmentSurveyTable {
  id: Generated<number>;
  scheme_id: number;
  indicator_id: number;
  title: string;
  /** JSON array of the question texts; each is rated 1–5 per assessed unit. */
  questions: string;
  /** open | closed */
  status: string;
  opened_by: number;
  closed_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A one-time code: its SHA-256 only and whether it was used (no time, no link to the answer). */
export interface AssessmentSurveyCodeTable {
  code_hash: string;
  survey_id: number;
  used: Generated<number>;
}

/** An anonymous answer: the day only; `ratings` JSON `{unitId: [rating per question]}`. */
export interface AssessmentSurveyAnswerTable {
  id: Generated<number>;
  survey_id: number;
  answered_on: string;
  ratings: string;
  comment: string | null;
}

/** 加减分: a deduction or bonus for a unit, proposed by the 督查室 and approved by its head. */
export interface AssessmentAdjustmentTable {
  id: Generated<number>;
  scheme_id: number;
  unit_id: number;
  /** deduction | bonus */
  kind: string;
  points: number;
  reason: string;
  /** proposed | approved | rejected | cancelled (by an upheld appeal) */
  status: string;
  proposed_by: number;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 申诉: an assessed unit's appeal of a deduction or an indicator score. */
export interface AssessmentAppealTable {
  id: Generated<number>;
  scheme_id: number;
  unit_id: number;
  adjustment_id: number | null;
  indicator_id: number | null;
  reason: string;
  /** pending | upheld | rejected */
  status: string;
  appealed_by: number;
  decided_by: number | null;
  decided_at: string | null;
  decision_reason: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

declare module '../../../db/schema.js' {
  interface DB {
    assessment_survey: AssessmentSurveyTable;
    assessment_survey_code: AssessmentSurveyCodeTable;
    assessment_survey_answer: AssessmentSurveyAnswerTable;
    assessment_adjustment: AssessmentAdjustmentTable;
    assessment_appeal: AssessmentAppealTable;
  }
}
