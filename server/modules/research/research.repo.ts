/** 调研: the only file with SQL (with `repo/`). Every function takes the handle it runs on. */
import { sql, type Insertable, type Selectable, type SqlBool } from 'kysely';
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { visibleTo } from '../../platform/authz.js';
import * as names from '../../platform/names.js';
import { isDesk, type Desk } from './research.policy.js';
import type {
  ResearchConversionTable,
  ResearchDecisionTable,
  ResearchMilestoneTable,
  ResearchProposalTable,
  ResearchTopicTable,
} from './repo/research.tables.js';
import './repo/research.tables.js';

export type H = Db | Trx;
export type ProposalRecord = Selectable<ResearchProposalTable>;
export type DecisionRecord = Selectable<ResearchDecisionTable>;
export type TopicRecord = Selectable<ResearchTopicTable>;
export type MilestoneRecord = Selectable<ResearchMilestoneTable>;
export type ConversionRecord = Selectable<ResearchConversionTable>;
export interface MemberRecord {
  topic_id: number;
  user_id: number;
  unit_id: number;
}

/** The 调研室 (by unit code). */
export async function desk(db: H): Promise<Desk> {
  const units = await db.selectFrom('unit').select('id').where('code', '=', 'research').where('active', '=', 1).execute();
  return { researchUnitIds: units.map((u) => u.id) };
}

/** The proposals the actor may read (the policy's `read` as SQL). */
export function visibleProposals(actor: Actor, d: Desk) {
  return visibleTo(actor, {
    itemType: 'research_proposal',
    id: 'research_proposal.id',
    level: 'research_proposal.level',
    units: ['research_proposal.unit_id', 'research_proposal.lead_unit_id'],
    users: ['research_proposal.proposed_by'],
    extra: isDesk(actor, d) ? [sql<SqlBool>`1 = 1`] : [],
  });
}

/** The 课题 the actor may read (the policy's `read` as SQL). */
export function visibleTopics(actor: Actor, d: Desk) {
  const team = sql<SqlBool>`EXISTS (SELECT 1 FROM research_member rm WHERE rm.topic_id = research_topic.id AND (rm.unit_id = ${actor.unitId} OR rm.user_id = ${actor.id}))`;
  return visibleTo(actor, {
    itemType: 'research_topic',
    id: 'research_topic.id',
    level: 'research_topic.level',
    units: ['research_topic.lead_unit_id', 'research_topic.proposer_unit_id'],
    users: ['research_topic.leader_id'],
    extra: isDesk(actor, d) ? [sql<SqlBool>`1 = 1`] : [team],
  });
}

export const userNames = names.userNames;
export const unitNames = (db: H, ids: Iterable<number | null | undefined>) => names.unitNames(db, ids, 'short');
export const usersOf = (db: H, unitIds: readonly number[], roles: readonly string[]): Promise<number[]> => names.roleHolders(db, unitIds, roles);

/** Active units among `ids`. */
export async function activeUnitIds(db: H, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('unit')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .where('active', '=', 1)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Enabled users among `ids`, with name, unit and clearance. */
export async function activeUsers(db: H, ids: readonly number[]): Promise<Map<number, { name: string; unitId: number; clearance: number }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('user')
    .select(['id', 'name', 'unit_id', 'clearance'])
    .where('id', 'in', [...new Set(ids)])
    .where('disabled', '=', 0)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, unitId: r.unit_id, clearance: r.clearance }]));
}

// ---- proposals ----

