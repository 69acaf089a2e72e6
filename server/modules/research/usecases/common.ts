/** What the 调研 use cases share: the desk, facts for the policy, load-then-authorize, re-indexing and the presenters. */
import {
  CONVERSION_KIND_NAMES,
  PROPOSAL_STATES,
  TOPIC_STATES,
  type ConversionKind,
  type MilestoneView,
  type ProposalView,
  type TopicView,
} from '../../../../common/research.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize, presentActions } from '../../../platform/authz.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import type { Trx } from '../../../db/client.js';
import { milestoneActions, proposalActions, topicActions, type Desk, type MilestoneFacts, type ProposalFacts, type TopicFacts } from '../research.policy.js';
import * as repo from '../research.repo.js';
import { topicSearchDoc } from '../repo/research.search.js';

export type H = repo.H;

export function proposalFacts(d: Desk, p: repo.ProposalRecord): ProposalFacts {
  return { ...d, level: p.level, status: p.status, unitId: p.unit_id, proposedBy: p.proposed_by, leadUnitId: p.lead_unit_id };
}

export function topicFacts(d: Desk, t: repo.TopicRecord, members: readonly repo.MemberRecord[]): TopicFacts {
  const mine = members.filter((m) => m.topic_id === t.id);
  return {
    ...d,
    level: t.level,
    status: t.status,
    leadUnitId: t.lead_unit_id,
    proposerUnitId: t.proposer_unit_id,
    leaderId: t.leader_id,
    memberUserIds: mine.map((m) => m.user_id),
    memberUnitIds: [...new Set(mine.map((m) => m.unit_id))],
  };
}

/** Loads a proposal the actor may read (404, audited as denied under `action`, otherwise). */
export async function loadProposal(db: H, actor: Actor, id: number, action: string) {
  const d = await repo.desk(db);
  const row = await repo.findProposal(db, id);
  const facts = row ? proposalFacts(d, row) : undefined;
  authorize(actor, proposalActions.read, facts, { action, targetType: 'research_proposal', targetId: id, mode: 'read' });
  return { row: row!, facts, desk: d };
}

/** A loaded 课题: the row, its team, the desk and the facts. */
export interface LoadedTopic {
  row: repo.TopicRecord;
  members: repo.MemberRecord[];
  desk: Desk;
  facts: TopicFacts;
}

/** Loads a 课题 the actor may read (404, audited as denied under `action`, otherwise). */
export async function loadTopic(db: H, actor: Actor, id: number, action: string): Promise<LoadedTopic> {
  const d = await repo.desk(db);
  const row = await repo.findTopic(db, id);
  const members = row ? await repo.membersOf(db, [id]) : [];
  const facts = row ? topicFacts(d, row, members) : undefined;
  authorize(actor, topicActions.read, facts, { action, targetType: 'research_topic', targetId: id, mode: 'read' });
  return { row: row!, members, desk: d, facts };
}

/** Re-indexes a 课题 for the whole-system search, inside the write's transaction. */
export async function reindexTopic(ctx: AppContext, trx: Trx, id: number): Promise<void> {
  const row = (await repo.findTopic(trx, id))!;
  await ctx.search.index(trx, topicSearchDoc(row, await repo.membersOf(trx, [id]), await repo.desk(trx)));
}

const refOf = (id: number, m: Map<number, string>) => ({ id, name: m.get(id) ?? '' });

/** Proposals as the API answers them. */
export async function presentProposals(db: H, actor: Actor, d: Desk, rows: readonly repo.ProposalRecord[]): Promise<ProposalView[]> {
  const users = await repo.userNames(
    db,
    rows.map((r) => r.proposed_by),
  );
  const units = await repo.unitNames(
    db,
    rows.flatMap((r) => [r.unit_id, r.lead_unit_id]),
  );
  const topics = await repo.topicIdsOfProposals(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    title: r.title,
    background: r.background,
    level: r.level,
    unit: refOf(r.unit_id, units),
    proposedBy: refOf(r.proposed_by, users),
    proposedLead: refOf(r.lead_unit_id, units),
    status: r.status as ProposalView['status'],
    statusName: PROPOSAL_STATES[r.status as keyof typeof PROPOSAL_STATES] ?? { zh: r.status, en: r.status },
    declineReason: r.decline_reason,
    decisionId: r.decision_id,
    topicId: topics.get(r.id) ?? null,
    createdAt: r.created_at,
    actions: presentActions(actor, proposalActions, proposalFacts(d, r)),
    version: r.version,
  }));
}

