/** Checks of 公文 input against the directory and settings: levels, units, users and the 签发人. */
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { RuleError } from '../../platform/errors.js';
import type { AppContext } from '../../platform/module.js';
import { PRINCIPAL_TYPES } from './documents.constants.js';
import { countActiveUnits, enabledUsers, rolesOf } from './repo/documents.people.js';

type H = Db | Trx;

/** The level is enabled and within the actor's clearance. */
export async function assertLevel(ctx: AppContext, db: H, actor: Actor, level: number): Promise<void> {
  const { value } = await ctx.settings.get(db);
  if (!value.enabledLevels.includes(level)) throw new RuleError('level.not_enabled');
  if (level > actor.clearance) throw new RuleError('level.above_clearance');
}

/** Every id is an active unit. */
export async function assertUnits(db: H, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  if ((await countActiveUnits(db, ids)) !== new Set(ids).size) throw new RuleError('documents.unknown_unit');
}

/** Users (enabled, with clearance ≥ level), optionally restricted to business roles; throws if any is missing. */
export async function assertUsers(db: H, ids: readonly number[], level: number, roles?: readonly string[]) {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return [];
  const rows = await enabledUsers(db, uniq, roles);
  if (rows.length !== uniq.length) throw new RuleError('documents.unknown_user');
  if (rows.some((r) => r.clearance < level)) throw new RuleError('documents.level_above_clearance');
  return rows;
}

/** Checks the designated 签发人 against the type, flow and importance of the draft. */
export async function assertSigner(db: H, signerId: number, d: { level: number; flow: string | null; important: boolean; docType: string }): Promise<void> {
  const [u] = await assertUsers(db, [signerId], d.level);
  const roles = await rolesOf(db, u!.id);
  if (!roles.includes('leader') && !roles.includes('director')) throw new RuleError('documents.signer_not_allowed');
  if ((d.flow === 'up' || d.important || PRINCIPAL_TYPES.includes(d.docType)) && !roles.includes('leader'))
    throw new RuleError('documents.signer_not_principal', { type: d.docType });
}
