/** 催办 by 督查室, with a message; recorded on the timeline and in the audit trail. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { taskPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { loadTask, recipientsOf } from './common.js';

/** 催办 by 督查室, with a message; recorded on the timeline and in the audit trail. */
export async function remind(ctx: AppContext, actor: Actor, taskId: number, input: { message: string }) {
  await ctx.db.transaction().execute(async (trx) => {
    const task = await loadTask(trx, actor, taskId);
    authorize(actor, taskPolicy.manage, task, {
      action: 'supervision.task.remind',
      targetType: 'supervision_task',
      targetId: taskId,
      code: 'supervision.not_office',
    });
    // 督查室 reminding a task that is not open breaks a rule (422), not a permission
    if (!taskPolicy.remind(actor, task)) throw new RuleError('supervision.task_not_open');
    const item = (await repo.findItem(trx, task.item_id))!;
    await ctx.audit.append(trx, {
      actor,
      action: 'supervision.task.remind',
      targetType: 'supervision_task',
      targetId: task.id,
      detail: { message: input.message },
    });
    await ctx.notifier.send(trx, await recipientsOf(trx, task), {
      kind: 'supervision.remind',
      title: `催办：${item.number}`,
      body: input.message,
      link: `/supervision/items/${item.id}`,
      level: item.level,
    });
    await repo.insertEvent(trx, { itemId: item.id, taskId: task.id, kind: 'remind', actor, at: ctx.clock.now(), message: `催办：${input.message}` });
  });
  return { ok: true };
}
