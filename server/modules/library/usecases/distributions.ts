/** 定期分送 lists: the ones the actor manages or subscribes to, and one list. */
import type { Db, Trx } from '../../../db/client.js';
import { isBusinessUser, type Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import { libraryPolicy } from '../library.policy.js';
import * as repo from '../library.repo.js';
import { listsFor, listUnitsOf, subscriptionsOf } from '../repo/library.distribution.js';
import { loadList } from './common.js';

/** Lists with their owner unit, subscribers and whether the actor manages them. */
async function presentLists(db: Db | Trx, actor: Actor, rows: repo.DistributionRow[]) {
  const subs = await subscriptionsOf(
    db,
    rows.map((r) => r.id),
  );
  const units = await listUnitsOf(
    db,
    rows.map((r) => r.id),
  );
  const names = await repo.namesOf(
    db,
    [...rows.map((r) => r.owner_unit_id), ...units.map((u) => u.unit_id)],
    subs.map((s) => s.user_id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kinds: JSON.parse(r.kinds) as string[],
    periodDays: r.period_days,
    ownerUnitId: r.owner_unit_id,
    ownerUnitName: names.units.get(r.owner_unit_id) ?? '',
    lastSentAt: r.last_sent_at,
    active: r.active === 1,
    version: r.version,
    subscribers: subs.filter((s) => s.list_id === r.id).map((s) => ({ id: s.user_id, name: names.users.get(s.user_id) ?? '' })),
    units: units.filter((u) => u.list_id === r.id).map((u) => ({ id: u.unit_id, name: names.units.get(u.unit_id) ?? '' })),
    canManage: libraryPolicy.manageList(actor, { createdBy: r.created_by, ownerUnitId: r.owner_unit_id }),
  }));
}

/** The lists of the actor's unit, created by the actor or subscribed to. */
export async function listDistributions(ctx: AppContext, actor: Actor) {
  if (!isBusinessUser(actor)) return { items: [] };
  return { items: await presentLists(ctx.db, actor, await listsFor(ctx.db, actor)) };
}

/** One list the actor may see (404 otherwise). */
export async function getDistribution(ctx: AppContext, actor: Actor, id: number) {
  const list = await loadList(ctx.db, actor, id, 'library.distribution_read');
  return (await presentLists(ctx.db, actor, [list]))[0]!;
}
