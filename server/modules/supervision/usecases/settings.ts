/** The module settings (催办 days, yellow light, who decides extensions): 督查室's division head or director changes them. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import type { AppContext } from '../../../platform/module.js';
import { supervisionPolicy } from '../supervision.policy.js';
import { readSettings, writeSettings, type SupervisionSettings } from '../supervision.settings.js';

/** The settings, their version and whether the actor may change them (the settings page's button). */
export async function getSettings(ctx: AppContext, actor: Actor) {
  const { value, version } = await readSettings(ctx.db);
  return { settings: value, version, canManage: supervisionPolicy.manageSettings(actor) };
}

/** Changes the module settings (version checked), audited with the before and after values. */
export async function putSettings(
  ctx: AppContext,
  actor: Actor,
  version: number,
  input: Omit<SupervisionSettings, 'approvers'> & Partial<Pick<SupervisionSettings, 'approvers'>>,
) {
  authorize(actor, supervisionPolicy.manageSettings, null, {
    action: 'supervision.settings_update',
    targetType: 'setting',
    targetId: 'supervision',
    code: 'supervision.not_office',
  });
  return ctx.db.transaction().execute(async (trx) => {
    const before = await readSettings(trx);
    const value: SupervisionSettings = { ...input, approvers: input.approvers ?? before.value.approvers };
    const next = await writeSettings(trx, version, value, ctx.clock.now());
    await ctx.audit.append(trx, {
      actor,
      action: 'supervision.settings_update',
      targetType: 'setting',
      targetId: 'supervision',
      changes: { settings: [before.value, value] },
    });
    return { settings: value, version: next, canManage: true };
  });
}
