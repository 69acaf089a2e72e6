/** 查阅申请: asks the item's owner to open its content. */
import type { Actor } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import { ConflictError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { libraryPolicy } from '../library.policy.js';
import { decidersOf, hasPendingRequest, insertRequest } from '../repo/library.items.js';
import { loadEntry } from './common.js';

/** A pending request of the actor for an item whose entry they see but whose content they may not open; the deciders are notified. */
export async function requestAccess(ctx: AppContext, actor: Actor, itemId: number, input: { reason: string }): Promise<{ id: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const { item, facts } = await loadEntry(trx, actor, itemId, 'library.request_access');
    if (libraryPolicy.readContent(actor, facts)) throw new RuleError('library.already_readable');
    if (await hasPendingRequest(trx, itemId, actor.id)) throw new ConflictError('library.request_pending');
    const id = await insertRequest(trx, { itemId, requesterId: actor.id, requesterUnitId: actor.unitId, reason: input.reason, at: iso(ctx.clock.now()) });
    await ctx.audit.append(trx, {
      actor,
      action: 'library.request_access',
      targetType: 'library_item',
      targetId: itemId,
      detail: { requestId: id, reason: input.reason },
    });
    await ctx.notifier.send(trx, await decidersOf(trx, item), {
      kind: 'library.access_request',
      title: `查阅申请：${item.title}`,
      body: `${actor.unitName} ${actor.name} 申请查阅，理由：${input.reason}`,
      link: `/library/requests`,
      level: item.level,
    });
    return { id };
  });
}
