/** 修改 after 立项: 督查室 changes an open item's fields (versioned, audited by field name); the units are told what changed. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { setTasksLeader, updateItemFields } from '../repo/supervision.stages.js';
import { checkUser } from '../supervision.checks.js';
import { itemActions, itemPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { loadItem, recipientsOf, today } from './common.js';
import { itemDetail } from './detail.js';

/** The fields 督查室 may change after 立项, and their names in the message to the units. */
export interface EditInput {
  version: number;
  title?: string;
  requirement?: string;
  deadline?: string;
  priority?: number;
  closingCriteria?: string;
  responsibleLeaderId?: number | null;
}
const FIELDS = {
  title: ['title', '事项名称'],
  requirement: ['requirement', '工作要求'],
  deadline: ['deadline', '总时限'],
  priority: ['priority', '优先级'],
  closingCriteria: ['closing_criteria', '办结标准'],
  responsibleLeaderId: ['responsible_leader_id', '责任领导'],
} as const;

/** 修改: the changed fields only; nothing changed answers the item as it is. Item version checked. */
export async function editItem(ctx: AppContext, actor: Actor, itemId: number, input: EditInput) {
  await ctx.db.transaction().execute(async (trx) => {
    const { item, tasks } = await loadItem(trx, actor, itemId, 'supervision.item.update');
    authorize(actor, itemPolicy.manage, item, {
      action: 'supervision.item.update',
      targetType: 'supervision_item',
      targetId: itemId,
      code: 'supervision.not_office',
    });
    assertVersion(item, input.version);
    if (!itemActions.edit(actor, item)) throw new RuleError('supervision.item_not_open');
    const set: Record<string, unknown> = {};
    const changes: Record<string, [unknown, unknown]> = {};
    const names: string[] = [];
    for (const [key, [col, zh]] of Object.entries(FIELDS) as [keyof typeof FIELDS, (typeof FIELDS)[keyof typeof FIELDS]][]) {
      const v = input[key];
      if (v === undefined || v === item[col]) continue;
      set[col] = v;
      changes[col] = [item[col], v];
      names.push(zh);
    }
    if (!names.length) return;
    if (typeof set.deadline === 'string') {
      if (set.deadline < today(ctx)) throw new RuleError('supervision.deadline_past');
      // the overall 时限 cannot fall before a unit's own
      if (tasks.some((t) => t.status !== 'withdrawn' && t.deadline > (set.deadline as string))) throw new RuleError('supervision.deadline_before_tasks');
    }
    if (typeof set.responsible_leader_id === 'number') await checkUser(trx, set.responsible_leader_id);
    const at = iso(ctx.clock.now());
    await updateItemFields(trx, item, { ...set, updated_at: at });
    if ('responsible_leader_id' in set) await setTasksLeader(trx, itemId, (set.responsible_leader_id as number | null) ?? null);
    await ctx.audit.append(trx, { actor, action: 'supervision.item.update', targetType: 'supervision_item', targetId: itemId, changes });
    const changed = names.join('、');
    const recipients = new Set<number>();
    for (const t of tasks) if (t.status !== 'withdrawn' && t.status !== 'pending') for (const u of await recipientsOf(trx, t)) recipients.add(u);
    await ctx.notifier.send(trx, [...recipients], {
      kind: 'supervision.updated',
      title: `督办事项修改：${item.number}`,
      body: `督查室修改了${changed}，请查看并按修改后的要求办理`,
      link: `/supervision/items/${itemId}`,
      level: item.level,
    });
    await repo.insertEvent(trx, {
      itemId,
      kind: 'update',
      actor,
      at: ctx.clock.now(),
      message: `修改事项：${changed}`,
      detail: { fields: Object.keys(changes) },
    });
    const fresh = (await repo.findItem(trx, itemId))!;
    await ctx.search.index(
      trx,
      repo.itemSearchDoc(
        fresh,
        tasks.map((t) => t.unit_id),
        await repo.officeDirectorIds(trx),
      ),
    );
  });
  return itemDetail(ctx, actor, itemId);
}
