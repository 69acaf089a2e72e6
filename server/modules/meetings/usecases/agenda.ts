/** The agenda (议程) of a meeting before it is held: take a topic off it, or order it. */
import type { Actor } from '../../../platform/actor.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import { meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { topicWorkflow } from '../meetings.workflow.js';
import { closed, loadManaged, loadTopic, reindex } from './common.js';
import { getMeeting } from './read-meetings.js';

/** Takes a topic off the agenda, back to 调度 (audited by the engine as `meetings.topic.unschedule`). */
export async function removeFromAgenda(ctx: AppContext, actor: Actor, meetingId: number, topicId: number, topicVersion: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await loadManaged(trx, actor, meetingId, 'meetings.agenda_remove');
    if (!meetingsPolicy.editAgenda(actor, m.facts)) throw closed(m.row);
    const t = await loadTopic(trx, actor, m.cfg, topicId, 'meetings.agenda_remove');
    if (t.row.meeting_id !== meetingId) throw new RuleError('meetings.topic_not_on_agenda');
    await ctx.workflow.apply(
      trx,
      topicWorkflow(() => true),
      { row: t.row, action: 'unschedule', actor, version: topicVersion, input: {}, set: { meeting_id: null, agenda_order: null }, detail: { meetingId } },
    );
    await reindex(ctx, trx, { topics: [topicId] });
    return getMeeting(ctx, actor, meetingId, trx);
  });
}

/** Orders the agenda (议程顺序), audited as `meetings.agenda_order`. */
export async function orderAgenda(ctx: AppContext, actor: Actor, meetingId: number, version: number, topicIds: number[]) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await loadManaged(trx, actor, meetingId, 'meetings.agenda_order');
    if (!meetingsPolicy.editAgenda(actor, m.facts)) throw closed(m.row);
    assertVersion(m.row, version);
    const current = await repo.agenda(trx, meetingId);
    const same = current.length === topicIds.length && new Set(topicIds).size === topicIds.length && current.every((t) => topicIds.includes(t.id));
    if (!same) throw new RuleError('meetings.agenda_mismatch');
    await repo.setAgendaOrder(trx, topicIds);
    await repo.bumpMeetingVersion(trx, meetingId, version, iso(ctx.clock.now()));
    await ctx.audit.append(trx, {
      actor,
      action: 'meetings.agenda_order',
      targetType: 'meeting',
      targetId: meetingId,
      changes: { agenda: [current.map((t) => t.id), topicIds] },
    });
    return getMeeting(ctx, actor, meetingId, trx);
  });
}
