/**
 * The day of the visit and after: an itinerary item marked 完成 (who, when) or 取消 with a reason, and
 * the actual costs per item (with an optional summary) recorded by the 接待处.
 */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import { itemActions, planActions } from '../reception.policy.js';
import * as repo from '../reception.repo.js';
import { itemFacts, loadPlan, namesOf, presentItem, reloadAndPresent } from './common.js';

/** 完成 or 取消 of one item (audited as `reception.item_done` / `reception.item_cancel`). */
export async function finishItem(ctx: AppContext, actor: Actor, itemId: number, how: 'done' | 'cancel', input: { version: number; reason?: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const action = how === 'done' ? 'reception.item_done' : 'reception.item_cancel';
    const item = await repo.findItem(trx, itemId);
    if (!item) authorize(actor, itemActions.markDone, undefined, { action, targetType: 'reception_item', targetId: itemId, mode: 'read' });
    const p = await loadPlan(trx, actor, item!.plan_id, action);
    const f = itemFacts(p.facts, item!);
    authorize(actor, how === 'done' ? itemActions.markDone : itemActions.cancel, f, { action, targetType: 'reception_item', targetId: itemId });
    assertVersion(item!, input.version);
    const at = iso(ctx.clock.now());
    let set: Record<string, unknown>;
    if (how === 'done') set = { status: 'done', done_by: actor.id, done_at: at, updated_at: at };
    else {
      if (!input.reason?.trim()) throw new RuleError('reception.reason_required');
      set = { status: 'cancelled', cancel_reason: input.reason.trim(), done_by: actor.id, done_at: at, updated_at: at };
    }
    await updateVersioned(trx, 'reception_item', item!, set);
    await ctx.audit.append(trx, {
      actor,
      action,
      targetType: 'reception_item',
      targetId: itemId,
      changes: { status: [item!.status, set.status], ...(how === 'cancel' ? { cancel_reason: [null, set.cancel_reason] } : {}) },
      detail: { planId: p.row.id },
    });
    const after = (await repo.findItem(trx, itemId))!;
    const { users, units } = await namesOf(trx, [p.row], [after]);
    return presentItem(ctx, actor, p.facts, after, users, units);
  });
}

/** 实际费用: the actual cost per item and, optionally, the summary (audited as `reception.costs`). */
export async function recordCosts(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { version: number; costs: { itemId: number; actualCost: number }[]; summary?: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const p = await loadPlan(trx, actor, id, 'reception.costs');
    authorize(actor, planActions.recordCosts, p.facts, { action: 'reception.costs', targetType: 'reception_plan', targetId: id });
    assertVersion(p.row, input.version);
    const at = iso(ctx.clock.now());
    const byId = new Map(p.items.map((i) => [i.id, i]));
    const changes: Record<string, [unknown, unknown]> = {};
    for (const c of input.costs) {
      const item = byId.get(c.itemId);
      if (!item) throw new RuleError('reception.unknown_item', { item: c.itemId });
      if (item.actual_cost === c.actualCost) continue;
      await updateVersioned(trx, 'reception_item', item, { actual_cost: c.actualCost, updated_at: at });
      changes[`item.${item.id}.actual_cost`] = [item.actual_cost, c.actualCost];
    }
    const summary = input.summary?.trim();
    const set: Record<string, unknown> = { updated_at: at };
    if (summary !== undefined && summary !== (p.row.summary ?? '')) {
      set.summary = summary || null;
      changes.summary = [p.row.summary, set.summary];
    }
    await updateVersioned(trx, 'reception_plan', p.row, set);
    await ctx.audit.append(trx, { actor, action: 'reception.costs', targetType: 'reception_plan', targetId: id, changes });
    return reloadAndPresent(ctx, trx, actor, id);
  });
}
