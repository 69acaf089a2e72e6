/** The module settings (expert drop rule, survey thresholds, appeal window): the 督查室's division head or director changes them. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import type { AppContext } from '../../../platform/module.js';
import { reviewPolicy } from '../assessment.review-policy.js';
import { readAssessmentSettings, writeAssessmentSettings, type AssessmentSettings } from '../assessment.settings.js';
import { invalidateCockpit } from './cockpit.js';

/** The settings, their version and whether the actor may change them. */
export async function getSettings(ctx: AppContext, actor: Actor) {
  const { value, version } = await readAssessmentSettings(ctx.db);
  return { settings: value, version, canManage: reviewPolicy.manageSettings(actor, null) };
}

/** Changes the settings (version checked), audited with the before and after values. */
export async function putSettings(ctx: AppContext, actor: Actor, version: number, input: AssessmentSettings) {
  authorize(actor, reviewPolicy.manageSettings, null, { action: 'assessment.settings_update', targetType: 'setting', targetId: 'assessment' });
  return ctx.db.transaction().execute(async (trx) => {
    const before = await readAssessmentSettings(trx);
    const next = await writeAssessmentSettings(trx, version, input, ctx.clock.now());
    if (input.cockpitRefreshMinutes !== before.value.cockpitRefreshMinutes) await invalidateCockpit(ctx, trx); // the 驾驶舱 states its interval
    await ctx.audit.append(trx, {
      actor,
      action: 'assessment.settings_update',
      targetType: 'setting',
      targetId: 'assessment',
      changes: { settings: [before.value, input] },
    });
    return { settings: input, version: next, canManage: true };
  });
}
