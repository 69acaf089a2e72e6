/** 已阅: the actor signs their read receipt of a circulation; 催阅: the sender (or the due-date job) reminds the unread. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { libraryPolicy } from '../library.policy.js';
import * as repo from '../library.repo.js';
import { circulationStatus, findCirculation, findReceipt, remindUnread, signReceipt } from '../repo/library.circulation.js';

/** Signs the receipt (once; a circulation everyone has read becomes 已阅); answers the circulation's status. */
export async function markRead(ctx: AppContext, actor: Actor, circulationId: number): Promise<{ status: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const c = await findCirculation(trx, circulationId);
    const mine = c ? await findReceipt(trx, circulationId, actor.id) : undefined;
    const item = c && mine ? await repo.findItem(trx, c.item_id) : undefined;
    authorize(actor, libraryPolicy.signReceipt, item && { recipient: true, level: item.level }, {
      action: 'library.read_receipt',
      targetType: 'library_circulation',
      targetId: circulationId,
      mode: 'read',
    });
    if (!mine!.read_at) {
      const at = iso(ctx.clock.now());
      await signReceipt(trx, circulationId, actor.id, at);
      await repo.closeFinished(trx, [circulationId], at);
      await ctx.audit.append(trx, {
        actor,
        action: 'library.read_receipt',
        targetType: 'library_circulation',
        targetId: circulationId,
        detail: { itemId: c!.item_id },
      });
    }
    return { status: await circulationStatus(trx, circulationId) };
  });
}

/** 催阅 by the sender of a circulation still going round. */
export async function remind(ctx: AppContext, actor: Actor, circulationId: number): Promise<{ reminded: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const c = await findCirculation(trx, circulationId);
    authorize(actor, libraryPolicy.remind, c && { createdBy: c.created_by }, {
      action: 'library.remind',
      targetType: 'library_circulation',
      targetId: circulationId,
      mode: 'read',
    });
    if (c!.status !== 'circulating') throw new RuleError('library.circulation_done');
    const n = await sendReminders(ctx, trx, circulationId);
    await ctx.audit.append(trx, { actor, action: 'library.remind', targetType: 'library_circulation', targetId: circulationId, detail: { reminded: n } });
    return { reminded: n };
  });
}

/** Reminds a circulation's unread recipients (used by the sender and by the due-date job); returns how many. */
export async function sendReminders(ctx: AppContext, trx: Trx, circulationId: number): Promise<number> {
  const c = await findCirculation(trx, circulationId);
  if (!c || c.status !== 'circulating') return 0;
  const item = (await repo.findItem(trx, c.item_id))!;
  const unread = await remindUnread(trx, circulationId, iso(ctx.clock.now()));
  await ctx.notifier.send(trx, unread, {
    kind: 'library.circulation_remind',
    title: `催阅：${item.title}`,
    body: c.due_date ? `请于 ${c.due_date} 前阅毕` : '请尽快阅毕',
    link: `/library/items/${item.id}`,
    level: item.level,
  });
  return unread.length;
}
