/**
 * Who may do what in 调研: named abilities, each a pure predicate over the actor and a loaded row.
 *
 * A 调研选题 is known to its proposing unit, its proposer, the proposed lead unit and the 调研室 (found
 * by unit code); a 课题 to its lead unit, the proposing unit, every team member's unit and the members
 * themselves, its 负责人 and the 调研室 — each within their clearance (the row's 密级). Divisions and
 * units propose; the 调研室 records the 调研联席会议's decision; the 调研室, the lead unit's 处长 and the
 * 负责人 manage a 课题 (milestones, edits, 结题, 转化); team members complete milestones. The 三员 see
 * nothing. The same read rules as SQL are in `research.repo.ts` (`visibleProposals`, `visibleTopics`).
 */
import { canSee } from '../../platform/authz.js';
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';

/** The units the policy knows by code. */
export interface Desk {
  /** 调研室 */
  researchUnitIds: readonly number[];
}

/** A proposal as the policy needs it. */
export interface ProposalFacts extends Desk {
  level: number;
  status: string;
  unitId: number;
  proposedBy: number;
  leadUnitId: number;
}

/** A 课题 as the policy needs it. */
export interface TopicFacts extends Desk {
  level: number;
  status: string;
  leadUnitId: number;
  proposerUnitId: number | null;
  leaderId: number | null;
  memberUserIds: readonly number[];
  memberUnitIds: readonly number[];
}

/** A milestone and its 课题. */
export interface MilestoneFacts {
  topic: TopicFacts;
  status: string;
}

/** A member of the 调研室 holding a business role (sees every proposal and 课题 up to clearance). */
export function isDesk(a: Actor, d: Desk): boolean {
  return isBusinessUser(a) && d.researchUnitIds.includes(a.unitId) && hasRole(a, 'staff', 'division_head', 'director');
}

const readProposal = (a: Actor, p: ProposalFacts) =>
  canSee(a, { level: p.level, unitIds: [p.unitId, p.leadUnitId, ...(isDesk(a, p) ? [a.unitId] : [])], userIds: [p.proposedBy] });

/** The abilities on a proposal. */
export const proposalActions = {
  read: readProposal,
  /** Edit while undecided: the proposer or the 调研室. */
  edit: (a: Actor, p: ProposalFacts) => readProposal(a, p) && p.status === 'proposed' && (a.id === p.proposedBy || isDesk(a, p)),
};

const readTopic = (a: Actor, t: TopicFacts) =>
  canSee(a, {
    level: t.level,
    unitIds: [t.leadUnitId, ...(t.proposerUnitId !== null ? [t.proposerUnitId] : []), ...t.memberUnitIds, ...(isDesk(a, t) ? [a.unitId] : [])],
    userIds: [...(t.leaderId !== null ? [t.leaderId] : []), ...t.memberUserIds],
  });
/** The 调研室, the lead unit's 处长 or the 课题负责人. */
const manager = (a: Actor, t: TopicFacts) =>
  readTopic(a, t) && (isDesk(a, t) || (a.unitId === t.leadUnitId && hasRole(a, 'division_head')) || (t.leaderId !== null && a.id === t.leaderId));
const running = (a: Actor, t: TopicFacts) => manager(a, t) && t.status === 'in_progress';
const onTeam = (a: Actor, t: TopicFacts) => readTopic(a, t) && (t.memberUserIds.includes(a.id) || manager(a, t));

/** The abilities on a 课题, in the order the web shows its buttons. */
export const topicActions = {
  read: readTopic,
  edit: running,
  addMilestone: running,
  /** 结题 with the report (filed into 资源共享). */
  conclude: running,
  /** 转化 links are recorded on a concluded 课题's report. */
  convert: (a: Actor, t: TopicFacts) => manager(a, t) && t.status === 'concluded',
  /** The report's attachments: the team while in progress. */
  attach: (a: Actor, t: TopicFacts) => onTeam(a, t) && t.status === 'in_progress',
};

/** The abilities on a milestone: the team completes it. */
export const milestoneActions = {
  complete: (a: Actor, m: MilestoneFacts) => onTeam(a, m.topic) && m.topic.status === 'in_progress' && m.status === 'open',
};

/** Abilities without a row: proposing (divisions and units), deciding (the 调研室). */
export const officeActions = {
  propose: (a: Actor, _d: Desk) => isBusinessUser(a) && hasRole(a, 'staff', 'division_head', 'liaison', 'director'),
  decide: (a: Actor, d: Desk) => isDesk(a, d),
};

export const researchPolicy = { ...topicActions, ...milestoneActions, ...officeActions, readProposal, editProposal: proposalActions.edit };
