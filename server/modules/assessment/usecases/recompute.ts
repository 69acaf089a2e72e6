/**
 * 重新计算 a closed period, explicitly: takes the inputs again through the source modules' contracts,
 * replaces the snapshot and the frozen results, and audits it (`assessment.recompute`, with the
 * ranking's unit order before and after). Only who may close may recompute; the scheme stays closed.
 */
import type { ResultsView } from '../../../../common/assessment.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { ConflictError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import { assessmentPolicy } from '../assessment.policy.js';
import { leavesOf, unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import { loadReadable } from './common.js';
import { gatherInputs, snapshotRows, sourcesOf } from './inputs.js';
import { getScheme } from './read-schemes.js';
import { invalidateCockpit } from './cockpit.js';
import { computeResults } from './results.js';

/** Recomputes a closed scheme's frozen results from the records as they are now (409 unless closed). */
export async function recomputeScheme(ctx: AppContext, actor: Actor, id: number, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await loadReadable(trx, actor, id, 'assessment.recompute');
    authorize(actor, assessmentPolicy.close, s, { action: 'assessment.recompute', targetType: 'assessment_scheme', targetId: id });
    if (s.status !== 'closed') throw new ConflictError('assessment.not_closed');
    assertVersion(s, version);
    const at = iso(ctx.clock.now());
    const unitIds = unitIdsOf(s);
    const inputs = await gatherInputs(ctx, trx, s, sourcesOf(leavesOf(await repo.listIndicators(trx, id), unitIds)), unitIds, at);
    await repo.replaceInputSnapshot(trx, id, snapshotRows(inputs, unitIds));
    const results = await computeResults(ctx, actor, s, trx, inputs);
    const before = s.results ? (JSON.parse(s.results) as ResultsView).rows.map((r) => r.unitId) : [];
    await updateVersioned(trx, 'assessment_scheme', s, { results: JSON.stringify({ ...results, status: 'closed', frozen: true }), updated_at: at });
    await invalidateCockpit(ctx, trx); // the 驾驶舱 shows the recomputed ranking
    await ctx.audit.append(trx, {
      actor,
      action: 'assessment.recompute',
      targetType: 'assessment_scheme',
      targetId: id,
      changes: { results: [null, null] },
      detail: { before, after: results.rows.map((r) => r.unitId) },
    });
    return getScheme(ctx, actor, id, trx);
  });
}
