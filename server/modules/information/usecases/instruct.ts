/** 批示: a leader writes an instruction on an adopted item; 督查室 hears of it to turn it into a 批示件. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { informationPolicy } from '../information.policy.js';
import { insertInstruction } from '../information.repo.js';
import { assertState, loadReadable } from './common.js';

/** Writes a 批示 on an adopted item (`information.instruct`). */
export async function instructItem(ctx: AppContext, actor: Actor, itemId: number, text: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const item = await loadReadable(trx, actor, itemId, 'information.instruct');
    assertState(item, ['adopted']);
    authorize(actor, informationPolicy.instruct, item, { action: 'information.instruct', targetType: 'info_item', targetId: itemId });
    const at = iso(ctx.clock.now());
    const id = await insertInstruction(trx, { item_id: itemId, leader_id: actor.id, text, created_at: at, updated_at: at });
    await ctx.audit.append(trx, { actor, action: 'information.instruct', targetType: 'info_item', targetId: itemId, detail: { instructionId: id } });
    return { id, itemId, version: 1 };
  });
}
