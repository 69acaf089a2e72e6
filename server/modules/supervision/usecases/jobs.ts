/** The jobs of 督查督办: automatic 催办 around a time limit and escalation when overdue (skipped when done or the limit moved). */
import type { Trx } from '../../../db/client.js';
import { SYSTEM_ACTOR } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import type { Job } from '../../../platform/scheduler.js';
import { markEscalated } from '../repo/supervision.writes.js';
import * as repo from '../supervision.repo.js';
import { TASK_WORKING } from '../supervision.workflow.js';
import { recipientsOf } from './common.js';

/** Job handler: automatic 催办 before/after a time limit (skipped when done or the limit moved). */
export async function runReminder(ctx: AppContext, trx: Trx, job: Job): Promise<void> {
  const task = await repo.findTask(trx, job.targetId);
  const p = job.payload as { deadline: string; offsetDays: number };
  if (!task || !(TASK_WORKING as readonly string[]).includes(task.status) || task.deadline !== p.deadline) return;
  const item = (await repo.findItem(trx, task.item_id))!;
  const text =
    p.offsetDays < 0
      ? `距时限（${task.deadline}）还有 ${-p.offsetDays} 天，请抓紧办理并按时反馈`
      : `已超过时限（${task.deadline}）${p.offsetDays} 天，请立即办理并反馈`;
  await ctx.audit.append(trx, {
    actor: SYSTEM_ACTOR,
    action: 'supervision.task.auto_remind',
    targetType: 'supervision_task',
    targetId: task.id,
    detail: { jobId: job.id, offsetDays: p.offsetDays },
  });
  await ctx.notifier.send(trx, await recipientsOf(trx, task), {
    kind: 'supervision.remind',
    title: `催办：${item.number}`,
    body: text,
    link: `/supervision/items/${item.id}`,
    level: item.level,
  });
  await repo.insertEvent(trx, {
    itemId: item.id,
    taskId: task.id,
    kind: 'auto_remind',
    actor: SYSTEM_ACTOR,
    at: ctx.clock.now(),
    message: `自动催办：${text}`,
  });
}

/** Job handler: escalation to the responsible leader (or 督查室's head) when overdue by the configured span. */
export async function runEscalation(ctx: AppContext, trx: Trx, job: Job): Promise<void> {
  const task = await repo.findTask(trx, job.targetId);
  const p = job.payload as { deadline: string };
  if (!task || !(TASK_WORKING as readonly string[]).includes(task.status) || task.deadline !== p.deadline) return;
  const item = (await repo.findItem(trx, task.item_id))!;
  const to = task.leader_id ? [task.leader_id] : (await repo.usersOfUnit(trx, task.owner_unit_id, ['division_head'])).map((u) => u.id);
  const unit = (await repo.unitNames(trx, [task.unit_id])).get(task.unit_id) ?? '';
  await markEscalated(trx, task.id, iso(ctx.clock.now()));
  await ctx.audit.append(trx, {
    actor: SYSTEM_ACTOR,
    action: 'supervision.task.escalate',
    targetType: 'supervision_task',
    targetId: task.id,
    detail: { jobId: job.id, to },
  });
  await ctx.notifier.send(trx, to, {
    kind: 'supervision.escalate',
    title: `超期提醒：${item.number}`,
    body: `${unit}承办的“${item.title}”已超过时限（${task.deadline}），请督促`,
    link: `/supervision/items/${item.id}`,
    level: item.level,
  });
  await repo.insertEvent(trx, {
    itemId: item.id,
    taskId: task.id,
    kind: 'escalate',
    actor: SYSTEM_ACTOR,
    at: ctx.clock.now(),
    message: `超期 ${job.dueAt.slice(0, 10)}：已报告责任领导`,
  });
}
