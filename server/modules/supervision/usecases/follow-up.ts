/** 结果回访 and 销号: a follow-up note and a satisfaction rating close the concluded item. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { endSentence } from '../../../platform/chinese-text.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import type { Item } from '../supervision.constants.js';
import { itemPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { itemWorkflow } from '../supervision.workflow.js';
import { approvalOf, readSettings } from '../supervision.settings.js';
import { approverCode, loadItem } from './common.js';
import { itemDetail } from './detail.js';

/** 结果回访 and 销号: a follow-up note and a satisfaction rating close the concluded item. */
export async function followUp(ctx: AppContext, actor: Actor, itemId: number, input: { version: number; note: string; rating: number }) {
  if (!(input.rating >= 1 && input.rating <= 5)) throw new RuleError('supervision.rating_range');
  await ctx.db.transaction().execute(async (trx) => {
    const { item } = await loadItem(trx, actor, itemId);
    const approval = approvalOf((await readSettings(trx)).value, item.source);
    // 销号: the approver level configured for the item's source (e.g. the instructing leader of a 批示件)
    authorize(
      actor,
      itemPolicy.close,
      { ...item, approval },
      {
        action: 'supervision.item.close',
        targetType: 'supervision_item',
        targetId: itemId,
        code: approverCode(approval.close),
      },
    );
    assertVersion(item, input.version);
    await followUpInTrx(ctx, trx, actor, item, input);
  });
  return itemDetail(ctx, actor, itemId);
}

/** The writes of 结果回访 and 销号 in `trx`. */
export async function followUpInTrx(ctx: AppContext, trx: Trx, actor: Actor, item: Item, input: { note: string; rating: number }) {
  const at = iso(ctx.clock.now());
  await ctx.workflow.apply(trx, itemWorkflow, {
    row: item,
    action: 'close',
    actor,
    version: item.version,
    input: { followupNote: input.note, rating: input.rating },
    set: { followup_note: input.note, rating: input.rating, closed_at: at },
    detail: { rating: input.rating },
  });
  await repo.insertEvent(trx, {
    itemId: item.id,
    kind: 'close',
    actor,
    at: ctx.clock.now(),
    message: `结果回访（满意度 ${input.rating}/5）：${endSentence(input.note)}已销号。`,
  });
}
