/** 修改课题: title, background, 密级, lead unit, 负责人, dates and team (versioned; audited with the changed field names). */
import type { z } from 'zod';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion, updateVersioned } from '../../../platform/versioned.js';
import { topicActions } from '../research.policy.js';
import * as repo from '../research.repo.js';
import type { topicUpdateBody } from '../research.schema.js';
import { checkTeam, loadTopic, reindexTopic, reloadTopic } from './common.js';
import { checkLevelAndUnit } from './propose.js';

export type TopicUpdate = z.infer<typeof topicUpdateBody>;

/** Updates a running 课题 (409 on a stale version). */
export async function updateTopic(ctx: AppContext, actor: Actor, id: number, input: TopicUpdate) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await loadTopic(trx, actor, id, 'research.update_topic');
    authorize(actor, topicActions.edit, t.facts, { action: 'research.update_topic', targetType: 'research_topic', targetId: id });
    assertVersion(t.row, input.version);
    await checkLevelAndUnit(ctx, trx, actor, input.level, input.leadUnitId);
    if (input.endDate < input.startDate) throw new RuleError('research.bad_dates');
    const milestones = await repo.milestonesOf(trx, [id]);
    if (milestones.some((m) => m.due_date > input.endDate)) throw new RuleError('research.milestone_after_end');
    const team = await checkTeam(trx, [...input.memberIds, ...(input.leaderId ? [input.leaderId] : [])], input.level);
    const set = {
      title: input.title,
      background: input.background,
      level: input.level,
      lead_unit_id: input.leadUnitId,
      leader_id: input.leaderId,
      start_date: input.startDate,
      end_date: input.endDate,
    };
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [k, v] of Object.entries(set)) if ((t.row as Record<string, unknown>)[k] !== v) changes[k] = [(t.row as Record<string, unknown>)[k], v];
    const before = t.members.map((m) => m.user_id).sort((a, b) => a - b);
    const after = [...new Set(input.memberIds)].sort((a, b) => a - b);
    if (before.join() !== after.join()) changes.members = [before, after];
    if (!Object.keys(changes).length) throw new RuleError('research.no_change');
    await updateVersioned(trx, 'research_topic', t.row, { ...set, updated_at: iso(ctx.clock.now()) });
    await repo.setMembers(
      trx,
      id,
      team.filter((m) => input.memberIds.includes(m.userId)),
    );
    await ctx.audit.append(trx, { actor, action: 'research.update_topic', targetType: 'research_topic', targetId: id, changes });
    await reindexTopic(ctx, trx, id);
    const added = after.filter((u) => !before.includes(u) && u !== actor.id);
    await ctx.notifier.send(trx, added, {
      kind: 'research.topic',
      title: '加入调研课题组',
      body: `您已加入调研课题${t.row.number}「${input.title}」`,
      link: `/research/topics/${id}`,
      level: input.level,
    });
    return reloadTopic(ctx, trx, actor, id);
  });
}
