/**
 * The seed's steps as records on the item's timeline: 提出建议 (督促检查—情况反馈—提出建议—调研分析: 督查室's
 * recommendations to the leader or the units) and 督办协调 (登记转办—督办协调—审核把关: the units involved, the
 * issue, the agreed outcome, the date). Audited; the addressees are notified.
 */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { endSentence } from '../../../platform/chinese-text.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { itemActions, itemPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { loadItem, recipientsOf } from './common.js';

/** 提出建议: to the responsible leader, the instructing leader and/or the units holding tasks. */
export async function recommend(ctx: AppContext, actor: Actor, itemId: number, input: { content: string; toLeader: boolean; unitIds: number[] }) {
  return ctx.db.transaction().execute(async (trx) => {
    const { item, tasks } = await loadItem(trx, actor, itemId, 'supervision.item.recommend');
    authorize(actor, itemPolicy.manage, item, {
      action: 'supervision.item.recommend',
      targetType: 'supervision_item',
      targetId: itemId,
      code: 'supervision.not_office',
    });
    if (!itemActions.recommend(actor, item)) throw new RuleError('supervision.item_not_open');
    const units = tasks.filter((t) => input.unitIds.includes(t.unit_id) && t.status !== 'withdrawn');
    if (units.length !== new Set(input.unitIds).size) throw new RuleError('supervision.unit_not_on_item');
    const leaders = input.toLeader ? [item.responsible_leader_id, item.instructed_by_id].filter((x): x is number => x !== null) : [];
    const to = new Set(leaders);
    for (const t of units) for (const u of await recipientsOf(trx, t)) to.add(u);
    const names = await repo.unitNames(trx, input.unitIds);
    const addressees = [...(leaders.length ? ['领导'] : []), ...input.unitIds.map((u) => names.get(u) ?? '')].join('、') || '存档';
    const eventId = await repo.insertEvent(trx, {
      itemId,
      kind: 'recommend',
      actor,
      at: ctx.clock.now(),
      message: `提出建议（致${addressees}）：${endSentence(input.content)}`,
      detail: { toLeader: input.toLeader, unitIds: input.unitIds },
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'supervision.item.recommend',
      targetType: 'supervision_item',
      targetId: itemId,
      detail: { eventId, toLeader: input.toLeader, unitIds: input.unitIds },
    });
    await ctx.notifier.send(trx, [...to], {
      kind: 'supervision.recommend',
      title: `督查建议：${item.number}`,
      body: input.content.slice(0, 80),
      link: `/supervision/items/${itemId}`,
      level: item.level,
    });
    return { eventId };
  });
}

/** 督办协调: the units involved, the issue, the agreed outcome and the date, while the item is being worked on. */
export async function coordinate(ctx: AppContext, actor: Actor, itemId: number, input: { unitIds: number[]; issue: string; outcome: string; date: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const { item, tasks } = await loadItem(trx, actor, itemId, 'supervision.item.coordinate');
    authorize(actor, itemPolicy.manage, item, {
      action: 'supervision.item.coordinate',
      targetType: 'supervision_item',
      targetId: itemId,
      code: 'supervision.not_office',
    });
    if (!itemActions.coordinate(actor, item)) throw new RuleError('supervision.item_not_open');
    const units = tasks.filter((t) => input.unitIds.includes(t.unit_id) && t.status !== 'withdrawn');
    if (!units.length || units.length !== new Set(input.unitIds).size) throw new RuleError('supervision.unit_not_on_item');
    const to = new Set<number>();
    for (const t of units) for (const u of await recipientsOf(trx, t)) to.add(u);
    const names = await repo.unitNames(trx, input.unitIds);
    const who = input.unitIds.map((u) => names.get(u) ?? '').join('、');
    const eventId = await repo.insertEvent(trx, {
      itemId,
      kind: 'coordinate',
      actor,
      at: ctx.clock.now(),
      message: `督办协调（${input.date}，${who}）：问题：${endSentence(input.issue)}议定：${endSentence(input.outcome)}`,
      detail: { unitIds: input.unitIds, date: input.date, issue: input.issue, outcome: input.outcome },
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'supervision.item.coordinate',
      targetType: 'supervision_item',
      targetId: itemId,
      detail: { eventId, unitIds: input.unitIds, date: input.date },
    });
    await ctx.notifier.send(trx, [...to], {
      kind: 'supervision.coordinate',
      title: `督办协调：${item.number}`,
      body: `议定：${input.outcome.slice(0, 80)}`,
      link: `/supervision/items/${itemId}`,
      level: item.level,
    });
    return { eventId };
  });
}
