/** The reporting time limits per kind: read by everyone who reports, changed by 信息处's division head. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import type { AppContext } from '../../../platform/module.js';
import type { InformationSettings } from '../../../../common/information.js';
import { informationPolicy } from '../information.policy.js';
import { readInfoSettings, writeInfoSettings } from '../information.settings.js';

/** The current limits and their version. */
export async function getSettings(ctx: AppContext, actor: Actor) {
  authorize(actor, informationPolicy.viewStats, null, { action: 'information.settings_read', targetType: 'setting' });
  return readInfoSettings(ctx.db);
}

/** Writes the limits at `version` (409 when stale); audited as `information.settings_update`. */
export async function putSettings(ctx: AppContext, actor: Actor, version: number, value: InformationSettings) {
  authorize(actor, informationPolicy.manageSettings, null, { action: 'information.settings_update', targetType: 'setting' });
  return ctx.db.transaction().execute(async (trx) => {
    const next = await writeInfoSettings(trx, version, value, ctx.clock.now());
    await ctx.audit.append(trx, {
      actor,
      action: 'information.settings_update',
      targetType: 'setting',
      targetId: 'information',
      detail: { kinds: Object.keys(value.limits) },
    });
    return { value, version: next };
  });
}
