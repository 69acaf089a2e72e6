/** 延期申请 by the unit, before the time limit, with reasons; the deciders are notified. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { hasPendingExtension, insertExtension, updateTaskVersioned } from '../repo/supervision.writes.js';
import type { Task } from '../supervision.constants.js';
import { taskPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { readSettings } from '../supervision.settings.js';
import { TASK_WORKING } from '../supervision.workflow.js';
import { loadTask, today } from './common.js';

/** 延期申请 by the unit, before the time limit, with reasons. Task version is checked. */
export async function requestExtension(ctx: AppContext, actor: Actor, taskId: number, input: { version: number; reason: string; requestedDeadline: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const task = await loadTask(trx, actor, taskId);
    if (!(TASK_WORKING as readonly string[]).includes(task.status)) throw new RuleError('supervision.task_not_open');
    authorize(actor, taskPolicy.report, task, { action: 'supervision.extension.request', targetType: 'supervision_task', targetId: taskId });
    assertVersion(task, input.version);
    // past the time limit the unit may still report, but asking for more time breaks a rule (422)
    if (!taskPolicy.requestExtension(actor, { ...task, today: today(ctx) })) throw new RuleError('supervision.extension_after_deadline');
    return extensionInTrx(ctx, trx, actor, task, input);
  });
}

/** The writes of a 延期申请 in `trx` (the caller checked read, policy, version and the deadline). */
export async function extensionInTrx(ctx: AppContext, trx: Trx, actor: Actor, task: Task, input: { reason: string; requestedDeadline: string }) {
  if (input.requestedDeadline <= task.deadline) throw new RuleError('supervision.extension_date');
  if (await hasPendingExtension(trx, task.id)) throw new RuleError('supervision.extension_pending');
  const item = (await repo.findItem(trx, task.item_id))!;
  const at = iso(ctx.clock.now());
  const extId = await insertExtension(trx, {
    task_id: task.id,
    item_id: task.item_id,
    requested_by: actor.id,
    reason: input.reason,
    old_deadline: task.deadline,
    requested_deadline: input.requestedDeadline,
    status: 'pending',
    decided_by: null,
    decided_at: null,
    decision_comment: null,
    new_deadline: null,
    created_at: at,
    updated_at: at,
  });
  const ext = { id: extId };
  await updateTaskVersioned(trx, task, { updated_at: at });
  await ctx.audit.append(trx, {
    actor,
    action: 'supervision.extension.request',
    targetType: 'supervision_task',
    targetId: task.id,
    detail: { extensionId: ext.id, from: task.deadline, to: input.requestedDeadline, reason: input.reason },
  });
  const s = (await readSettings(trx)).value;
  const deciders = [item.responsible_user_id, ...(s.extensionApprover === 'office_or_leader' && task.leader_id ? [task.leader_id] : [])];
  await ctx.notifier.send(trx, deciders, {
    kind: 'supervision.extension',
    title: `延期申请：${item.number}`,
    body: `${actor.unitName}申请延期至 ${input.requestedDeadline}：${input.reason}`,
    link: `/supervision/items/${item.id}`,
    level: item.level,
  });
  await repo.insertEvent(trx, {
    itemId: item.id,
    taskId: task.id,
    kind: 'extension_request',
    actor,
    at: ctx.clock.now(),
    message: `申请延期至 ${input.requestedDeadline}：${input.reason}`,
  });
  return { extensionId: ext.id, taskVersion: task.version + 1 };
}