export function findProposal(db: H, id: number) {
  return db.selectFrom('research_proposal').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertProposal(trx: Trx, row: Insertable<ResearchProposalTable>): Promise<number> {
  return (await trx.insertInto('research_proposal').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** A proposal list filter. */
export interface ProposalFilter {
  year?: number;
  status?: string;
  page: number;
  pageSize: number;
}

/** The proposals the actor may read, newest first. */
export function listProposals(db: H, actor: Actor, d: Desk, f: ProposalFilter) {
  let q = db.selectFrom('research_proposal').selectAll().where(visibleProposals(actor, d));
  if (f.year) q = q.where('year', '=', f.year);
  if (f.status) q = q.where('status', '=', f.status);
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
}

/** The 课题 created from proposals, keyed by proposal id. */
export async function topicIdsOfProposals(db: H, proposalIds: readonly number[]): Promise<Map<number, number>> {
  if (!proposalIds.length) return new Map();
  const rows = await db
    .selectFrom('research_topic')
    .select(['id', 'proposal_id'])
    .where('proposal_id', 'in', [...proposalIds])
    .execute();
  return new Map(rows.flatMap((r) => (r.proposal_id !== null ? [[r.proposal_id, r.id] as const] : [])));
}

// ---- decisions ----

export async function insertDecision(trx: Trx, row: Insertable<ResearchDecisionTable>): Promise<number> {
  return (await trx.insertInto('research_decision').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The decisions deciding a proposal the actor may read, newest first. */
export function listDecisions(db: H, actor: Actor, d: Desk, limit: number) {
  return db
    .selectFrom('research_decision')
    .selectAll()
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('research_proposal')
          .select('research_proposal.id')
          .whereRef('research_proposal.decision_id', '=', 'research_decision.id')
          .where(visibleProposals(actor, d)),
      ),
    )
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Per decision: accepted and declined counts and the 课题 created. */
export async function decisionOutcomes(db: H, decisionIds: readonly number[]) {
  if (!decisionIds.length) return { proposals: [], topics: [] };
  const proposals = await db
    .selectFrom('research_proposal')
    .select(['decision_id', 'status'])
    .where('decision_id', 'in', [...decisionIds])
    .execute();
  const topics = await db
    .selectFrom('research_topic')
    .select(['id', 'decision_id'])
    .where('decision_id', 'in', [...decisionIds])
    .orderBy('id')
    .execute();
  return { proposals, topics };
}

// ---- 课题 ----

export function findTopic(db: H, id: number) {
  return db.selectFrom('research_topic').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTopic(trx: Trx, row: Insertable<ResearchTopicTable>): Promise<number> {
  return (await trx.insertInto('research_topic').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The team members of 课题. */
export function membersOf(db: H, topicIds: readonly number[]): Promise<MemberRecord[]> {
  if (!topicIds.length) return Promise.resolve([]);
  return db
    .selectFrom('research_member')
    .selectAll()
    .where('topic_id', 'in', [...topicIds])
    .orderBy('topic_id')
    .orderBy('unit_id')
    .orderBy('user_id')
    .execute();
}

/** Replaces a 课题's team. */
export async function setMembers(trx: Trx, topicId: number, members: readonly { userId: number; unitId: number }[]): Promise<void> {
  await trx.deleteFrom('research_member').where('topic_id', '=', topicId).execute();
  if (members.length)
    await trx
      .insertInto('research_member')
      .values(members.map((m) => ({ topic_id: topicId, user_id: m.userId, unit_id: m.unitId })))
      .execute();
}

/** A 课题 list filter. */
export interface TopicFilter {
  year?: number;
  status?: string;
  mine?: boolean;
  page: number;
  pageSize: number;
}

/** The 课题 the actor may read, by end date (the most urgent first). */
export function listTopics(db: H, actor: Actor, d: Desk, f: TopicFilter) {
  let q = db.selectFrom('research_topic').selectAll().where(visibleTopics(actor, d));
  if (f.year) q = q.where('year', '=', f.year);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.mine)
    q = q.where((eb) =>
      eb.or([
        eb('leader_id', '=', actor.id),
        eb.exists(
          eb.selectFrom('research_member as m').select('m.topic_id').whereRef('m.topic_id', '=', 'research_topic.id').where('m.user_id', '=', actor.id),
        ),
      ]),
    );
  return q
    .orderBy('end_date')
    .orderBy('id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
}

// ---- milestones ----

export function milestonesOf(db: H, topicIds: readonly number[]) {
  if (!topicIds.length) return Promise.resolve([] as MilestoneRecord[]);
  return db
    .selectFrom('research_milestone')
    .selectAll()
    .where('topic_id', 'in', [...topicIds])
    .orderBy('topic_id')
    .orderBy('due_date')
    .orderBy('id')
    .execute();
}

export function findMilestone(db: H, id: number) {
  return db.selectFrom('research_milestone').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertMilestone(trx: Trx, row: Insertable<ResearchMilestoneTable>): Promise<number> {
  return (await trx.insertInto('research_milestone').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

// ---- 转化 ----

export function conversionsOf(db: H, topicIds: readonly number[]) {
  if (!topicIds.length) return Promise.resolve([] as ConversionRecord[]);
  return db
    .selectFrom('research_conversion')
    .selectAll()
    .where('topic_id', 'in', [...topicIds])
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

export async function insertConversion(trx: Trx, row: Insertable<ResearchConversionTable>): Promise<number> {
  return (await trx.insertInto('research_conversion').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The report's attachments (the first is filed into the library with the report). */
export function attachmentsOf(db: H, topicId: number) {
  return db
    .selectFrom('attachment')
    .select(['id', 'sha256', 'size', 'mime', 'filename'])
    .where('owner_type', '=', 'research_topic')
    .where('owner_id', '=', topicId)
    .orderBy('id')
    .execute();
}

// ---- 工作台 ----

/** Open milestones of running 课题 on which the actor is a member or the 负责人, within clearance. */
export function openMilestonesOfTeam(db: H, actor: Actor) {
  return db
    .selectFrom('research_milestone')
    .innerJoin('research_topic', 'research_topic.id', 'research_milestone.topic_id')
    .select(['research_milestone.id', 'research_milestone.title', 'research_milestone.due_date', 'research_milestone.topic_id'])
    .select(['research_topic.title as topic_title', 'research_topic.lead_unit_id'])
    .where('research_topic.status', '=', 'in_progress')
    .where('research_milestone.status', '=', 'open')
    .where('research_topic.level', '<=', actor.clearance)
    .where((eb) =>
      eb.or([
        eb('research_topic.leader_id', '=', actor.id),
        eb.exists(
          eb.selectFrom('research_member as m').select('m.topic_id').whereRef('m.topic_id', '=', 'research_topic.id').where('m.user_id', '=', actor.id),
        ),
      ]),
    )
    .orderBy('research_milestone.due_date')
    .limit(50)
    .execute();
}

/** Running 课题 whose end is due within `until` (or past), led by the actor's unit or by the actor. */
export function topicsToConclude(db: H, actor: Actor, until: string) {
  return db
    .selectFrom('research_topic')
    .selectAll()
    .where('status', '=', 'in_progress')
    .where('end_date', '<=', until)
    .where('level', '<=', actor.clearance)
    .where((eb) => eb.or([eb('leader_id', '=', actor.id), eb('lead_unit_id', '=', actor.unitId)]))
    .orderBy('end_date')
    .limit(50)
    .execute();
}

// ---- 件件有着落 ----

/** Open milestones of running 课题 the actor may see, by due date. */
export function openMilestonesVisible(db: H, actor: Actor, d: Desk, limit: number) {
  return db
    .selectFrom('research_milestone')
    .innerJoin('research_topic', 'research_topic.id', 'research_milestone.topic_id')
    .select(['research_milestone.id', 'research_milestone.title', 'research_milestone.due_date', 'research_milestone.topic_id'])
    .select(['research_topic.title as topic_title', 'research_topic.lead_unit_id', 'research_topic.leader_id'])
    .where('research_topic.status', '=', 'in_progress')
    .where('research_milestone.status', '=', 'open')
    .where(visibleTopics(actor, d))
    .orderBy('research_milestone.due_date')
    .orderBy('research_milestone.id')
    .limit(limit)
    .execute();
}

/** Running 课题 the actor may see, by end date. */
export function runningTopicsVisible(db: H, actor: Actor, d: Desk, limit: number) {
  return db
    .selectFrom('research_topic')
    .selectAll()
    .where('status', '=', 'in_progress')
    .where(visibleTopics(actor, d))
    .orderBy('end_date')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Undecided proposals the actor may see, oldest first. */
export function undecidedProposalsVisible(db: H, actor: Actor, d: Desk, limit: number) {
  return db
    .selectFrom('research_proposal')
    .selectAll()
    .where('status', '=', 'proposed')
    .where(visibleProposals(actor, d))
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Running 课题 whose lead unit is inactive, or with neither an enabled 负责人 nor a member (the checker). */
export function runningTopicsForCheck(db: H) {
  return db
    .selectFrom('research_topic')
    .innerJoin('unit', 'unit.id', 'research_topic.lead_unit_id')
    .leftJoin('user', 'user.id', 'research_topic.leader_id')
    .select(['research_topic.id', 'research_topic.number', 'unit.active as unit_active', 'user.disabled as leader_disabled'])
    .select((eb) =>
      eb
        .selectFrom('research_member as m')
        .innerJoin('user as mu', 'mu.id', 'm.user_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('m.topic_id', '=', 'research_topic.id')
        .where('mu.disabled', '=', 0)
        .as('members'),
    )
    .where('research_topic.status', '=', 'in_progress')
    .orderBy('research_topic.id')
    .execute();
}

/** Concluded 课题 without a report summary or a library filing (the checker). */
export function concludedWithoutOutcome(db: H) {
  return db
    .selectFrom('research_topic')
    .select(['id', 'number'])
    .where('status', '=', 'concluded')
    .where((eb) => eb.or([eb('report_summary', 'is', null), eb('report_summary', '=', '')]))
    .orderBy('id')
    .execute();
}

// ---- 考核 counts ----

/** Per lead unit: 课题 due in [from, to], those concluded by their end date. */
export function dueCounts(db: H, from: string, to: string) {
  return db
    .selectFrom('research_topic')
    .select('lead_unit_id')
    .select((eb) => eb.fn.countAll<number>().as('due'))
    .select(sql<number>`SUM(CASE WHEN status = 'concluded' AND on_time = 1 THEN 1 ELSE 0 END)`.as('on_time'))
    .where('end_date', '>=', from)
    .where('end_date', '<=', to)
    .groupBy('lead_unit_id')
    .execute();
}

/** Per lead unit and kind: 转化 recorded in [fromIso, toIso). */
export function conversionCounts(db: H, fromIso: string, toIso: string) {
  return db
    .selectFrom('research_conversion')
    .innerJoin('research_topic', 'research_topic.id', 'research_conversion.topic_id')
    .select(['research_topic.lead_unit_id', 'research_conversion.kind'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('research_conversion.recorded_at', '>=', fromIso)
    .where('research_conversion.recorded_at', '<', toIso)
    .groupBy(['research_topic.lead_unit_id', 'research_conversion.kind'])
    .execute();
}

/** 课题 whose end date falls in [from, to], with their lead unit and whether concluded on time (考核's counted records). */
export function dueTopics(db: H, from: string, to: string, unitIds: readonly number[] | null) {
  let q = db.selectFrom('research_topic').select(['id', 'lead_unit_id', 'status', 'on_time']).where('end_date', '>=', from).where('end_date', '<=', to);
  if (unitIds) q = q.where('lead_unit_id', 'in', unitIds.length ? [...unitIds] : [-1]);
  return q.orderBy('id').execute();
}

/** 转化 recorded in [fromIso, toIso), with their 课题's lead unit (考核's counted records). */
export function conversionsIn(db: H, fromIso: string, toIso: string, unitIds: readonly number[] | null) {
  let q = db
    .selectFrom('research_conversion')
    .innerJoin('research_topic', 'research_topic.id', 'research_conversion.topic_id')
    .select(['research_conversion.topic_id', 'research_conversion.kind', 'research_topic.lead_unit_id'])
    .where('research_conversion.recorded_at', '>=', fromIso)
    .where('research_conversion.recorded_at', '<', toIso);
  if (unitIds) q = q.where('research_topic.lead_unit_id', 'in', unitIds.length ? [...unitIds] : [-1]);
  return q.orderBy('research_conversion.id').execute();
}

/** Of `ids`, the 课题 the actor may read (id and title). */
export function readableTopics(db: H, actor: Actor, d: Desk, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('research_topic')
    .select(['id', 'title'])
    .where('id', 'in', [...ids])
    .where(visibleTopics(actor, d))
    .orderBy('id')
    .execute();
}

// ---- 保密档案 ----

/** One 调研联席会议 decision. */
export function findDecision(db: H, id: number) {
  return db.selectFrom('research_decision').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Concluded 课题, newest concluded first (保密档案's candidates). */
export function concludedTopics(db: H, limit: number) {
  return db
    .selectFrom('research_topic')
    .selectAll()
    .where('status', '=', 'concluded')
    .orderBy('concluded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

// ---- search ----

/** Every 课题, in batches (a rebuild of the index). */
export function topicsAfter(db: H, after: number, limit: number) {
  return db.selectFrom('research_topic').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute();
}
