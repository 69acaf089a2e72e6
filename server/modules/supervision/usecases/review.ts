/** 审核把关 by 督查室: accept against the closing criteria (the item concludes with its last task), or return for rework. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { hasUnacceptedTask, reviewPendingReports } from '../repo/supervision.writes.js';
import { CLOSING_CRITERIA, type Criteria, type Task } from '../supervision.constants.js';
import { taskPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { itemWorkflow, taskWorkflow } from '../supervision.workflow.js';
import { readSettings } from '../supervision.settings.js';
import { approverCode, inContext, loadTask, recipientsOf, today } from './common.js';

/** 审核把关 by 督查室: accept against the closing criteria, or return for rework with reasons. */
export async function review(
  ctx: AppContext,
  actor: Actor,
  taskId: number,
  input: { version: number; decision: 'accept' | 'return'; reason?: string; criteria?: Criteria },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const task = await loadTask(trx, actor, taskId);
    const item = (await repo.findItem(trx, task.item_id))!;
    const seen = inContext(ctx, task, (await readSettings(trx)).value, item);
    const target = {
      action: input.decision === 'accept' ? 'supervision.task.accept' : 'supervision.task.return',
      targetType: 'supervision_task',
      targetId: taskId,
    };
    // 督查室 (or the configured approver) reviews; only the configured approver level accepts (办结)
    authorize(actor, (a, t: typeof seen) => taskPolicy.manage(a, t) || taskPolicy.accept(a, t), seen, { ...target, code: 'supervision.not_office' });
    if (input.decision === 'accept') authorize(actor, taskPolicy.accept, seen, { ...target, code: approverCode(seen.approval.accept) });
    assertVersion(task, input.version);
    return reviewInTrx(ctx, trx, actor, { ...task, instructed_by_id: item.instructed_by_id }, input);
  });
}

/** The writes of 审核把关 in `trx` (the caller checked read, policy and version). */
export async function reviewInTrx(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  task: Task & { instructed_by_id?: number | null },
  input: { decision: 'accept' | 'return'; reason?: string; criteria?: Criteria },
) {
  if (input.decision === 'accept' && !CLOSING_CRITERIA.every((c) => input.criteria?.[c] === true)) throw new RuleError('supervision.criteria_unmet');
  const item = (await repo.findItem(trx, task.item_id))!;
  const at = iso(ctx.clock.now());
  const recipients = await recipientsOf(trx, task);
  const accept = input.decision === 'accept';
  const res = await ctx.workflow.apply(trx, taskWorkflow, {
    row: task,
    action: accept ? 'accept' : 'return',
    actor,
    version: task.version,
    input: { reason: input.reason ?? '' },
    set: accept ? { accepted_at: at, accepted_on_time: today(ctx) <= task.deadline ? 1 : 0 } : { return_count: task.return_count + 1 },
    detail: { reason: input.reason ?? null, criteria: input.criteria ?? null },
    notify: [
      {
        userIds: recipients,
        message: {
          kind: `supervision.${input.decision}`,
          title: `${accept ? '审核通过' : '退回重办'}：${item.number}`,
          body: accept ? item.title : `退回理由：${input.reason}`,
          link: `/supervision/items/${item.id}`,
          level: item.level,
        },
      },
    ],
  });
  await reviewPendingReports(trx, task.id, {
    accept,
    comment: input.reason ?? null,
    criteria: input.criteria ? JSON.stringify(input.criteria) : null,
    reviewedBy: actor.id,
    at,
  });
  await repo.insertEvent(trx, {
    itemId: item.id,
    taskId: task.id,
    kind: accept ? 'accept' : 'return',
    actor,
    at: ctx.clock.now(),
    message: accept ? '审核通过，任务办结' : `退回重办：${input.reason}`,
  });
  if (accept) {
    await ctx.scheduler.cancel(trx, 'supervision_task', task.id);
    if (!(await hasUnacceptedTask(trx, item.id)) && item.status === 'issued') {
      await ctx.workflow.apply(trx, itemWorkflow, {
        row: item,
        action: 'conclude',
        actor,
        version: item.version,
        input: {},
        set: { concluded_at: at },
      });
      await repo.insertEvent(trx, { itemId: item.id, kind: 'conclude', actor, at: ctx.clock.now(), message: '全部任务办结，事项办结，待结果回访' });
    }
  }
  return { status: res.status, taskVersion: res.version };
}
