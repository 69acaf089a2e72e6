/** The decision on a 延期申请: approved with a new time limit (催办 rescheduled) or refused with reasons — never silent. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { ConflictError, NotFoundError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { decideExtensionRow, extendItemDeadline, extendTask, findExtension } from '../repo/supervision.writes.js';
import { taskPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { readSettings } from '../supervision.settings.js';
import { TASK_WORKING } from '../supervision.workflow.js';
import { approverCode, inContext, loadTask, recipientsOf, scheduleReminders, today } from './common.js';

/** Approves (with a new date) or refuses (with reasons) an extension request: never silent. */
export async function decideExtension(
  ctx: AppContext,
  actor: Actor,
  extensionId: number,
  input: { version: number; approve: boolean; newDeadline?: string; comment?: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const ext = await findExtension(trx, extensionId);
    if (!ext) throw new NotFoundError();
    const task = await loadTask(trx, actor, ext.task_id, 'supervision.extension.read');
    const s = (await readSettings(trx)).value;
    const item = (await repo.findItem(trx, task.item_id))!;
    const seen = inContext(ctx, task, s, item);
    authorize(actor, taskPolicy.decideExtension, seen, {
      action: input.approve ? 'supervision.extension.approve' : 'supervision.extension.refuse',
      targetType: 'supervision_task',
      targetId: task.id,
      code: approverCode(seen.approval.extension),
    });
    assertVersion(ext, input.version);
    if (ext.status !== 'pending') throw new ConflictError('supervision.extension_decided');
    if (!input.approve && !input.comment?.trim()) throw new RuleError('supervision.comment_required');
    const newDeadline = input.approve ? (input.newDeadline ?? ext.requested_deadline) : null;
    if (newDeadline !== null && (newDeadline <= task.deadline || newDeadline < today(ctx))) throw new RuleError('supervision.extension_date');
    const at = iso(ctx.clock.now());
    await decideExtensionRow(trx, ext, {
      status: input.approve ? 'approved' : 'refused',
      decidedBy: actor.id,
      comment: input.comment ?? null,
      newDeadline,
      at,
    });
    let itemDeadline: [string, string] | null = null;
    if (newDeadline !== null) {
      await extendTask(trx, task, newDeadline, at);
      // the item's overall 时限 follows an approved extension of the lead unit
      if (task.is_lead === 1 && newDeadline > item.deadline) {
        await extendItemDeadline(trx, item, newDeadline, at);
        itemDeadline = [item.deadline, newDeadline];
      }
      await ctx.scheduler.cancel(trx, 'supervision_task', task.id);
      if ((TASK_WORKING as readonly string[]).includes(task.status)) await scheduleReminders(ctx, trx, { id: task.id, deadline: newDeadline }, s);
    }
    await ctx.audit.append(trx, {
      actor,
      action: input.approve ? 'supervision.extension.approve' : 'supervision.extension.refuse',
      targetType: 'supervision_task',
      targetId: task.id,
      changes: newDeadline ? { deadline: [task.deadline, newDeadline], ...(itemDeadline ? { itemDeadline } : {}) } : null,
      detail: { extensionId: ext.id, comment: input.comment ?? null },
    });
    await ctx.notifier.send(trx, await recipientsOf(trx, task), {
      kind: 'supervision.extension_decided',
      title: `延期申请${input.approve ? '已批准' : '未批准'}：${item.number}`,
      body: input.approve ? `时限调整为 ${newDeadline}` : `理由：${input.comment}`,
      link: `/supervision/items/${item.id}`,
      level: item.level,
    });
    await repo.insertEvent(trx, {
      itemId: item.id,
      taskId: task.id,
      kind: input.approve ? 'extension_approve' : 'extension_refuse',
      actor,
      at: ctx.clock.now(),
      message: input.approve ? `批准延期至 ${newDeadline}${itemDeadline ? '（牵头单位延期，事项总时限随之调整）' : ''}` : `不同意延期：${input.comment}`,
    });
    return { status: input.approve ? 'approved' : 'refused', newDeadline };
  });
}
