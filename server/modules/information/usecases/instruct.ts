/** 批示: a leader writes an instruction on an adopted item — typed text, handwriting (a PNG), or both; 督查室 hears of it to turn it into a 批示件. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { informationPolicy } from '../information.policy.js';
import { SUPERVISION_DESK_UNIT_CODE } from '../information.constants.js';
import { insertInstruction, unitUsers } from '../information.repo.js';
import { RuleError } from '../../../platform/errors.js';
import type { InstructInput } from '../information.requests.schema.js';
import { assertState, loadReadable } from './common.js';
import { decodeInk, storeInk } from './instruction-ink.js';

/** Writes a 批示 on an adopted item (`information.instruct`). */
export async function instructItem(ctx: AppContext, actor: Actor, itemId: number, input: InstructInput) {
  const text = input.text ?? '';
  const png = input.handwriting ? decodeInk(input.handwriting) : null;
  if (!text && !png) throw new RuleError('information.instruction_empty');
  return ctx.db.transaction().execute(async (trx) => {
    const item = await loadReadable(trx, actor, itemId, 'information.instruct');
    assertState(item, ['adopted']);
    authorize(actor, informationPolicy.instruct, item, { action: 'information.instruct', targetType: 'info_item', targetId: itemId });
    const at = iso(ctx.clock.now());
    const id = await insertInstruction(trx, { item_id: itemId, leader_id: actor.id, text, created_at: at, updated_at: at });
    const ink = png ? await storeInk(trx, id, png, at) : null;
    await ctx.audit.append(trx, {
      actor,
      action: 'information.instruct',
      targetType: 'info_item',
      targetId: itemId,
      detail: { instructionId: id, text: text !== '', handwriting: ink },
    });
    await ctx.notifier.send(trx, await unitUsers(trx, { code: SUPERVISION_DESK_UNIT_CODE }, ['staff', 'division_head'], item.level), {
      kind: 'information.instructed',
      title: `${actor.name}对《${item.title}》作出批示，请转督办`,
      body: '',
      link: `/information/items/${itemId}`,
      level: item.level,
    });
    return { id, itemId, version: 1 };
  });
}
