/** Reading 调研: proposals, decisions, 课题 lists and one 课题 — every list filtered in SQL by the read rule. */
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import { officeActions } from '../research.policy.js';
import * as repo from '../research.repo.js';
import { loadProposal, loadTopic, presentProposals, presentTopic, topicBase } from './common.js';

/** The proposals the actor may read, and whether they may propose and decide. */
export async function listProposals(ctx: AppContext, actor: Actor, f: repo.ProposalFilter) {
  const d = await repo.desk(ctx.db);
  const rows = await repo.listProposals(ctx.db, actor, d, f);
  return { items: await presentProposals(ctx.db, actor, d, rows), can: { propose: officeActions.propose(actor, d), decide: officeActions.decide(actor, d) } };
}

/** One proposal (404 unless readable). */
export async function getProposal(ctx: AppContext, actor: Actor, id: number) {
  const p = await loadProposal(ctx.db, actor, id, 'research.read');
  return (await presentProposals(ctx.db, actor, p.desk, [p.row]))[0]!;
}

/** The decisions on proposals the actor may read. */
export async function listDecisions(ctx: AppContext, actor: Actor) {
  const d = await repo.desk(ctx.db);
  const rows = await repo.listDecisions(ctx.db, actor, d, 100);
  const { proposals, topics } = await repo.decisionOutcomes(
    ctx.db,
    rows.map((r) => r.id),
  );
  const users = await repo.userNames(
    ctx.db,
    rows.map((r) => r.recorded_by),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      year: r.year,
      heldOn: r.held_on,
      attendees: r.attendees,
      meetingRef: r.meeting_ref,
      recordedBy: { id: r.recorded_by, name: users.get(r.recorded_by) ?? '' },
      createdAt: r.created_at,
      accepted: proposals.filter((p) => p.decision_id === r.id && p.status === 'accepted').length,
      declined: proposals.filter((p) => p.decision_id === r.id && p.status === 'declined').length,
      topicIds: topics.filter((t) => t.decision_id === r.id).map((t) => t.id),
    })),
  };
}

/** The 课题 the actor may read, with milestone and 转化 counts. */
export async function listTopics(ctx: AppContext, actor: Actor, f: repo.TopicFilter) {
  const d = await repo.desk(ctx.db);
  const rows = await repo.listTopics(ctx.db, actor, d, f);
  const ids = rows.map((r) => r.id);
  const milestones = await repo.milestonesOf(ctx.db, ids);
  const conversions = await repo.conversionsOf(ctx.db, ids);
  const users = await repo.userNames(
    ctx.db,
    rows.map((r) => r.leader_id),
  );
  const units = await repo.unitNames(
    ctx.db,
    rows.map((r) => r.lead_unit_id),
  );
  return {
    items: rows.map((t) => {
      const ms = milestones.filter((m) => m.topic_id === t.id);
      return {
        ...topicBase(ctx, t, users, units),
        milestones: ms.length,
        milestonesDone: ms.filter((m) => m.status === 'done').length,
        conversions: conversions.filter((c) => c.topic_id === t.id).length,
      };
    }),
  };
}

/** One 课题 (404 unless readable). */
export async function getTopic(ctx: AppContext, actor: Actor, id: number) {
  const t = await loadTopic(ctx.db, actor, id, 'research.read');
  return presentTopic(ctx, ctx.db, actor, t);
}