/** The light of a milestone or a 课题 (done ones have none). */
export function lightOf(ctx: AppContext, deadline: string, done: boolean) {
  return ctx.calendar.light(deadline, ctx.clock.now(), { done, yellowDays: 3 });
}

export function presentMilestone(ctx: AppContext, actor: Actor, topic: TopicFacts, m: repo.MilestoneRecord, users: Map<number, string>): MilestoneView {
  const facts: MilestoneFacts = { topic, status: m.status };
  return {
    id: m.id,
    topicId: m.topic_id,
    title: m.title,
    dueDate: m.due_date,
    status: m.status as MilestoneView['status'],
    doneBy: m.done_by !== null ? refOf(m.done_by, users) : null,
    doneAt: m.done_at,
    note: m.note,
    light: lightOf(ctx, m.due_date, m.status === 'done'),
    actions: presentActions(actor, milestoneActions, facts),
    version: m.version,
  };
}

/** The fields lists and the detail share. */
export function topicBase(ctx: AppContext, t: repo.TopicRecord, users: Map<number, string>, units: Map<number, string>) {
  return {
    id: t.id,
    number: t.number,
    year: t.year,
    title: t.title,
    level: t.level,
    leadUnit: refOf(t.lead_unit_id, units),
    leader: t.leader_id !== null ? refOf(t.leader_id, users) : null,
    startDate: t.start_date,
    endDate: t.end_date,
    status: t.status as TopicView['status'],
    statusName: TOPIC_STATES[t.status as keyof typeof TOPIC_STATES] ?? { zh: t.status, en: t.status },
    light: lightOf(ctx, t.end_date, t.status === 'concluded'),
    concludedAt: t.concluded_at,
    onTime: t.on_time === null ? null : t.on_time === 1,
    version: t.version,
  };
}

/** A 课题 with its team, milestones and 转化, for the actor. */
export async function presentTopic(ctx: AppContext, db: H, actor: Actor, l: LoadedTopic): Promise<TopicView> {
  const t = l.row;
  const milestones = await repo.milestonesOf(db, [t.id]);
  const conversions = await repo.conversionsOf(db, [t.id]);
  const files = await repo.attachmentsOf(db, t.id);
  const users = await repo.userNames(db, [
    t.leader_id,
    ...l.members.map((m) => m.user_id),
    ...milestones.map((m) => m.done_by),
    ...conversions.map((c) => c.recorded_by),
  ]);
  const units = await repo.unitNames(db, [t.lead_unit_id, ...l.members.map((m) => m.unit_id)]);
  return {
    ...topicBase(ctx, t, users, units),
    background: t.background,
    proposalId: t.proposal_id,
    decisionId: t.decision_id,
    members: l.members.map((m) => ({ user: refOf(m.user_id, users), unit: refOf(m.unit_id, units) })),
    milestones: milestones.map((m) => presentMilestone(ctx, actor, l.facts, m, users)),
    reportSummary: t.report_summary,
    libraryItemId: t.library_item_id,
    attachments: files.map((f) => ({ id: f.id, filename: f.filename, size: f.size })),
    conversions: conversions.map((c) => ({
      id: c.id,
      kind: c.kind as ConversionKind,
      kindName: CONVERSION_KIND_NAMES[c.kind as ConversionKind] ?? { zh: c.kind, en: c.kind },
      reference: c.reference,
      note: c.note,
      supervisionItemId: c.supervision_item_id,
      supervisionNumber: c.supervision_number,
      recordedBy: refOf(c.recorded_by, users),
      recordedAt: c.recorded_at,
    })),
    actions: presentActions(actor, topicActions, l.facts),
  };
}

/** Reloads a 课题 after a write (inside the transaction) and presents it. */
export async function reloadTopic(ctx: AppContext, db: H, actor: Actor, id: number): Promise<TopicView> {
  const d = await repo.desk(db);
  const row = (await repo.findTopic(db, id))!;
  const members = await repo.membersOf(db, [id]);
  return presentTopic(ctx, db, actor, { row, members, desk: d, facts: topicFacts(d, row, members) });
}

/** Checks a team (enabled users cleared for `level`) and answers it with each member's unit. */
export async function checkTeam(db: H, userIds: readonly number[], level: number) {
  const users = await repo.activeUsers(db, userIds);
  const out: { userId: number; unitId: number }[] = [];
  for (const id of new Set(userIds)) {
    const u = users.get(id);
    if (!u) throw new RuleError('research.unknown_member', { name: String(id) });
    if (u.clearance < level) throw new RuleError('research.member_clearance', { name: u.name });
    out.push({ userId: id, unitId: u.unitId });
  }
  return out;
}
