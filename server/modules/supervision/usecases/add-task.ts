/** 调整分工: 督查室 adds a task for another unit to an issued item; it starts at once (催办 scheduled, the unit notified). */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { insertTask, touchItem } from '../repo/supervision.writes.js';
import { checkUnits, checkUser } from '../supervision.checks.js';
import { itemActions, itemPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { readSettings } from '../supervision.settings.js';
import { loadItem, nextReportDue, recipientsOf, scheduleReminders, today } from './common.js';
import { itemDetail } from './detail.js';

/** A task for a unit that has none on the item (a withdrawn one stays in the record). Item version checked. */
export async function addTask(
  ctx: AppContext,
  actor: Actor,
  itemId: number,
  input: { version: number; unitId: number; responsibleUserId: number; deadline: string },
) {
  await ctx.db.transaction().execute(async (trx) => {
    const { item, tasks } = await loadItem(trx, actor, itemId, 'supervision.task.add');
    authorize(actor, itemPolicy.manage, item, {
      action: 'supervision.task.add',
      targetType: 'supervision_item',
      targetId: itemId,
      code: 'supervision.not_office',
    });
    assertVersion(item, input.version);
    if (!itemActions.add_task(actor, item)) throw new RuleError('supervision.item_not_open');
    if (tasks.some((t) => t.unit_id === input.unitId)) throw new RuleError('supervision.task_exists');
    await checkUnits(trx, [input.unitId]);
    await checkUser(trx, input.responsibleUserId, input.unitId);
    if (input.deadline < today(ctx)) throw new RuleError('supervision.deadline_past');
    if (input.deadline > item.deadline) throw new RuleError('supervision.deadline_before_tasks');
    const at = iso(ctx.clock.now());
    const id = await insertTask(trx, {
      item_id: item.id,
      unit_id: input.unitId,
      is_lead: 0,
      responsible_user_id: input.responsibleUserId,
      deadline: input.deadline,
      status: 'in_progress',
      level: item.level,
      owner_unit_id: item.owner_unit_id,
      lead_unit_id: item.lead_unit_id,
      leader_id: item.responsible_leader_id,
      last_report_at: null,
      next_report_due: nextReportDue(item, today(ctx)),
      escalated_at: null,
      accepted_at: null,
      accepted_on_time: null,
      created_at: at,
      updated_at: at,
    });
    await touchItem(trx, item, at);
    await scheduleReminders(ctx, trx, { id, deadline: input.deadline }, (await readSettings(trx)).value);
    await ctx.audit.append(trx, {
      actor,
      action: 'supervision.task.add',
      targetType: 'supervision_item',
      targetId: itemId,
      detail: { taskId: id, unitId: input.unitId, responsibleUserId: input.responsibleUserId, deadline: input.deadline },
    });
    await ctx.notifier.send(trx, await recipientsOf(trx, { unit_id: input.unitId, responsible_user_id: input.responsibleUserId }), {
      kind: 'supervision.issued',
      title: `督办通知 ${item.number}`,
      body: `${item.title}（协办，时限 ${input.deadline}）`,
      link: `/supervision/items/${item.id}`,
      level: item.level,
    });
    const unit = (await repo.unitNames(trx, [input.unitId])).get(input.unitId) ?? '';
    await repo.insertEvent(trx, {
      itemId,
      taskId: id,
      kind: 'task_add',
      actor,
      at: ctx.clock.now(),
      message: `调整分工：增加${unit}协办，时限 ${input.deadline}`,
    });
    await ctx.search.index(trx, repo.itemSearchDoc(item, [...tasks.map((t) => t.unit_id), input.unitId], await repo.officeDirectorIds(trx)));
  });
  return itemDetail(ctx, actor, itemId);
}
