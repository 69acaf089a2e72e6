/** Lists the items whose entry the actor may see; `canOpen` says whether the content opens. */
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import { listItems as queryItems, type ItemFilter } from '../repo/library.items.js';
import { kindName } from './common.js';

/** A page of the item list (资源库 / 查阅条目 / 本单位 / 议政会通知). */
export async function listItems(ctx: AppContext, actor: Actor, q: ItemFilter) {
  const { total, rows } = await queryItems(ctx.db, actor, q);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      kindName: kindName(r.kind),
      title: r.title,
      source: r.source,
      ownerUnitId: r.owner_unit_id,
      ownerUnitName: r.unit_name,
      level: r.level,
      catalog: r.catalog === 1,
      scope: r.scope,
      keywords: r.keywords ? r.keywords.split(',') : [],
      summary: r.summary,
      date: r.date,
      canOpen: Number(r.can_open) === 1,
    })),
  };
}
