/** Grants (a share grant to the requester) or refuses an access request; recorded and notified. */
import type { Actor } from '../../../platform/actor.js';
import { authorize, grantShare } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { ConflictError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { libraryPolicy } from '../library.policy.js';
import * as repo from '../library.repo.js';
import { findRequest } from '../repo/library.items.js';
import { accessRequestWorkflow } from '../library.workflow.js';

/** 同意 / 不同意 through the access-request workflow (optimistic lock on `version`). */
export async function decideRequest(
  ctx: AppContext,
  actor: Actor,
  requestId: number,
  input: { action: 'grant' | 'refuse'; version: number; note?: string | null },
): Promise<{ status: string; version: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const req = await findRequest(trx, requestId);
    const item = req ? await repo.findItem(trx, req.item_id) : undefined;
    const facts = item ? await repo.factsOf(trx, actor, item) : undefined;
    const seen = req && facts && { item: facts, requesterId: req.requester_id };
    authorize(actor, libraryPolicy.readRequest, seen, { action: 'library.decide', targetType: 'library_access_request', targetId: requestId, mode: 'read' });
    const row = { id: req!.id, status: req!.status, version: req!.version, decidable: libraryPolicy.decide(actor, seen.item) };
    if (row.status !== 'pending' && row.decidable) throw new ConflictError('library.request_decided');
    const at = ctx.clock.now();
    const result = await ctx.workflow.apply(trx, accessRequestWorkflow, {
      row,
      action: input.action,
      actor,
      version: input.version,
      input: { note: input.note ?? null },
      set: { decided_by: actor.id, decided_at: iso(at), decision_note: input.note ?? null },
      detail: { itemId: item!.id, requesterId: req!.requester_id },
      notify: [
        {
          userIds: [req!.requester_id],
          message: {
            kind: 'library.access_decided',
            title: `查阅申请${input.action === 'grant' ? '已同意' : '未同意'}：${item!.title}`,
            body: input.note ?? '',
            link: `/library/items/${item!.id}`,
            level: item!.level,
          },
        },
      ],
    });
    if (input.action === 'grant')
      await grantShare(trx, { itemType: 'library_item', itemId: item!.id, granteeType: 'user', granteeId: req!.requester_id, grantedBy: actor.id, at });
    return { status: result.status, version: result.version };
  });
}
