/** Input checks of 督查督办 shared by 立项, 分解立项 and imports (422 with a rule code). */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { RuleError } from '../../platform/errors.js';
import type { AppContext } from '../../platform/module.js';
import { activeUnitIds, findUserBrief } from './repo/supervision.lists.js';

/** The level is enabled and within the actor's clearance. */
export async function checkLevel(ctx: AppContext, db: Db | Trx, actor: Actor, level: number): Promise<void> {
  const enabled = (await ctx.settings.get(db)).value.enabledLevels;
  if (!enabled.includes(level)) throw new RuleError('level.not_enabled');
  if (level > actor.clearance) throw new RuleError('level.above_clearance');
}

/** Every unit exists and is active. */
export async function checkUnits(db: Db | Trx, ids: number[]): Promise<void> {
  const uniq = [...new Set(ids)];
  const found = await activeUnitIds(db, uniq);
  const missing = uniq.find((u) => !found.has(u));
  if (missing !== undefined) throw new RuleError('supervision.unit_unknown', { unit: missing });
}

/** The user exists, is enabled and (when given) belongs to the unit. */
export async function checkUser(db: Db | Trx, id: number, unitId?: number): Promise<void> {
  const u = await findUserBrief(db, id);
  if (!u || u.disabled) throw new RuleError('supervision.user_unknown', { user: id });
  if (unitId !== undefined && u.unit_id !== unitId) throw new RuleError('supervision.user_not_in_unit');
}
