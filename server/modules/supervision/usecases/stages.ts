/** 节点 (stages): 督查室 adds one to an open task; the unit completes it with a note; each has its own 催办. */
import type { Trx } from '../../../db/client.js';
import { SYSTEM_ACTOR, type Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { endSentence } from '../../../platform/chinese-text.js';
import { iso } from '../../../platform/clock.js';
import { NotFoundError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import type { Job } from '../../../platform/scheduler.js';
import { assertVersion } from '../../../platform/versioned.js';
import * as stagesRepo from '../repo/supervision.stages.js';
import * as writes from '../repo/supervision.writes.js';
import type { Task } from '../supervision.constants.js';
import { taskPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { readSettings, type SupervisionSettings } from '../supervision.settings.js';
import { TASK_WORKING } from '../supervision.workflow.js';
import { addDays, loadTask, recipientsOf, today } from './common.js';

const working = (t: Task) => (TASK_WORKING as readonly string[]).includes(t.status);

/** Schedules a stage's 催办: the configured days before its limit and the day after it. */
export async function scheduleStageReminders(ctx: AppContext, trx: Trx, stage: { id: number; deadline: string }, s: SupervisionSettings) {
  for (const k of [...s.remindBeforeDays.map((d) => -d), 1])
    await ctx.scheduler.schedule(trx, {
      kind: 'supervision.stage_remind',
      targetType: 'supervision_stage',
      targetId: stage.id,
      dueAt: new Date(`${addDays(stage.deadline, k)}T01:00:00Z`),
      payload: { deadline: stage.deadline, offsetDays: k },
    });
}

/** 添加节点: 督查室 adds a stage with its own limit (not after the task's) to an open task. Task version checked. */
export async function addStage(ctx: AppContext, actor: Actor, taskId: number, input: { version: number; name: string; deadline: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const task = await loadTask(trx, actor, taskId, 'supervision.stage.add');
    authorize(actor, taskPolicy.manage, task, {
      action: 'supervision.stage.add',
      targetType: 'supervision_task',
      targetId: taskId,
      code: 'supervision.not_office',
    });
    assertVersion(task, input.version);
    if (!['pending', 'in_progress', 'returned'].includes(task.status)) throw new RuleError('supervision.task_not_open');
    if (input.deadline > task.deadline || input.deadline < today(ctx)) throw new RuleError('supervision.stage_after_deadline');
    const at = iso(ctx.clock.now());
    const stageId = await writes.insertStage(trx, { taskId, seq: (await writes.maxStageSeq(trx, taskId)) + 1, name: input.name, deadline: input.deadline }, at);
    const version = await writes.updateTaskVersioned(trx, task, { updated_at: at });
    if (working(task)) await scheduleStageReminders(ctx, trx, { id: stageId, deadline: input.deadline }, (await readSettings(trx)).value);
    await ctx.audit.append(trx, {
      actor,
      action: 'supervision.stage.add',
      targetType: 'supervision_task',
      targetId: taskId,
      detail: { stageId, deadline: input.deadline },
    });
    const item = (await repo.findItem(trx, task.item_id))!;
    if (task.status !== 'pending')
      await ctx.notifier.send(trx, await recipientsOf(trx, task), {
        kind: 'supervision.stage',
        title: `新增节点：${item.number}`,
        body: `${input.name}（时限 ${input.deadline}）`,
        link: `/supervision/items/${item.id}`,
        level: item.level,
      });
    await repo.insertEvent(trx, {
      itemId: item.id,
      taskId,
      kind: 'stage_add',
      actor,
      at: ctx.clock.now(),
      message: `新增节点“${input.name}”，时限 ${input.deadline}`,
      detail: { stageId },
    });
    return { stageId, version };
  });
}

/** 完成节点: the unit records a stage done with a note, while it works on the task. Stage version checked. */
export async function completeStage(ctx: AppContext, actor: Actor, stageId: number, input: { version: number; note: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const stage = await stagesRepo.findStage(trx, stageId);
    if (!stage) throw new NotFoundError();
    const task = await loadTask(trx, actor, stage.task_id, 'supervision.stage.complete');
    authorize(actor, taskPolicy.report, task, { action: 'supervision.stage.complete', targetType: 'supervision_task', targetId: task.id });
    assertVersion(stage, input.version);
    if (stage.done_at) throw new RuleError('supervision.stage_done');
    const at = iso(ctx.clock.now());
    const late = today(ctx) > stage.deadline;
    const version = await stagesRepo.completeStage(trx, stage, { note: input.note, by: actor.id, at });
    await ctx.scheduler.cancel(trx, 'supervision_stage', stage.id);
    await ctx.audit.append(trx, {
      actor,
      action: 'supervision.stage.complete',
      targetType: 'supervision_task',
      targetId: task.id,
      detail: { stageId, late },
    });
    const item = (await repo.findItem(trx, task.item_id))!;
    await ctx.notifier.send(trx, [item.responsible_user_id], {
      kind: 'supervision.stage',
      title: `节点完成：${item.number}`,
      body: `${actor.unitName}完成“${stage.name}”${late ? '（逾期）' : ''}`,
      link: `/supervision/items/${item.id}`,
      level: item.level,
    });
    await repo.insertEvent(trx, {
      itemId: item.id,
      taskId: task.id,
      kind: 'stage_done',
      actor,
      at: ctx.clock.now(),
      message: `${actor.unitName}完成节点“${stage.name}”${late ? '（逾期）' : ''}：${endSentence(input.note)}`,
      detail: { stageId },
    });
    return { stageId, version };
  });
}

/** Job handler: a stage's 催办 (skipped when done, moved, or its task is no longer worked on). */
export async function runStageReminder(ctx: AppContext, trx: Trx, job: Job): Promise<void> {
  const stage = await stagesRepo.findStage(trx, job.targetId);
  const p = job.payload as { deadline: string; offsetDays: number };
  if (!stage || stage.done_at || stage.deadline !== p.deadline) return;
  const task = await repo.findTask(trx, stage.task_id);
  if (!task || !working(task)) return;
  const item = (await repo.findItem(trx, task.item_id))!;
  const text =
    p.offsetDays < 0
      ? `节点“${stage.name}”距时限（${stage.deadline}）还有 ${-p.offsetDays} 天，请按时完成`
      : `节点“${stage.name}”已超过时限（${stage.deadline}），请立即完成并说明情况`;
  await ctx.audit.append(trx, {
    actor: SYSTEM_ACTOR,
    action: 'supervision.stage.auto_remind',
    targetType: 'supervision_task',
    targetId: task.id,
    detail: { jobId: job.id, stageId: stage.id, offsetDays: p.offsetDays },
  });
  await ctx.notifier.send(trx, await recipientsOf(trx, task), {
    kind: 'supervision.remind',
    title: `节点催办：${item.number}`,
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
