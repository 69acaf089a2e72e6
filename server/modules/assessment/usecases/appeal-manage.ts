/**
 * 申诉: the liaison of an assessed unit appeals a deduction or an indicator score of the unit within
 * the settings' working days after the results are published (the period closed; later: 422
 * `assessment.appeal_window`). The 督查室's division head or director upholds or rejects it with a
 * reason; an upheld appeal on a deduction cancels it and the frozen ranking is recomputed, audited.
 */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import { ConflictError, NotFoundError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import { leavesOf, unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import { reviewPolicy } from '../assessment.review-policy.js';
import * as reviews from '../repo/assessment.reviews.js';
import { loadReadable } from './common.js';
import { appealUntil } from './adjustment-manage.js';
import { resultInputs } from './results-inputs.js';
import { rank } from '../assessment.formulas.js';
import type { ResultsView } from '../../../../common/assessment.js';
import type { Trx } from '../../../db/client.js';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The frozen results with each unit's 加减分 replaced by the approved ones now, re-ranked: the frozen indicator scores stay as they were. */
async function readjust(trx: Trx, s: repo.SchemeRow): Promise<ResultsView> {
  const frozen = JSON.parse(s.results!) as ResultsView;
  const extra = await resultInputs(trx, s);
  const rows = frozen.rows.map((r) => {
    const adjustment = extra.adjustment(r.unitId);
    return { ...r, total: round2(r.total - (r.adjustment ?? 0) + adjustment), adjustment };
  });
  return { ...frozen, rows: rank(rows, frozen.topN, frozen.bottomN) };
}

/** Files an appeal for the actor's unit (audited as `assessment.appeal`). */
export async function fileAppeal(
  ctx: AppContext,
  actor: Actor,
  schemeId: number,
  input: { adjustmentId?: number | null | undefined; indicatorId?: number | null | undefined; reason: string },
) {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const s = await loadReadable(trx, actor, schemeId, 'assessment.appeal');
    authorize(
      actor,
      reviewPolicy.appeal,
      { ...s, unitIds: unitIdsOf(s) },
      { action: 'assessment.appeal', targetType: 'assessment_scheme', targetId: schemeId },
    );
    const until = await appealUntil(ctx, trx, s);
    if (until === null) throw new RuleError('assessment.appeal_not_published');
    if (chinaDate(ctx.clock.now()) > until) throw new RuleError('assessment.appeal_window', { date: until });
    if (!input.adjustmentId === !input.indicatorId) throw new RuleError('assessment.appeal_target');
    if (input.adjustmentId) {
      const adj = await reviews.loadAdjustment(trx, input.adjustmentId);
      if (!adj || adj.scheme_id !== schemeId || adj.unit_id !== actor.unitId || adj.kind !== 'deduction' || adj.status !== 'approved')
        throw new RuleError('assessment.appeal_target');
      if (await reviews.pendingAppealOn(trx, adj.id)) throw new ConflictError('assessment.appeal_pending');
    } else {
      const leaf = leavesOf(await repo.listIndicators(trx, schemeId), unitIdsOf(s)).find((l) => l.row.id === input.indicatorId);
      if (!leaf || !leaf.unitIds.includes(actor.unitId)) throw new RuleError('assessment.appeal_target');
    }
    const at = iso(ctx.clock.now());
    const id = await reviews.insertAppeal(trx, {
      scheme_id: schemeId,
      unit_id: actor.unitId,
      adjustment_id: input.adjustmentId ?? null,
      indicator_id: input.indicatorId ?? null,
      reason: input.reason,
      status: 'pending',
      appealed_by: actor.id,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      created_at: at,
      updated_at: at,
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'assessment.appeal',
      targetType: 'assessment_appeal',
      targetId: id,
      detail: { schemeId, adjustmentId: input.adjustmentId ?? null, indicatorId: input.indicatorId ?? null },
    });
    return id;
  });
  return { id };
}

/**
 * Upholds or rejects a pending appeal with a reason (audited as `assessment.appeal_decide`). Upheld on a
 * deduction: the deduction is cancelled and, the period being closed, its frozen ranking is re-ranked with
 * the frozen indicator scores and the 加减分 now approved (audited with `recomputed`).
 */
export async function decideAppeal(ctx: AppContext, actor: Actor, id: number, input: { version: number; upheld: boolean; reason: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await reviews.loadAppeal(trx, id);
    if (!row) throw new NotFoundError();
    const s = await loadReadable(trx, actor, row.scheme_id, 'assessment.appeal_decide');
    const target = { action: 'assessment.appeal_decide', targetType: 'assessment_appeal', targetId: id };
    authorize(actor, reviewPolicy.readAllReviews, s, { ...target, mode: 'read' });
    authorize(actor, reviewPolicy.decideAppeal, s, target);
    if (row.status !== 'pending') throw new ConflictError('assessment.appeal_decided');
    assertVersion(row, input.version);
    const status = input.upheld ? ('upheld' as const) : ('rejected' as const);
    const at = iso(ctx.clock.now());
    const version = await updateVersioned(trx, 'assessment_appeal', row, {
      status,
      decided_by: actor.id,
      decided_at: at,
      decision_reason: input.reason,
      updated_at: at,
    });
    let recomputed = false;
    if (input.upheld && row.adjustment_id) {
      const adj = await reviews.loadAdjustment(trx, row.adjustment_id);
      if (adj?.status === 'approved') {
        await updateVersioned(trx, 'assessment_adjustment', adj, { status: 'cancelled', updated_at: at });
        await ctx.audit.append(trx, {
          actor,
          action: 'assessment.adjustment_cancel',
          targetType: 'assessment_adjustment',
          targetId: adj.id,
          changes: { status: ['approved', 'cancelled'] },
          detail: { appealId: id },
        });
      }
      if (s.status === 'closed' && s.results) {
        await updateVersioned(trx, 'assessment_scheme', s, { results: JSON.stringify(await readjust(trx, s)), updated_at: at });
        recomputed = true;
      }
    }
    await ctx.audit.append(trx, {
      actor,
      action: 'assessment.appeal_decide',
      targetType: 'assessment_appeal',
      targetId: id,
      changes: { status: ['pending', status] },
      detail: { schemeId: s.id, recomputed },
    });
    return { id, version, status, recomputed };
  });
}
