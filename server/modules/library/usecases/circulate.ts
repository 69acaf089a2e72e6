/** 传阅: circulates an item to named people and units, with a purpose and an optional due date (reminded then). */
import type { Actor } from '../../../platform/actor.js';
import { authorize, grantShare } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { libraryPolicy } from '../library.policy.js';
import * as repo from '../library.repo.js';
import { insertCirculation } from '../repo/library.circulation.js';
import { activeUsers } from '../repo/library.items.js';
import { checkPeople, loadEntry } from './common.js';

/** Input of a circulation. */
export interface CirculateInput {
  userIds: number[];
  unitIds: number[];
  purpose: string;
  dueDate?: string | null;
}

/** A circulation to every active recipient but the sender, each cleared for the item; they get need-to-know and a notice. */
export async function circulate(ctx: AppContext, actor: Actor, itemId: number, input: CirculateInput): Promise<{ id: number; recipients: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const { item, facts } = await loadEntry(trx, actor, itemId, 'library.circulate');
    authorize(actor, libraryPolicy.circulate, facts, { action: 'library.circulate', targetType: 'library_item', targetId: itemId, mode: 'read' });
    await checkPeople(trx, input.unitIds, input.userIds);
    if (input.dueDate && input.dueDate < chinaDate(ctx.clock.now())) throw new RuleError('library.due_in_past');
    const named = await activeUsers(trx, input.userIds);
    const fromUnits = await repo.businessUsersOf(trx, input.unitIds);
    const all = new Map([...named, ...fromUnits].filter((u) => u.id !== actor.id).map((u) => [u.id, u]));
    if (!all.size) throw new RuleError('library.no_recipients');
    const uncleared = [...all.values()].filter((u) => u.clearance < item.level);
    if (uncleared.length)
      throw new RuleError('library.recipient_clearance', { names: uncleared.map((u) => u.name).join('、') }, { userIds: uncleared.map((u) => u.id) });
    const at = ctx.clock.now();
    const recipients = [...all.keys()];
    const circulationId = await insertCirculation(
      trx,
      { itemId, purpose: input.purpose, createdBy: actor.id, unitId: actor.unitId, dueDate: input.dueDate ?? null, at: iso(at) },
      recipients,
    );
    for (const u of recipients) await grantShare(trx, { itemType: 'library_item', itemId, granteeType: 'user', granteeId: u, grantedBy: actor.id, at });
    if (input.dueDate)
      await ctx.scheduler.schedule(trx, {
        kind: 'library.circulation_remind',
        targetType: 'library_circulation',
        targetId: circulationId,
        dueAt: new Date(`${input.dueDate}T01:00:00Z`),
      });
    await ctx.audit.append(trx, {
      actor,
      action: 'library.circulate',
      targetType: 'library_item',
      targetId: itemId,
      detail: { circulationId, recipients, purpose: input.purpose, dueDate: input.dueDate ?? null },
    });
    await ctx.notifier.send(trx, recipients, {
      kind: 'library.circulation',
      title: `传阅：${item.title}`,
      body: `${actor.name}：${input.purpose}`,
      link: `/library/items/${itemId}`,
      level: item.level,
    });
    return { id: circulationId, recipients: all.size };
  });
}
