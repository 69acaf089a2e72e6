/**
 * 会后督办: turns decisions into supervision items in one step (source = this meeting and topic),
 * linked both ways: the supervision item records the decision as its source, the decision keeps
 * the item's id and number. `decisionIds` absent = every decision not yet supervised.
 */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { assertVersion } from '../../../platform/versioned.js';
import type { SupervisionContract } from '../../supervision/supervision.contract.js';
import { meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { closed, loadManaged, type LoadedMeeting } from './common.js';
import { getMeeting } from './read-meetings.js';

/** The decisions to hand over: those named (readable, not yet supervised, at their version), or every one not yet supervised. */
function targetsOf(actor: Actor, all: repo.DecisionRecord[], decisionIds: { id: number; version: number }[] | undefined): repo.DecisionRecord[] {
  if (!decisionIds) return all.filter((d) => d.supervision_item_id === null);
  return decisionIds.map(({ id, version }) => {
    const d = all.find((x) => x.id === id);
    authorize(actor, meetingsPolicy.readDecision, d, { action: 'meetings.decision_supervise', targetType: 'meeting_decision', targetId: id, mode: 'read' });
    if (d.supervision_item_id) throw new RuleError('meetings.already_supervised', { number: d.supervision_number ?? '' });
    assertVersion(d, version);
    return d;
  });
}

/** Creates the supervision item of one decision and links it (audited as `meetings.decision_supervise`). */
async function superviseOne(
  ctx: AppContext,
  trx: Trx,
  contract: SupervisionContract,
  actor: Actor,
  m: LoadedMeeting,
  d: repo.DecisionRecord,
  topic?: repo.TopicRecord,
) {
  const date = chinaDate(new Date(m.row.starts_at));
  const ref = `${m.row.title}（${date}）议题${topic?.agenda_order ?? ''}“${topic?.title ?? ''}”议定事项第${d.seq}项`;
  const created = await contract.createFromSource(trx, actor, {
    source: 'decision',
    sourceType: 'meeting_decision',
    sourceId: d.id,
    sourceRef: ref,
    title: `${topic?.title ?? m.row.title}：${d.text.length > 40 ? `${d.text.slice(0, 40)}…` : d.text}`,
    requirement: d.text,
    leadUnitId: d.lead_unit_id,
    coUnitIds: JSON.parse(d.co_unit_ids) as number[],
    ...(topic?.leader_id ? { responsibleLeaderId: topic.leader_id } : {}),
    deadline: d.due_date,
    level: d.level,
  });
  await repo.linkDecision(trx, d, created, iso(ctx.clock.now()));
  await ctx.audit.append(trx, {
    actor,
    action: 'meetings.decision_supervise',
    targetType: 'meeting_decision',
    targetId: d.id,
    changes: { supervision_item_id: [null, created.id] },
    detail: { meetingId: m.row.id, number: created.number },
  });
}

/** Hands decisions to supervision. */
export async function supervise(ctx: AppContext, actor: Actor, meetingId: number, decisionIds?: { id: number; version: number }[]) {
  const contract = ctx.services.supervision;
  if (!contract) throw new RuleError('meetings.supervision_unavailable');
  return ctx.db.transaction().execute(async (trx) => {
    const m = await loadManaged(trx, actor, meetingId, 'meetings.decision_supervise');
    if (!meetingsPolicy.supervise(actor, m.facts)) throw closed(m.row);
    const targets = targetsOf(actor, await repo.decisions(trx, meetingId), decisionIds);
    const topics = new Map((await repo.agenda(trx, meetingId)).map((t) => [t.id, t]));
    for (const d of targets) await superviseOne(ctx, trx, contract, actor, m, d, topics.get(d.topic_id) ?? (await repo.findTopic(trx, d.topic_id)));
    return getMeeting(ctx, actor, meetingId, trx);
  });
}
