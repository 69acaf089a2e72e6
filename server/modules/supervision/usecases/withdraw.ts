/** 撤销: 督查室 withdraws an item with a reason (its open tasks end as withdrawn), or one unit's task not yet reported on (调整分工). */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { endSentence } from '../../../platform/chinese-text.js';
import { iso } from '../../../platform/clock.js';
import { ConflictError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { hasReports } from '../repo/supervision.stages.js';
import { hasUnacceptedTask } from '../repo/supervision.writes.js';
import type { Item, Task } from '../supervision.constants.js';
import { itemPolicy, taskPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { ITEM_STATES, TASK_OPEN, itemWorkflow, taskWorkflow } from '../supervision.workflow.js';
import { loadItem, loadTask, recipientsOf } from './common.js';
import { itemDetail } from './detail.js';

/** Ends one task as withdrawn: its 催办 and its stages' 催办 cancelled, the unit told (once it had the task). */
async function withdrawTask(ctx: AppContext, trx: Trx, actor: Actor, item: Item, t: Task, reason: string, title: string) {
  await ctx.workflow.apply(trx, taskWorkflow, {
    row: t,
    action: 'withdraw',
    actor,
    version: t.version,
    input: { reason },
    detail: { reason },
    notify:
      t.status === 'pending'
        ? []
        : [
            {
              userIds: await recipientsOf(trx, t),
              message: { kind: 'supervision.withdrawn', title, body: `撤销理由：${reason}`, link: `/supervision/items/${item.id}`, level: item.level },
            },
          ],
  });
  await ctx.scheduler.cancel(trx, 'supervision_task', t.id);
  for (const st of await repo.stagesOf(trx, [t.id])) if (!st.done_at) await ctx.scheduler.cancel(trx, 'supervision_stage', st.id);
}

/** 撤销事项: the item leaves the open counts and stays in the record with its reason. Item version checked. */
export async function withdrawItem(ctx: AppContext, actor: Actor, itemId: number, input: { version: number; reason: string }) {
  await ctx.db.transaction().execute(async (trx) => {
    const { item, tasks } = await loadItem(trx, actor, itemId, 'supervision.item.withdraw');
    authorize(actor, itemPolicy.manage, item, {
      action: 'supervision.item.withdraw',
      targetType: 'supervision_item',
      targetId: itemId,
      code: 'supervision.not_office',
    });
    assertVersion(item, input.version);
    if (item.status !== 'registered' && item.status !== 'issued')
      throw new ConflictError('workflow.invalid_transition', {
        state: ITEM_STATES[item.status as keyof typeof ITEM_STATES]?.zh ?? item.status,
        action: '撤销',
      });
    const at = iso(ctx.clock.now());
    await ctx.workflow.apply(trx, itemWorkflow, {
      row: item,
      action: 'withdraw',
      actor,
      version: item.version,
      input: { reason: input.reason },
      set: { withdrawn_at: at, withdraw_reason: input.reason },
      detail: { tasks: tasks.length },
    });
    for (const t of tasks)
      if ((TASK_OPEN as readonly string[]).includes(t.status)) await withdrawTask(ctx, trx, actor, item, t, input.reason, `督办事项撤销：${item.number}`);
    await repo.insertEvent(trx, { itemId, kind: 'withdraw', actor, at: ctx.clock.now(), message: `撤销事项：${endSentence(input.reason)}` });
  });
  return itemDetail(ctx, actor, itemId);
}

/** 撤销任务 (调整分工): a co-unit's task the unit has not reported on; the item concludes if every other task is done. */
export async function cancelTask(ctx: AppContext, actor: Actor, taskId: number, input: { version: number; reason: string }) {
  const itemId = await ctx.db.transaction().execute(async (trx) => {
    const task = await loadTask(trx, actor, taskId, 'supervision.task.withdraw');
    authorize(actor, taskPolicy.manage, task, {
      action: 'supervision.task.withdraw',
      targetType: 'supervision_task',
      targetId: taskId,
      code: 'supervision.not_office',
    });
    assertVersion(task, input.version);
    if (task.unit_id === task.lead_unit_id) throw new RuleError('supervision.lead_task_cancel');
    if (!['pending', 'in_progress', 'returned'].includes(task.status)) throw new RuleError('supervision.task_not_open');
    if (await hasReports(trx, taskId)) throw new RuleError('supervision.task_reported');
    const item = (await repo.findItem(trx, task.item_id))!;
    const unit = (await repo.unitNames(trx, [task.unit_id])).get(task.unit_id) ?? '';
    await withdrawTask(ctx, trx, actor, item, task, input.reason, `督办任务撤销：${item.number}`);
    await repo.insertEvent(trx, {
      itemId: item.id,
      taskId,
      kind: 'task_withdraw',
      actor,
      at: ctx.clock.now(),
      message: `撤销${unit}的任务：${endSentence(input.reason)}`,
    });
    if (item.status === 'issued' && !(await hasUnacceptedTask(trx, item.id))) {
      await ctx.workflow.apply(trx, itemWorkflow, {
        row: item,
        action: 'conclude',
        actor,
        version: item.version,
        input: {},
        set: { concluded_at: iso(ctx.clock.now()) },
      });
      await repo.insertEvent(trx, { itemId: item.id, kind: 'conclude', actor, at: ctx.clock.now(), message: '其余任务均已办结，事项办结，待结果回访' });
    }
    return item.id;
  });
  return itemDetail(ctx, actor, itemId);
}
