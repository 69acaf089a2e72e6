/**
 * 结束考核期: takes the inputs once more through the source modules' contracts, stores their snapshot
 * (counts and the records counted, `assessment_input`) with the results, and freezes the scheme (409
 * afterwards): later edits to the records change neither the ranking nor its drill-down.
 */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import { assessmentPolicy } from '../assessment.policy.js';
import { assertStatus, loadReadable } from './common.js';
import { getScheme } from './read-schemes.js';
import { leavesOf, unitIdsOf } from '../assessment.presenter.js';
import * as repo from '../assessment.repo.js';
import { gatherInputs, snapshotRows, sourcesOf } from './inputs.js';
import { invalidateCockpit } from './cockpit.js';
import { computeResults } from './results.js';

/** Closes a published scheme's period (audited as `assessment.close` with the ranking's unit order). */
export async function closeScheme(ctx: AppContext, actor: Actor, id: number, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await loadReadable(trx, actor, id, 'assessment.close');
    authorize(actor, assessmentPolicy.close, s, { action: 'assessment.close', targetType: 'assessment_scheme', targetId: id });
    assertStatus(s, 'published');
    assertVersion(s, version);
    const at = iso(ctx.clock.now());
    const unitIds = unitIdsOf(s);
    const inputs = await gatherInputs(ctx, trx, s, sourcesOf(leavesOf(await repo.listIndicators(trx, id), unitIds)), unitIds, at);
    await repo.replaceInputSnapshot(trx, id, snapshotRows(inputs, unitIds));
    const results = await computeResults(ctx, actor, s, trx, inputs);
    await updateVersioned(trx, 'assessment_scheme', s, {
      status: 'closed',
      closed_at: at,
      closed_by: actor.id,
      results: JSON.stringify({ ...results, status: 'closed', frozen: true }),
      updated_at: at,
    });
    await invalidateCockpit(ctx, trx); // the 驾驶舱 shows the frozen ranking from now on
    await ctx.audit.append(trx, {
      actor,
      action: 'assessment.close',
      targetType: 'assessment_scheme',
      targetId: id,
      changes: { status: ['published', 'closed'] },
      detail: { ranking: results.rows.map((r) => r.unitId) },
    });
    return getScheme(ctx, actor, id, trx);
  });
}
