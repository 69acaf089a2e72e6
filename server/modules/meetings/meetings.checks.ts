/** Input checks of 会议 shared by the use cases: an enabled 密级 within the actor's clearance, active units and users. */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { RuleError } from '../../platform/errors.js';
import type { AppContext } from '../../platform/module.js';
import * as repo from './meetings.repo.js';

type H = Db | Trx;

/** The level is enabled and within the actor's clearance (422 otherwise). */
export async function assertLevel(ctx: AppContext, db: H, actor: Actor, level: number): Promise<void> {
  const { value } = await ctx.settings.get(db as Db);
  if (!value.enabledLevels.includes(level)) throw new RuleError('level.not_enabled');
  if (level > actor.clearance) throw new RuleError('level.above_clearance');
}

/** Every unit is active (422 `meetings.unknown_unit` otherwise). */
export async function assertUnits(db: H, ids: readonly number[]): Promise<void> {
  const found = await repo.activeUnitIds(db, ids);
  if (ids.some((id) => !found.has(id))) throw new RuleError('meetings.unknown_unit');
}

/** Every user is enabled (422 `meetings.unknown_user` otherwise). */
export async function assertUsers(db: H, ids: readonly number[]): Promise<void> {
  const found = await repo.activeUserIds(db, ids);
  if (ids.some((id) => !found.has(id))) throw new RuleError('meetings.unknown_user');
}
