/**
 * 转督办: 督查室 turns a leader's 批示 into a 批示件 of 督查督办 in one step, through the supervision
 * contract in this transaction; the 批示 keeps the supervision item's id, the supervision item its source.
 */
import type { Actor } from '../../../platform/actor.js';
import { authorize, DeniedError } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { ConflictError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { informationPolicy } from '../information.policy.js';
import { linkInstruction, loadInstruction, userName } from '../information.repo.js';
import type { ConvertInput } from '../information.schema.js';
import { loadReadable } from './common.js';

/** Registers the 批示件 (`information.convert`, and supervision's own register entry). */
export async function convertInstruction(ctx: AppContext, actor: Actor, instructionId: number, input: ConvertInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const ins = await loadInstruction(trx, instructionId);
    if (!ins) throw new DeniedError('information.convert', 'info_instruction', instructionId);
    const item = await loadReadable(trx, actor, ins.item_id, 'information.convert');
    assertVersion(ins, input.version);
    if (ins.supervision_item_id !== null) throw new ConflictError('information.already_converted');
    authorize(actor, informationPolicy.convert, item, { action: 'information.convert', targetType: 'info_instruction', targetId: instructionId });
    const sup = ctx.services.supervision;
    if (!sup) throw new RuleError('information.supervision_unavailable');
    const created = await sup.createFromSource(trx, actor, {
      source: 'instruction',
      sourceType: 'information_item',
      sourceId: item.id,
      sourceRef: `信息：${item.title}`,
      title: item.title,
      requirement: ins.text,
      leadUnitId: input.leadUnitId,
      coUnitIds: input.coUnitIds,
      responsibleLeaderId: ins.leader_id,
      instructedBy: (await userName(trx, ins.leader_id)) ?? '',
      instructedAt: ins.created_at,
      deadline: input.deadline,
      level: item.level,
    });
    const at = iso(ctx.clock.now());
    const version = await linkInstruction(trx, ins, created.id, actor.id, at);
    await ctx.audit.append(trx, {
      actor,
      action: 'information.convert',
      targetType: 'info_instruction',
      targetId: instructionId,
      detail: { itemId: item.id, supervisionItemId: created.id },
    });
    return { id: instructionId, version, supervisionItemId: created.id, number: created.number };
  });
}
