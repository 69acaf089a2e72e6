/** A leader's own 批示 history, each with the state of the 督办 made of it. */
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import { isLeader } from '../information.policy.js';
import { instructionsBy } from '../information.repo.js';
import { inkedInstructions } from '../repo/information.requests.js';

/** The actor's 批示 (on items still within the actor's clearance), newest first. */
export async function myInstructions(ctx: AppContext, actor: Actor) {
  // the items are read as a leader reads them (adopted, within clearance): without the role, nothing
  const rows = isLeader(actor) ? (await instructionsBy(ctx.db, actor.id)).filter((r) => r.level <= actor.clearance) : [];
  const inked = await inkedInstructions(
    ctx.db,
    rows.map((r) => r.id),
  );
  const sup = ctx.services.supervision;
  const itemIds = [...new Set(rows.filter((r) => r.supervision_item_id).map((r) => r.item_id))];
  const progress = sup && itemIds.length ? await sup.progressBySource(ctx.db, actor, 'information_item', itemIds) : {};
  return {
    items: rows.map((r) => ({
      id: r.id,
      itemId: r.item_id,
      itemTitle: r.title,
      text: r.text,
      handwriting: inked.has(r.id),
      createdAt: r.created_at,
      supervisionItemId: r.supervision_item_id,
      supervision: r.supervision_item_id ? ((progress[r.item_id] ?? []).find((p) => p.itemId === r.supervision_item_id) ?? null) : null,
    })),
  };
}
