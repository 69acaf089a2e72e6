/**
 * 加减分: a deduction or bonus for an assessed unit with its reason and points, proposed by the 督查室
 * and approved or rejected by its division head or director; approved ones enter the ranking
 * (results-inputs.ts). Also the list of a scheme's 加减分 and 申诉 as the actor may see them.
 */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize, presentActions } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import { ConflictError, NotFoundError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { userNames } from '../../../platform/names.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import { unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import { reviewPolicy } from '../assessment.review-policy.js';
import { readAssessmentSettings } from '../assessment.settings.js';
import * as reviews from '../repo/assessment.reviews.js';
import { assertStatus, loadReadable } from './common.js';

/** The buttons of an adjustment. */
const adjustmentActions = {
  approve: (a: Actor, x: { scheme: repo.SchemeRow; row: reviews.AdjustmentRow }) =>
    reviewPolicy.decideAdjustment(a, x.scheme) && x.scheme.status === 'published' && x.row.status === 'proposed',
  reject: (a: Actor, x: { scheme: repo.SchemeRow; row: reviews.AdjustmentRow }) =>
    reviewPolicy.decideAdjustment(a, x.scheme) && x.scheme.status === 'published' && x.row.status === 'proposed',
};
const appealActions = {
  decide: (a: Actor, x: { scheme: repo.SchemeRow; row: reviews.AppealRow }) => reviewPolicy.decideAppeal(a, x.scheme) && x.row.status === 'pending',
};

/** The last day to appeal a closed scheme's results (null while they are not published). */
export async function appealUntil(ctx: AppContext, db: Parameters<typeof readAssessmentSettings>[0], s: repo.SchemeRow): Promise<string | null> {
  if (s.status !== 'closed' || !s.closed_at) return null;
  const { value } = await readAssessmentSettings(db);
  return ctx.calendar.addWorkingDays(chinaDate(new Date(s.closed_at)), value.appealWorkingDays);
}

/** A scheme's 加减分 and 申诉: all of them for the assessors and leaders, a unit's own for its people. */
export async function listReviews(ctx: AppContext, actor: Actor, schemeId: number) {
  const s = await loadReadable(ctx.db, actor, schemeId, 'assessment.reviews_read');
  const all = reviewPolicy.readAllReviews(actor, s);
  const own = unitIdsOf(s).includes(actor.unitId) ? actor.unitId : undefined;
  if (!all && own === undefined) return { adjustments: [], appeals: [], canPropose: false, canAppeal: false, appealUntil: null };
  let adjustments = await reviews.listAdjustments(ctx.db, schemeId, all ? undefined : own);
  if (!all) adjustments = adjustments.filter((a) => a.status === 'approved' || a.status === 'cancelled');
  const appeals = await reviews.listAppeals(ctx.db, schemeId, all ? undefined : own);
  const units = await repo.unitNames(ctx.db, unitIdsOf(s));
  const users = await userNames(ctx.db, [
    ...adjustments.flatMap((a) => [a.proposed_by, a.decided_by]),
    ...appeals.flatMap((a) => [a.appealed_by, a.decided_by]),
  ]);
  const indicators = new Map((await repo.listIndicators(ctx.db, schemeId)).map((i) => [i.id, i.name]));
  const until = await appealUntil(ctx, ctx.db, s);
  return {
    adjustments: adjustments.map((a) => ({
      id: a.id,
      schemeId,
      unitId: a.unit_id,
      unitName: units.get(a.unit_id) ?? '',
      kind: a.kind as 'deduction' | 'bonus',
      points: a.points,
      reason: a.reason,
      status: a.status as 'proposed' | 'approved' | 'rejected' | 'cancelled',
      proposedBy: users.get(a.proposed_by) ?? '',
      decidedBy: a.decided_by ? (users.get(a.decided_by) ?? '') : null,
      decidedAt: a.decided_at,
      decisionNote: a.decision_note,
      version: a.version,
      actions: presentActions(actor, adjustmentActions, { scheme: s, row: a }),
    })),
    appeals: appeals.map((a) => ({
      id: a.id,
      schemeId,
      unitId: a.unit_id,
      unitName: units.get(a.unit_id) ?? '',
      adjustmentId: a.adjustment_id,
      indicatorId: a.indicator_id,
      indicatorName: a.indicator_id ? (indicators.get(a.indicator_id) ?? null) : null,
      reason: a.reason,
      status: a.status as 'pending' | 'upheld' | 'rejected',
      appealedBy: users.get(a.appealed_by) ?? '',
      appealedAt: a.created_at,
      decidedBy: a.decided_by ? (users.get(a.decided_by) ?? '') : null,
      decidedAt: a.decided_at,
      decisionReason: a.decision_reason,
      version: a.version,
      actions: presentActions(actor, appealActions, { scheme: s, row: a }),
    })),
    canPropose: reviewPolicy.proposeAdjustment(actor, s) && s.status === 'published',
    canAppeal: reviewPolicy.appeal(actor, { ...s, unitIds: unitIdsOf(s) }) && until !== null && chinaDate(ctx.clock.now()) <= until,
    appealUntil: until,
  };
}

/** Proposes a deduction or bonus for an assessed unit of a published scheme (audited as `assessment.adjustment_propose`). */
export async function proposeAdjustment(
  ctx: AppContext,
  actor: Actor,
  schemeId: number,
  input: { unitId: number; kind: 'deduction' | 'bonus'; points: number; reason: string },
) {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const s = await loadReadable(trx, actor, schemeId, 'assessment.adjustment_propose');
    authorize(actor, reviewPolicy.proposeAdjustment, s, { action: 'assessment.adjustment_propose', targetType: 'assessment_scheme', targetId: schemeId });
    assertStatus(s, 'published');
    if (!unitIdsOf(s).includes(input.unitId)) throw new RuleError('assessment.unknown_unit');
    const at = iso(ctx.clock.now());
    const id = await reviews.insertAdjustment(trx, {
      scheme_id: schemeId,
      unit_id: input.unitId,
      kind: input.kind,
      points: input.points,
      reason: input.reason,
      status: 'proposed',
      proposed_by: actor.id,
      decided_by: null,
      decided_at: null,
      decision_note: null,
      created_at: at,
      updated_at: at,
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'assessment.adjustment_propose',
      targetType: 'assessment_adjustment',
      targetId: id,
      detail: { schemeId, unitId: input.unitId, kind: input.kind, points: input.points },
    });
    return id;
  });
  return { id };
}

