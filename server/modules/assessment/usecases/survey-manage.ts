/**
 * 群众评价, the 督查室's side: open a survey on a `public` leaf of a published scheme, generate
 * one-time codes (random 128-bit, only their SHA-256 kept, shown once as links `/survey/<code>`),
 * close it, and read the aggregate only.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { ConflictError, NotFoundError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import { leavesOf, unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import { reviewPolicy } from '../assessment.review-policy.js';
import { readAssessmentSettings } from '../assessment.settings.js';
import * as surveys from '../repo/assessment.survey.js';
import { assertStatus, loadReadable } from './common.js';
import { surveyAggregate } from './survey-aggregate.js';

/** The SHA-256 of a code, as stored. */
export const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/** The surveys of a scheme with their aggregates (404 when the scheme is not readable, 403 when its results are not). */
export async function listSurveys(ctx: AppContext, actor: Actor, schemeId: number) {
  const s = await loadReadable(ctx.db, actor, schemeId, 'assessment.survey_read');
  authorize(actor, reviewPolicy.readSurvey, s, { action: 'assessment.survey_read', targetType: 'assessment_scheme', targetId: schemeId });
  const { value: settings } = await readAssessmentSettings(ctx.db);
  const unitIds = unitIdsOf(s);
  const names = await repo.unitNames(ctx.db, unitIds);
  const indicators = new Map((await repo.listIndicators(ctx.db, schemeId)).map((i) => [i.id, i]));
  const canManage = reviewPolicy.manageSurvey(actor, s);
  const items = [];
  for (const v of await surveys.listSurveys(ctx.db, schemeId)) {
    const units = await surveyAggregate(ctx.db, v.id, unitIds, settings.surveyMinAnswers);
    const counts = await surveys.codeCounts(ctx.db, v.id);
    items.push({
      id: v.id,
      schemeId,
      indicatorId: v.indicator_id,
      indicatorName: indicators.get(v.indicator_id)?.name ?? '',
      title: v.title,
      questions: JSON.parse(v.questions) as string[],
      status: v.status as 'open' | 'closed',
      version: v.version,
      codes: counts.total,
      codesUsed: counts.used,
      answers: counts.used,
      minAnswers: settings.surveyMinAnswers,
      units: units.map((u) => ({ ...u, unitName: names.get(u.unitId) ?? '' })),
      canManage: canManage && v.status === 'open' && s.status === 'published',
    });
  }
  return { items, canOpen: canManage && s.status === 'published' };
}

/** Opens a survey on a `public` leaf of a published scheme (audited as `assessment.survey_open`). */
export async function openSurvey(ctx: AppContext, actor: Actor, schemeId: number, input: { indicatorId: number; title: string; questions: string[] }) {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const s = await loadReadable(trx, actor, schemeId, 'assessment.survey_open');
    authorize(actor, reviewPolicy.manageSurvey, s, { action: 'assessment.survey_open', targetType: 'assessment_scheme', targetId: schemeId });
    assertStatus(s, 'published');
    const leaf = leavesOf(await repo.listIndicators(trx, schemeId), unitIdsOf(s)).find((l) => l.row.id === input.indicatorId);
    if (!leaf || leaf.row.method !== 'public') throw new RuleError('assessment.survey_indicator');
    if (await surveys.surveyOfIndicator(trx, input.indicatorId)) throw new ConflictError('assessment.survey_exists');
    const at = iso(ctx.clock.now());
    const id = await surveys.insertSurvey(trx, {
      scheme_id: schemeId,
      indicator_id: input.indicatorId,
      title: input.title,
      questions: JSON.stringify(input.questions),
      status: 'open',
      opened_by: actor.id,
      closed_at: null,
      created_at: at,
      updated_at: at,
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'assessment.survey_open',
      targetType: 'assessment_survey',
      targetId: id,
      detail: { schemeId, indicatorId: input.indicatorId },
    });
    return id;
  });
  return { id };
}

/** Loads a survey and its scheme, authorizing the 督查室's management (404 / 403, audited as denied under `action`). */
async function loadManageable(trx: Parameters<typeof surveys.loadSurvey>[0], actor: Actor, id: number, action: string) {
  const v = await surveys.loadSurvey(trx, id);
  if (!v) throw new NotFoundError();
  const s = await loadReadable(trx, actor, v.scheme_id, action);
  authorize(actor, reviewPolicy.manageSurvey, s, { action, targetType: 'assessment_survey', targetId: id });
  if (v.status !== 'open') throw new ConflictError('assessment.survey_closed');
  return { v, s };
}

/** Generates `count` one-time codes (audited as `assessment.survey_codes` with the count only); the codes are answered once and never stored. */
export async function generateCodes(ctx: AppContext, actor: Actor, id: number, count: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const { s } = await loadManageable(trx, actor, id, 'assessment.survey_codes');
    assertStatus(s, 'published');
    const codes = Array.from({ length: count }, () => randomBytes(16).toString('base64url'));
    await surveys.insertCodes(trx, id, codes.map(hashCode));
    await ctx.audit.append(trx, { actor, action: 'assessment.survey_codes', targetType: 'assessment_survey', targetId: id, detail: { count } });
    return { surveyId: id, codes: codes.map((code) => ({ code, link: `/survey/${code}` })) };
  });
}

/** Closes a survey: its codes are refused afterwards (audited as `assessment.survey_close`). */
export async function closeSurvey(ctx: AppContext, actor: Actor, id: number, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const { v } = await loadManageable(trx, actor, id, 'assessment.survey_close');
    assertVersion(v, version);
    const at = iso(ctx.clock.now());
    const next = await updateVersioned(trx, 'assessment_survey', v, { status: 'closed', closed_at: at, updated_at: at });
    await ctx.audit.append(trx, {
      actor,
      action: 'assessment.survey_close',
      targetType: 'assessment_survey',
      targetId: id,
      changes: { status: ['open', 'closed'] },
    });
    return { id, version: next };
  });
}
