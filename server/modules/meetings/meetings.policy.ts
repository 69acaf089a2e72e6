/**
 * Who may do what in 会议. Pure predicates over loaded rows, and the SQL visibility filters of
 * topics and meetings live in `repo/meetings.visibility.ts` (密级 AND need-to-know, composed from the platform's authz core).
 *
 * Need-to-know: a topic is known to its proposing unit, its 分管领导 and proposer, the departments
 * concerned, the attendees of the meeting it is on, and the 会务处室 (handler units: by default the
 * general office and its 秘书处). A meeting is known to its chair, its attendees (incl. those
 * excused) and the handler units. Materials follow their meeting, each with its own 密级.
 */
import { canSee } from '../../platform/authz.js';
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';
import { GATE_INFO, type GateKey } from './meetings.gates.js';

/** The actor with what the module knows of them: whether their unit handles meetings (会务处室). */
export interface MeetingsActor {
  actor: Actor;
  handler: boolean;
}

/** A topic as the policy needs it. */
export interface TopicFacts {
  level: number;
  status: string;
  proposingUnitId: number;
  leaderId: number | null;
  proposedBy: number;
  concernedUnitIds: readonly number[];
  /** Attendees (expected or excused) and chair of the meeting it is on, if any. */
  meetingUserIds: readonly number[];
  shared?: boolean;
}

/** A meeting as the policy needs it. */
export interface MeetingFacts {
  level: number;
  status: string;
  chairId: number;
  createdBy: number;
  attendeeIds: readonly number[];
  shared?: boolean;
}

const OPEN_TOPIC = ['stored', 'preparing'];
const OPEN_MEETING = ['planned', 'notified'];

/** 会务人员: a staff member, division head or director of a handler unit. */
export function isManager(w: MeetingsActor): boolean {
  return w.handler && isBusinessUser(w.actor) && hasRole(w.actor, 'staff', 'division_head', 'director');
}

export const meetingsPolicy = {
  /** 提出议题: any business user except an external rater. */
  propose: (w: MeetingsActor) => isBusinessUser(w.actor) && hasRole(w.actor, 'leader', 'director', 'division_head', 'staff', 'liaison'),
  /** Change the gate checklists and handler units: a handler unit's division head or director. */
  configure: (w: MeetingsActor) => w.handler && isBusinessUser(w.actor) && hasRole(w.actor, 'division_head', 'director'),
  /** Read a topic. */
  readTopic: (w: MeetingsActor, t: TopicFacts) =>
    canSee(w.actor, {
      level: t.level,
      unitIds: [t.proposingUnitId, ...t.concernedUnitIds, ...(w.handler ? [w.actor.unitId] : [])],
      userIds: [...(t.leaderId ? [t.leaderId] : []), t.proposedBy, ...t.meetingUserIds],
      shared: t.shared,
    }),
  /** Edit a topic's content: the proposing unit or the office, while it is not on an agenda. */
  editTopic: (w: MeetingsActor, t: TopicFacts) =>
    meetingsPolicy.readTopic(w, t) && OPEN_TOPIC.includes(t.status) && (isManager(w) || (w.actor.unitId === t.proposingUnitId && meetingsPolicy.propose(w))),
  /** Move a topic between 储存 and 调度, or place it on an agenda: the office. */
  moveTopic: (w: MeetingsActor, t: TopicFacts) => meetingsPolicy.readTopic(w, t) && isManager(w),
  /** Withdraw a topic (撤回): the proposing unit or the office, while it is not on an agenda. */
  withdrawTopic: (w: MeetingsActor, t: TopicFacts) => meetingsPolicy.editTopic(w, t),
  /**
   * Confirm a gate with evidence (or, for 会前协商一致, record a department's dissent): the office for
   * every gate; a concerned department's own users for that department's entry.
   */
  confirmGate: (w: MeetingsActor, t: TopicFacts, gate: GateKey, unitId: number) =>
    meetingsPolicy.readTopic(w, t) &&
    OPEN_TOPIC.includes(t.status) &&
    (isManager(w) || (GATE_INFO[gate].perUnit === true && w.actor.unitId === unitId && t.concernedUnitIds.includes(unitId) && isBusinessUser(w.actor))),
  /** Create a meeting: the office. */
  createMeeting: (w: MeetingsActor) => isManager(w),
  /** Read a meeting (and its agenda, minutes, decisions). */
  readMeeting: (w: MeetingsActor, m: MeetingFacts) =>
    canSee(w.actor, { level: m.level, unitIds: w.handler ? [w.actor.unitId] : [], userIds: [m.chairId, m.createdBy, ...m.attendeeIds], shared: m.shared }),
  /** Organise a meeting (agenda, attendees, materials, notices, minutes): the office. */
  manageMeeting: (w: MeetingsActor, m: MeetingFacts) => meetingsPolicy.readMeeting(w, m) && isManager(w),
  /** Change the agenda: the office, before the meeting is held. */
  editAgenda: (w: MeetingsActor, m: MeetingFacts) => meetingsPolicy.manageMeeting(w, m) && OPEN_MEETING.includes(m.status),
  /** Record minutes and decisions (纪要, 议定事项): the office, once held and until finalised. */
  recordMinutes: (w: MeetingsActor, m: MeetingFacts) => meetingsPolicy.manageMeeting(w, m) && m.status === 'held',
  /** Turn decisions into supervision items (会后督办): the office, once held. */
  supervise: (w: MeetingsActor, m: MeetingFacts) => meetingsPolicy.manageMeeting(w, m) && (m.status === 'held' || m.status === 'minuted'),
  /** Read a material: an actor who may read the meeting and holds the material's 密级. */
  readMaterial: (w: MeetingsActor, m: MeetingFacts, material: { level: number }) => meetingsPolicy.readMeeting(w, m) && material.level <= w.actor.clearance,
  /** Sign in (签到): an expected attendee, once notified and until the meeting is over. */
  signIn: (w: MeetingsActor, m: MeetingFacts, attendee: { attendance: string } | undefined) =>
    meetingsPolicy.readMeeting(w, m) && attendee?.attendance === 'expected' && (m.status === 'notified' || m.status === 'held'),
};
