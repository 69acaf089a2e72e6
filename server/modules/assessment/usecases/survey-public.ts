/**
 * 群众评价, the respondent's side — no account: a one-time code opens the survey and gives one answer.
 * Anonymous: the answer row keeps no code and no time finer than the day. One answer per code: the
 * code is consumed by one conditional UPDATE in the answer's transaction (a concurrent second answer
 * changes nothing and is refused). Rate-limited per IP address (429). Nothing here is audited with
 * the code or the IP: an audit row would link the answer back to the respondent.
 */
import { chinaDate, iso } from '../../../platform/clock.js';
import { ConflictError, NotFoundError, RateLimitError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import { readAssessmentSettings } from '../assessment.settings.js';
import * as surveys from '../repo/assessment.survey.js';
import { hashCode } from './survey-manage.js';

/** An answer as submitted: per rated unit one rating 1–5 per question, and an optional comment. */
export interface PublicAnswerInput {
  ratings: { unitId: number; ratings: number[] }[];
  comment?: string | null | undefined;
}

/** Counts a request of `ip` in the current minute; 429 past the setting's limit. */
async function rateLimit(ctx: AppContext, ip: string | null): Promise<void> {
  const { value } = await readAssessmentSettings(ctx.db);
  const now = ctx.clock.now();
  const window = iso(new Date(Math.floor(now.getTime() / 60_000) * 60_000));
  const key = `survey:${ip ?? '?'}`;
  const count = await surveys.countRequest(ctx.db, key, window);
  if (count === 1) await surveys.pruneRequests(ctx.db, key, window);
  if (count > value.surveyRatePerMinute) throw new RateLimitError('rate_limited');
}

/** The open survey of a code: 404 unknown code, 409 used code or closed survey / scheme. */
async function surveyOfCode(db: Parameters<typeof surveys.findCode>[0], code: string) {
  const found = await surveys.findCode(db, hashCode(code));
  if (!found) throw new NotFoundError('assessment.survey_code_unknown');
  const v = await surveys.loadSurvey(db, found.survey_id);
  const s = v ? await repo.loadScheme(db, v.scheme_id) : undefined;
  if (!v || !s) throw new NotFoundError('assessment.survey_code_unknown');
  if (v.status !== 'open' || s.status !== 'published') throw new ConflictError('assessment.survey_closed');
  if (found.used) throw new ConflictError('assessment.survey_code_used');
  return { v, s };
}

/** What the respondent sees: title, questions and the units to rate. */
export async function publicSurvey(ctx: AppContext, code: string, ip: string | null) {
  await rateLimit(ctx, ip);
  const { v, s } = await surveyOfCode(ctx.db, code);
  const unitIds = unitIdsOf(s);
  const names = await repo.unitNames(ctx.db, unitIds);
  return {
    title: v.title,
    schemeName: s.name,
    questions: JSON.parse(v.questions) as string[],
    units: unitIds.map((id) => ({ id, name: names.get(id) ?? '' })),
  };
}

/** Records one anonymous answer and uses the code up (409 `assessment.survey_code_used` for a replay, also a concurrent one). */
export async function answerSurvey(ctx: AppContext, code: string, ip: string | null, input: PublicAnswerInput) {
  await rateLimit(ctx, ip);
  return ctx.db.transaction().execute(async (trx) => {
    const { v, s } = await surveyOfCode(trx, code);
    const questions = (JSON.parse(v.questions) as string[]).length;
    const unitIds = unitIdsOf(s);
    const ratings: Record<string, number[]> = {};
    for (const r of input.ratings) {
      if (!unitIds.includes(r.unitId) || r.ratings.length !== questions || ratings[r.unitId]) throw new RuleError('assessment.survey_ratings');
      ratings[r.unitId] = r.ratings;
    }
    if (!Object.keys(ratings).length) throw new RuleError('assessment.survey_ratings');
    if (!(await surveys.consumeCode(trx, hashCode(code), v.id))) throw new ConflictError('assessment.survey_code_used');
    await surveys.insertAnswer(trx, {
      survey_id: v.id,
      answered_on: chinaDate(ctx.clock.now()),
      ratings: JSON.stringify(ratings),
      comment: input.comment || null,
    });
    return { ok: true as const };
  });
}
