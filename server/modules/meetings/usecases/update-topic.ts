/** Edits a topic's content while it is in 储存 or 调度 (optimistic lock). */
import type { Actor } from '../../../platform/actor.js';
import { diffFields } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { assertLevel, assertUnits, assertUsers } from '../meetings.checks.js';
import { meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { config, loadTopic, reindex } from './common.js';
import type { ProposeTopicInput } from './propose-topic.js';
import { getTopic } from './read-topics.js';

/** Input of a topic's edit. */
export type UpdateTopicInput = { version: number } & Partial<Omit<ProposeTopicInput, 'proposingUnitId'>>;

/** Edits a topic (audited as `meetings.topic_update` with the changed fields and concerned units). */
export async function updateTopic(ctx: AppContext, actor: Actor, id: number, input: UpdateTopicInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const { cfg } = await config(trx);
    const t = await loadTopic(trx, actor, cfg, id, 'meetings.topic_update');
    authorize(actor, meetingsPolicy.editTopic, t.facts, { action: 'meetings.topic_update', targetType: 'meeting_topic', targetId: id });
    assertVersion(t.row, input.version);
    if (input.level !== undefined) await assertLevel(ctx, trx, actor, input.level);
    if (input.concernedUnitIds) await assertUnits(trx, input.concernedUnitIds);
    if (input.leaderId) await assertUsers(trx, [input.leaderId]);
    const patch = {
      title: input.title,
      background: input.background,
      leader_id: input.leaderId,
      kind: input.kind,
      level: input.level,
      needs_expert: input.needsExpert === undefined ? undefined : input.needsExpert ? 1 : 0,
    };
    const changes: Record<string, [unknown, unknown]> = diffFields(t.row as unknown as Record<string, unknown>, patch);
    await repo.updateTopic(trx, t.row, { ...patch, updated_at: iso(ctx.clock.now()) });
    if (input.concernedUnitIds) {
      const next = input.concernedUnitIds.filter((u) => u !== t.row.proposing_unit_id);
      if (JSON.stringify([...next].sort()) !== JSON.stringify([...t.facts.concernedUnitIds].sort()))
        changes.concernedUnitIds = [t.facts.concernedUnitIds, next];
      await repo.setConcernedUnits(trx, id, next);
    }
    await ctx.audit.append(trx, { actor, action: 'meetings.topic_update', targetType: 'meeting_topic', targetId: id, changes });
    await reindex(ctx, trx, { topics: [id] });
    return getTopic(ctx, actor, id, trx);
  });
}
