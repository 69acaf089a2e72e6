/** The item list (a unit's reports, 信息处's intake queue, adopted items), filtered in SQL by what the actor may see. */
import type { Actor } from '../../../platform/actor.js';
import { presentAbilities } from '../../../platform/authz.js';
import { informationPolicy } from '../information.policy.js';
import type { AppContext } from '../../../platform/module.js';
import { presentSummary } from '../information.presenter.js';
import { listItems, type ItemFilter } from '../information.repo.js';

/** One page of items, newest first. */
export async function itemList(ctx: AppContext, actor: Actor, filter: ItemFilter, page: { page: number; pageSize: number }) {
  const { rows, total } = await listItems(ctx.db, actor, filter, page);
  const can = presentAbilities(
    actor,
    { submit: informationPolicy.submit, edit: informationPolicy.registerEvent, viewAllStats: informationPolicy.viewAllStats },
    null,
  );
  return { total, items: rows.map(presentSummary), can };
}
