/**
 * The one hook through which 群众评价, 加减分 and the expert drop rule enter the results: what
 * `computeResults` asks besides the scores — the settings' drop threshold, each `public` leaf's score
 * from its survey's aggregate, and each unit's approved bonuses minus deductions.
 */
import type { Db, Trx } from '../../../db/client.js';
import { readAssessmentSettings } from '../assessment.settings.js';
import { unitIdsOf } from '../assessment.presenter.js';
import type { SchemeRow } from '../assessment.repo.js';
import * as reviews from '../repo/assessment.reviews.js';
import * as surveys from '../repo/assessment.survey.js';
import { surveyAggregate } from './survey-aggregate.js';

/** What the results take from 群众评价, 加减分 and the settings. */
export interface ResultInputs {
  /** 专业评估: drop the highest and lowest from this many raters on. */
  expertDropAt: number;
  /** The score 0–100 of a `public` leaf for a unit, null when hidden (too few answers) or no survey. */
  publicScore(indicatorId: number, unitId: number): number | null;
  /** How many answers a `public` leaf has for a unit. */
  publicAnswers(indicatorId: number, unitId: number): number;
  /** A unit's approved bonuses minus deductions. */
  adjustment(unitId: number): number;
}

/** Reads the inputs of a scheme's results (on `db`, which may be a transaction). */
export async function resultInputs(db: Db | Trx, s: SchemeRow): Promise<ResultInputs> {
  const { value: settings } = await readAssessmentSettings(db);
  const unitIds = unitIdsOf(s);
  const publicScores = new Map<string, { score: number | null; answers: number }>();
  for (const v of await surveys.listSurveys(db, s.id))
    for (const a of await surveyAggregate(db, v.id, unitIds, settings.surveyMinAnswers)) publicScores.set(`${v.indicator_id}:${a.unitId}`, a);
  const adjustments = new Map<number, number>();
  for (const a of await reviews.approvedAdjustments(db, s.id))
    adjustments.set(a.unit_id, (adjustments.get(a.unit_id) ?? 0) + (a.kind === 'bonus' ? a.points : -a.points));
  return {
    expertDropAt: settings.expertDropAt,
    publicScore: (i, u) => publicScores.get(`${i}:${u}`)?.score ?? null,
    publicAnswers: (i, u) => publicScores.get(`${i}:${u}`)?.answers ?? 0,
    adjustment: (u) => adjustments.get(u) ?? 0,
  };
}
