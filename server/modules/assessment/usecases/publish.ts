/** 发布方案: a draft with a valid tree becomes open for scoring; it cannot change afterwards. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import { assessmentPolicy } from '../assessment.policy.js';
import * as repo from '../assessment.repo.js';
import { assertStatus, loadReadable } from './common.js';
import { invalidateCockpit } from './cockpit.js';
import { getScheme } from './read-schemes.js';

/** Publishes a draft scheme (audited as `assessment.publish`). */
export async function publishScheme(ctx: AppContext, actor: Actor, id: number, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await loadReadable(trx, actor, id, 'assessment.publish');
    authorize(actor, assessmentPolicy.manage, s, { action: 'assessment.publish', targetType: 'assessment_scheme', targetId: id });
    assertStatus(s, 'draft');
    assertVersion(s, version);
    if (!(await repo.listIndicators(trx, id)).length) throw new RuleError('assessment.no_indicators');
    const at = iso(ctx.clock.now());
    await updateVersioned(trx, 'assessment_scheme', s, { status: 'published', published_at: at, updated_at: at });
    await invalidateCockpit(ctx, trx); // the 驾驶舱's current period may be this one
    await ctx.audit.append(trx, {
      actor,
      action: 'assessment.publish',
      targetType: 'assessment_scheme',
      targetId: id,
      changes: { status: ['draft', 'published'] },
    });
    return getScheme(ctx, actor, id, trx);
  });
}
