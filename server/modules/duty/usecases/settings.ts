/** 值班设置: the 突发事件 report limit and the grace before escalation; read by the office, changed by a manager. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import type { AppContext } from '../../../platform/module.js';
import { writeSetting } from '../../../platform/settings.js';
import { dutyPolicy } from '../duty.policy.js';
import * as repo from '../duty.repo.js';
import { readDutySettings, SETTINGS_KEY, type DutySettings } from './common.js';

/** The settings with whether the actor may change them. */
export async function getSettings(ctx: AppContext, actor: Actor) {
  const desk = await repo.desk(ctx.db);
  const { value, version } = await readDutySettings(ctx.db);
  return { ...value, version, canEdit: dutyPolicy.manageRoster(actor, desk) };
}

/** Changes the settings (409 on a stale version); audited with the changed fields. */
export async function putSettings(ctx: AppContext, actor: Actor, input: DutySettings & { version: number }) {
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await repo.desk(trx);
    authorize(actor, dutyPolicy.manageRoster, desk, { action: 'duty.settings_update', targetType: 'setting', targetId: SETTINGS_KEY });
    const before = (await readDutySettings(trx)).value;
    const value: DutySettings = { reportLimitMinutes: input.reportLimitMinutes, escalateAfterMinutes: input.escalateAfterMinutes };
    const version = await writeSetting(trx, SETTINGS_KEY, input.version, value, ctx.clock.now());
    const changes = Object.fromEntries(
      (Object.keys(value) as (keyof DutySettings)[]).filter((k) => before[k] !== value[k]).map((k) => [k, [before[k], value[k]] as [unknown, unknown]]),
    );
    await ctx.audit.append(trx, { actor, action: 'duty.settings_update', targetType: 'setting', targetId: SETTINGS_KEY, changes });
    return { ...value, version, canEdit: true };
  });
}
