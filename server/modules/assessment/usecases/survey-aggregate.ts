/** 群众评价's aggregate: per assessed unit the number of answers rating it and their mean, hidden below a minimum. */
import type { Db, Trx } from '../../../db/client.js';
import * as surveys from '../repo/assessment.survey.js';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** One unit's aggregate (mean 1–5 and score 0–100 null below `minAnswers`). */
export interface UnitAggregate {
  unitId: number;
  answers: number;
  mean: number | null;
  score: number | null;
}

/** The aggregate of stored answers (`ratings` JSON `{unitId: [rating per question]}`) for `unitIds`. */
export function aggregate(ratings: readonly string[], unitIds: readonly number[], minAnswers: number): UnitAggregate[] {
  const sums = new Map<number, { answers: number; sum: number; n: number }>();
  for (const text of ratings) {
    const r = JSON.parse(text) as Record<string, number[]>;
    for (const [unit, values] of Object.entries(r)) {
      const acc = sums.get(Number(unit)) ?? { answers: 0, sum: 0, n: 0 };
      acc.answers++;
      for (const v of values) {
        acc.sum += v;
        acc.n++;
      }
      sums.set(Number(unit), acc);
    }
  }
  return unitIds.map((unitId) => {
    const acc = sums.get(unitId);
    if (!acc || acc.answers < minAnswers || !acc.n) return { unitId, answers: acc?.answers ?? 0, mean: null, score: null };
    const mean = acc.sum / acc.n;
    return { unitId, answers: acc.answers, mean: round2(mean), score: round2(((mean - 1) / 4) * 100) };
  });
}

/** The aggregate of a survey's answers. */
export async function surveyAggregate(db: Db | Trx, surveyId: number, unitIds: readonly number[], minAnswers: number): Promise<UnitAggregate[]> {
  return aggregate(await surveys.answerRatings(db, surveyId), unitIds, minAnswers);
}
