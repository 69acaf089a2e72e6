/** 情况反馈 by the unit: a progress report, or the final one asking to close (申请办结). */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { insertReport, updateTaskVersioned } from '../repo/supervision.writes.js';
import type { Task } from '../supervision.constants.js';
import { taskPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { TASK_WORKING, taskWorkflow } from '../supervision.workflow.js';
import { loadTask, nextReportDue, today as todayOf } from './common.js';

/** 情况反馈 by the unit: a progress report, or the final one asking to close (申请办结). Task version is checked. */
export async function report(ctx: AppContext, actor: Actor, taskId: number, input: { version: number; content: string; final: boolean }) {
  return ctx.db.transaction().execute(async (trx) => {
    const task = await loadTask(trx, actor, taskId);
    if (!(TASK_WORKING as readonly string[]).includes(task.status)) {
      assertVersion(task, input.version);
      throw new RuleError('supervision.task_not_open');
    }
    authorize(actor, taskPolicy.report, task, { action: 'supervision.task.report', targetType: 'supervision_task', targetId: taskId });
    assertVersion(task, input.version);
    return reportInTrx(ctx, trx, actor, task, input);
  });
}

/** The writes of a 情况反馈 in `trx` (the caller checked read, policy and version). */
export async function reportInTrx(ctx: AppContext, trx: Trx, actor: Actor, task: Task, input: { content: string; final: boolean }) {
  const item = (await repo.findItem(trx, task.item_id))!;
  const now = ctx.clock.now();
  const today = todayOf(ctx);
  const late = input.final ? today > task.deadline : task.next_report_due !== null && today > task.next_report_due;
  const at = iso(now);
  const reportId = await insertReport(trx, {
    task_id: task.id,
    item_id: task.item_id,
    kind: input.final ? 'final' : 'progress',
    content: input.content,
    submitted_by: actor.id,
    submitted_at: at,
    late: late ? 1 : 0,
    review_status: input.final ? 'pending' : 'none',
    review_comment: null,
    criteria: null,
    reviewed_by: null,
    reviewed_at: null,
    created_at: at,
    updated_at: at,
  });
  const rep = { id: reportId };
  const next = nextReportDue(item, today);
  const notify = [
    {
      userIds: [item.responsible_user_id],
      message: {
        kind: 'supervision.report',
        title: `${input.final ? '申请办结' : '进展反馈'}：${item.number}`,
        body: `${actor.unitName}：${input.content.slice(0, 60)}`,
        link: `/supervision/items/${item.id}`,
        level: item.level,
      },
    },
  ];
  let version: number;
  if (input.final) {
    version = (
      await ctx.workflow.apply(trx, taskWorkflow, {
        row: task,
        action: 'request_close',
        actor,
        version: task.version,
        input: { content: input.content },
        set: { last_report_at: at },
        detail: { reportId: rep.id, late },
        notify,
      })
    ).version;
  } else {
    version = await updateTaskVersioned(trx, task, { last_report_at: at, next_report_due: next, updated_at: at });
    await ctx.audit.append(trx, {
      actor,
      action: 'supervision.task.report',
      targetType: 'supervision_task',
      targetId: task.id,
      detail: { reportId: rep.id, late },
    });
    for (const n of notify) await ctx.notifier.send(trx, n.userIds, n.message);
  }
  await repo.insertEvent(trx, {
    itemId: task.item_id,
    taskId: task.id,
    kind: input.final ? 'request_close' : 'report',
    actor,
    at: now,
    message: `${actor.unitName}${input.final ? '申请办结' : '反馈进展'}${late ? '（逾期）' : ''}`,
    detail: { reportId: rep.id },
  });
  return { reportId: rep.id, taskVersion: version };
}
