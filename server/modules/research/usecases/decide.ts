/**
 * 调研联席会议: the 调研室 records the meeting's decision (date, attendees, the meeting's reference) on
 * undecided proposals: the accepted become 课题 for the year (lead unit, 负责人, team drawn from several
 * units, dates), the others are declined with a reason. One transaction; every proposal moves through the
 * workflow (audited `research.accept` / `research.decline`), every 课题 is audited `research.create_topic`,
 * the decision `research.decide`; proposers and teams are notified.
 */
import type { z } from 'zod';
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { formatSerial, nextSerial } from '../../../platform/numbering.js';
import { isDesk, officeActions, proposalActions } from '../research.policy.js';
import * as repo from '../research.repo.js';
import type { decisionBody } from '../research.schema.js';
import { proposalWorkflow } from '../research.workflow.js';
import { checkTeam, proposalFacts, reindexTopic } from './common.js';

export type DecisionInput = z.infer<typeof decisionBody>;

/** One accepted proposal: its 课题 with lead unit, 负责人, team and dates; the proposal moved to 已立项; audited and notified. */
async function acceptOne(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  wf: ReturnType<typeof proposalWorkflow>,
  d: { decisionId: number; year: number; heldOn: string },
  p: repo.ProposalRecord,
  a: DecisionInput['accepted'][number],
): Promise<number> {
  const at = iso(ctx.clock.now());
  const start = a.startDate ?? d.heldOn;
  if (a.endDate < start) throw new RuleError('research.bad_dates');
  const lead = a.leadUnitId ?? p.lead_unit_id;
  if (!(await repo.activeUnitIds(trx, [lead])).has(lead)) throw new RuleError('research.unknown_unit');
  const team = await checkTeam(trx, [...a.memberIds, ...(a.leaderId ? [a.leaderId] : [])], p.level);
  const number = formatSerial('调研', d.year, await nextSerial(trx, 'research', d.year));
  const topicId = await repo.insertTopic(trx, {
    number,
    year: d.year,
    proposal_id: p.id,
    decision_id: d.decisionId,
    title: p.title,
    background: p.background,
    level: p.level,
    proposer_unit_id: p.unit_id,
    lead_unit_id: lead,
    leader_id: a.leaderId ?? null,
    start_date: start,
    end_date: a.endDate,
    status: 'in_progress',
    report_summary: null,
    concluded_by: null,
    concluded_at: null,
    on_time: null,
    library_item_id: null,
    created_by: actor.id,
    created_at: at,
    updated_at: at,
  });
  await repo.setMembers(
    trx,
    topicId,
    team.filter((m) => a.memberIds.includes(m.userId)),
  );
  await ctx.workflow.apply(trx, wf, { row: p, action: 'accept', actor, version: p.version, input: {}, set: { decision_id: d.decisionId } });
  await ctx.audit.append(trx, {
    actor,
    action: 'research.create_topic',
    targetType: 'research_topic',
    targetId: topicId,
    changes: { status: [null, 'in_progress'], lead_unit_id: [null, lead], end_date: [null, a.endDate] },
    detail: { proposalId: p.id, decisionId: d.decisionId, members: a.memberIds.length },
  });
  await reindexTopic(ctx, trx, topicId);
  const team2 = [...new Set([p.proposed_by, ...team.map((m) => m.userId)])].filter((u) => u !== actor.id);
  await ctx.notifier.send(trx, team2, {
    kind: 'research.topic',
    title: '调研课题立项',
    body: `「${p.title}」经调研联席会议研究立项为${number}，请按节点推进`,
    link: `/research/topics/${topicId}`,
    level: p.level,
  });
  return topicId;
}

/** Records the decision; answers it with the 课题 created. */
export async function decide(ctx: AppContext, actor: Actor, input: DecisionInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await repo.desk(trx);
    authorize(actor, officeActions.decide, d, { action: 'research.decide', targetType: 'research_decision' });
    const ids = [...input.accepted.map((a) => a.proposalId), ...input.declined.map((x) => x.proposalId)];
    if (!ids.length) throw new RuleError('research.empty_decision');
    if (new Set(ids).size !== ids.length) throw new RuleError('research.proposal_twice');
    const proposals = new Map<number, repo.ProposalRecord>();
    for (const pid of ids) {
      const p = await repo.findProposal(trx, pid);
      authorize(actor, proposalActions.read, p ? proposalFacts(d, p) : undefined, {
        action: 'research.decide',
        targetType: 'research_proposal',
        targetId: pid,
        mode: 'read',
      });
      if (p!.status !== 'proposed') throw new RuleError('research.proposal_decided', { title: p!.title });
      proposals.set(pid, p!);
    }
    const now = ctx.clock.now();
    const at = iso(now);
    const year = input.year ?? Number(input.heldOn.slice(0, 4));
    const decisionId = await repo.insertDecision(trx, {
      year,
      held_on: input.heldOn,
      attendees: input.attendees,
      meeting_ref: input.meetingRef,
      recorded_by: actor.id,
      created_at: at,
    });
    const wf = proposalWorkflow((a) => isDesk(a, d));
    const topicIds: number[] = [];
    for (const a of input.accepted)
      topicIds.push(await acceptOne(ctx, trx, actor, wf, { decisionId, year, heldOn: input.heldOn }, proposals.get(a.proposalId)!, a));
    for (const x of input.declined) {
      const p = proposals.get(x.proposalId)!;
      await ctx.workflow.apply(trx, wf, {
        row: p,
        action: 'decline',
        actor,
        version: p.version,
        input: {},
        set: { decision_id: decisionId, decline_reason: x.reason },
        notify:
          p.proposed_by !== actor.id
            ? [
                {
                  userIds: [p.proposed_by],
                  message: {
                    kind: 'research.decline',
                    title: '调研选题未立项',
                    body: `「${p.title}」未立项：${x.reason}`,
                    link: '/research/proposals',
                    level: p.level,
                  },
                },
              ]
            : [],
      });
    }
    await ctx.audit.append(trx, {
      actor,
      action: 'research.decide',
      targetType: 'research_decision',
      targetId: decisionId,
      detail: { year, heldOn: input.heldOn, accepted: input.accepted.length, declined: input.declined.length, topicIds },
    });
    return {
      id: decisionId,
      year,
      heldOn: input.heldOn,
      attendees: input.attendees,
      meetingRef: input.meetingRef,
      recordedBy: { id: actor.id, name: actor.name },
      createdAt: at,
      accepted: input.accepted.length,
      declined: input.declined.length,
      topicIds,
    };
  });
}
