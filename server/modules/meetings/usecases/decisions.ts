/** 议定事项: record a decision on a topic of the agenda, or edit one not yet handed to supervision. */
import type { Actor } from '../../../platform/actor.js';
import { diffFields } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { assertUnits } from '../meetings.checks.js';
import { meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { closed, loadManaged, reindex } from './common.js';
import { getMeeting } from './read-meetings.js';

/** Input of a decision (议定事项). */
export interface DecisionInput {
  topicId: number;
  text: string;
  leadUnitId: number;
  coUnitIds: number[];
  dueDate: string;
}

/** Records a decision (audited as `meetings.decision_add` on the meeting). */
export async function addDecision(ctx: AppContext, actor: Actor, meetingId: number, input: DecisionInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await loadManaged(trx, actor, meetingId, 'meetings.decision_add');
    if (!meetingsPolicy.recordMinutes(actor, m.facts)) throw closed(m.row);
    const t = await repo.findTopic(trx, input.topicId);
    if (t?.meeting_id !== meetingId) throw new RuleError('meetings.decision_topic_not_on_agenda');
    await assertUnits(trx, [input.leadUnitId, ...input.coUnitIds]);
    if (input.dueDate < chinaDate(ctx.clock.now())) throw new RuleError('meetings.deadline_passed');
    const at = iso(ctx.clock.now());
    const id = await repo.insertDecision(trx, {
      meeting_id: meetingId,
      topic_id: input.topicId,
      seq: await repo.nextDecisionSeq(trx, meetingId),
      text: input.text,
      lead_unit_id: input.leadUnitId,
      co_unit_ids: JSON.stringify([...new Set(input.coUnitIds.filter((u) => u !== input.leadUnitId))]),
      due_date: input.dueDate,
      level: t.level,
      supervision_item_id: null,
      supervision_number: null,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'meetings.decision_add',
      targetType: 'meeting',
      targetId: meetingId,
      detail: { decisionId: id, topicId: input.topicId, leadUnitId: input.leadUnitId, dueDate: input.dueDate },
    });
    await reindex(ctx, trx, { meetings: [meetingId] });
    return getMeeting(ctx, actor, meetingId, trx);
  });
}

/** Input of a decision's edit. */
export type UpdateDecisionInput = { version: number } & Partial<Omit<DecisionInput, 'topicId'>>;

/** Edits a decision not yet handed to supervision (audited as `meetings.decision_update`). */
export async function updateDecision(ctx: AppContext, actor: Actor, meetingId: number, decisionId: number, input: UpdateDecisionInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await loadManaged(trx, actor, meetingId, 'meetings.decision_update');
    if (!meetingsPolicy.recordMinutes(actor, m.facts)) throw closed(m.row);
    const found = await repo.findDecision(trx, decisionId);
    const d = found?.meeting_id === meetingId ? found : undefined;
    authorize(actor, meetingsPolicy.readDecision, d, {
      action: 'meetings.decision_update',
      targetType: 'meeting_decision',
      targetId: decisionId,
      mode: 'read',
    });
    if (d.supervision_item_id) throw new RuleError('meetings.already_supervised', { number: d.supervision_number ?? '' });
    assertVersion(d, input.version);
    if (input.leadUnitId || input.coUnitIds) await assertUnits(trx, [...(input.leadUnitId ? [input.leadUnitId] : []), ...(input.coUnitIds ?? [])]);
    if (input.dueDate && input.dueDate < chinaDate(ctx.clock.now())) throw new RuleError('meetings.deadline_passed');
    const patch = {
      text: input.text,
      lead_unit_id: input.leadUnitId,
      co_unit_ids: input.coUnitIds ? JSON.stringify([...new Set(input.coUnitIds)]) : undefined,
      due_date: input.dueDate,
    };
    const changes = diffFields(d as unknown as Record<string, unknown>, patch);
    await repo.updateDecision(trx, d, { ...patch, updated_at: iso(ctx.clock.now()) });
    await ctx.audit.append(trx, { actor, action: 'meetings.decision_update', targetType: 'meeting_decision', targetId: decisionId, changes });
    await reindex(ctx, trx, { meetings: [meetingId] });
    return getMeeting(ctx, actor, meetingId, trx);
  });
}