/** Loads an adjustment and its scheme (404 when either is absent or unreadable). */
export async function loadAdjustment(trx: Trx, actor: Actor, id: number, action: string) {
  const row = await reviews.loadAdjustment(trx, id);
  if (!row) throw new NotFoundError();
  const s = await loadReadable(trx, actor, row.scheme_id, action);
  return { row, s };
}

/** Approves or rejects a proposed adjustment (audited as `assessment.adjustment_decide`). */
export async function decideAdjustment(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { version: number; approve: boolean; note?: string | null | undefined },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, s } = await loadAdjustment(trx, actor, id, 'assessment.adjustment_decide');
    authorize(actor, reviewPolicy.readAllReviews, s, {
      action: 'assessment.adjustment_decide',
      targetType: 'assessment_adjustment',
      targetId: id,
      mode: 'read',
    });
    authorize(actor, reviewPolicy.decideAdjustment, s, { action: 'assessment.adjustment_decide', targetType: 'assessment_adjustment', targetId: id });
    assertStatus(s, 'published');
    if (row.status !== 'proposed') throw new ConflictError('assessment.adjustment_decided');
    assertVersion(row, input.version);
    const status = input.approve ? ('approved' as const) : ('rejected' as const);
    const at = iso(ctx.clock.now());
    const version = await updateVersioned(trx, 'assessment_adjustment', row, {
      status,
      decided_by: actor.id,
      decided_at: at,
      decision_note: input.note ?? null,
      updated_at: at,
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'assessment.adjustment_decide',
      targetType: 'assessment_adjustment',
      targetId: id,
      changes: { status: ['proposed', status] },
    });
    return { id, version, status };
  });
}
