/** Records that an item was applied in the actor's work (应用) or converted into a document, decision or item (转化). */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { libraryPolicy } from '../library.policy.js';
import * as repo from '../library.repo.js';
import { loadEntry } from './common.js';

/** One use of an item, audited as `library.applied` / `library.converted`; answers the item's use counts. */
export async function recordUse(
  ctx: AppContext,
  actor: Actor,
  itemId: number,
  input: { kind: 'applied' | 'converted'; note: string },
): Promise<{ uses: Record<string, number> }> {
  return ctx.db.transaction().execute(async (trx) => {
    const { item, facts } = await loadEntry(trx, actor, itemId, 'library.use');
    authorize(actor, libraryPolicy.recordUse, facts, { action: 'library.use', targetType: 'library_item', targetId: itemId, mode: 'read' });
    await repo.recordUse(trx, {
      itemId,
      unitId: item.owner_unit_id,
      actorId: actor.id,
      actorUnitId: actor.unitId,
      kind: input.kind,
      note: input.note,
      at: iso(ctx.clock.now()),
    });
    await ctx.audit.append(trx, { actor, action: `library.${input.kind}`, targetType: 'library_item', targetId: itemId, detail: { note: input.note } });
    return { uses: await repo.useCountsOf(trx, itemId) };
  });
}
