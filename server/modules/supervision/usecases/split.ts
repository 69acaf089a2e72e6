/** 分解立项: one task per responsible unit (person, time limit, stages), while the item is registered. */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { ConflictError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import * as writes from '../repo/supervision.writes.js';
import { checkUnits, checkUser } from '../supervision.checks.js';
import type { Item, SplitTaskInput } from '../supervision.constants.js';
import { itemPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { ITEM_STATES } from '../supervision.workflow.js';
import { loadItem, today as todayOf } from './common.js';
import { itemDetail } from './detail.js';

/** Inserts or updates the pending tasks of an item (分解立项) in `trx`. */
export async function writeTasks(ctx: AppContext, trx: Trx, actor: Actor, item: Item, tasks: SplitTaskInput[]): Promise<void> {
  const today = todayOf(ctx);
  await checkUnits(
    trx,
    tasks.map((t) => t.unitId),
  );
  const existing = await repo.tasksOfItem(trx, item.id);
  if (!tasks.some((t) => t.unitId === item.lead_unit_id) && !existing.some((t) => t.unit_id === item.lead_unit_id))
    throw new RuleError('supervision.lead_task_missing');
  const at = iso(ctx.clock.now());
  for (const t of tasks) {
    await checkUser(trx, t.responsibleUserId, t.unitId);
    if (t.deadline < today) throw new RuleError('supervision.deadline_past');
    const stages = t.stages ?? [];
    for (let k = 0; k < stages.length; k++) {
      if (stages[k]!.deadline > t.deadline || (k > 0 && stages[k]!.deadline < stages[k - 1]!.deadline) || stages[k]!.deadline < today)
        throw new RuleError('supervision.stage_after_deadline');
    }
    const prev = existing.find((e) => e.unit_id === t.unitId);
    let taskId: number;
    if (prev) {
      if (prev.status !== 'pending') throw new RuleError('supervision.task_issued');
      await writes.repointPendingTask(trx, prev, t, at);
      await writes.withdrawOpenStages(trx, prev.id, at);
      taskId = prev.id;
    } else {
      taskId = await writes.insertTask(trx, {
        item_id: item.id,
        unit_id: t.unitId,
        is_lead: t.unitId === item.lead_unit_id ? 1 : 0,
        responsible_user_id: t.responsibleUserId,
        deadline: t.deadline,
        status: 'pending',
        level: item.level,
        owner_unit_id: item.owner_unit_id,
        lead_unit_id: item.lead_unit_id,
        leader_id: item.responsible_leader_id,
        last_report_at: null,
        next_report_due: null,
        escalated_at: null,
        accepted_at: null,
        accepted_on_time: null,
        created_at: at,
        updated_at: at,
      });
    }
    const maxSeq = await writes.maxStageSeq(trx, taskId);
    for (let k = 0; k < stages.length; k++)
      await writes.insertStage(trx, { taskId, seq: maxSeq + k + 1, name: stages[k]!.name, deadline: stages[k]!.deadline }, at);
  }
  const units = await repo.unitNames(
    trx,
    tasks.map((t) => t.unitId),
  );
  await ctx.audit.append(trx, {
    actor,
    action: 'supervision.item.split',
    targetType: 'supervision_item',
    targetId: item.id,
    detail: { tasks: tasks.map((t) => ({ unitId: t.unitId, responsibleUserId: t.responsibleUserId, deadline: t.deadline, stages: t.stages?.length ?? 0 })) },
  });
  await repo.insertEvent(trx, {
    itemId: item.id,
    kind: 'split',
    actor,
    at: ctx.clock.now(),
    message: `分解立项：${tasks.map((t) => units.get(t.unitId)).join('、')}`,
  });
  // the task units now have need-to-know: the index says so too
  await ctx.search.index(
    trx,
    repo.itemSearchDoc(
      item,
      (await repo.tasksOfItem(trx, item.id)).map((t) => t.unit_id),
      await repo.officeDirectorIds(trx),
    ),
  );
}

/** 分解立项: one task per responsible unit, each with person, time limit and stages. Item version is checked. */
export async function split(ctx: AppContext, actor: Actor, itemId: number, input: { version: number; tasks: SplitTaskInput[] }) {
  await ctx.db.transaction().execute(async (trx) => {
    const { item } = await loadItem(trx, actor, itemId);
    authorize(actor, itemPolicy.manage, item, {
      action: 'supervision.item.split',
      targetType: 'supervision_item',
      targetId: itemId,
      code: 'supervision.not_office',
    });
    assertVersion(item, input.version);
    if (item.status !== 'registered')
      throw new ConflictError('workflow.invalid_transition', {
        state: ITEM_STATES[item.status as keyof typeof ITEM_STATES]?.zh ?? item.status,
        action: '分解立项',
      });
    await writeTasks(ctx, trx, actor, item, input.tasks);
    await writes.touchItem(trx, item, iso(ctx.clock.now()));
  });
  return itemDetail(ctx, actor, itemId);
}
