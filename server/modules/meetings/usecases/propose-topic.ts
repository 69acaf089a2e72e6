/** 提出议题: a division or responsible unit proposes a topic; it is kept in 储存 and the office's division heads are told. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { assertLevel, assertUnits, assertUsers } from '../meetings.checks.js';
import type { MeetingKind } from '../meetings.gates.js';
import { meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { config, reindex } from './common.js';
import { getTopic } from './read-topics.js';

/** Input of 提出议题. */
export interface ProposeTopicInput {
  title: string;
  background: string;
  proposingUnitId?: number;
  leaderId?: number | null;
  kind: MeetingKind;
  level: number;
  needsExpert: boolean;
  concernedUnitIds: number[];
}

/** Proposes a topic (audited as `meetings.topic_propose`). */
export async function proposeTopic(ctx: AppContext, actor: Actor, input: ProposeTopicInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const { cfg } = await config(trx);
    const unitId = input.proposingUnitId ?? actor.unitId;
    authorize(
      actor,
      meetingsPolicy.proposeFor,
      { handlerUnitIds: cfg.handlerUnitIds, unitId },
      { action: 'meetings.topic_propose', targetType: 'meeting_topic' },
    );
    await assertLevel(ctx, trx, actor, input.level);
    await assertUnits(trx, [unitId, ...input.concernedUnitIds]);
    if (input.leaderId) await assertUsers(trx, [input.leaderId]);
    const at = iso(ctx.clock.now());
    const id = await repo.insertTopic(trx, {
      title: input.title,
      background: input.background,
      proposing_unit_id: unitId,
      leader_id: input.leaderId ?? null,
      kind: input.kind,
      level: input.level,
      needs_expert: input.needsExpert ? 1 : 0,
      status: 'stored',
      meeting_id: null,
      agenda_order: null,
      proposed_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await repo.setConcernedUnits(
      trx,
      id,
      input.concernedUnitIds.filter((u) => u !== unitId),
    );
    await ctx.audit.append(trx, {
      actor,
      action: 'meetings.topic_propose',
      targetType: 'meeting_topic',
      targetId: id,
      detail: { title: input.title, kind: input.kind, level: input.level, proposingUnitId: unitId },
    });
    const heads = await repo.usersWithRole(trx, cfg.handlerUnitIds, ['division_head'], input.level);
    await ctx.notifier.send(
      trx,
      heads.filter((h) => h !== actor.id),
      {
        kind: 'meetings.topic_proposed',
        title: `新议题：${input.title}`,
        body: `${actor.unitName}提出议题，已列入储存层。`,
        link: `/meetings/topics/${id}`,
        level: input.level,
      },
    );
    await reindex(ctx, trx, { topics: [id] });
    return getTopic(ctx, actor, id, trx);
  });
}
