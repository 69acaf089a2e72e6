/**
 * Who may do what in 会议: an object of named abilities, each a pure predicate over the actor and a
 * loaded row (no database). Use cases call `authorize(actor, meetingsPolicy.editTopic, facts, …)`;
 * the buttons the web shows come from `presentActions(actor, topicActions | meetingActions, row)`.
 * The same read rules as SQL live in `repo/meetings.visibility.ts`.
 *
 * Need-to-know: a topic is known to its proposing unit, its 分管领导 and proposer, the departments
 * concerned, the attendees of the meeting it is on, and the 会务处室 (handler units: by default the
 * general office and its 秘书处). A meeting is known to its chair, its attendees (incl. those
 * excused) and the handler units. Materials follow their meeting, each with its own 密级.
 */
import { canSee } from '../../platform/authz.js';
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';
import { GATE_INFO, type GateKey } from './meetings.gates.js';

/** What every row of the policy carries: the 会务处室 of the configuration (their staff organise meetings). */
export interface HandlerUnits {
  handlerUnitIds: readonly number[];
}

/** A topic as the policy needs it. */
export interface TopicFacts extends HandlerUnits {
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
export interface MeetingFacts extends HandlerUnits {
  level: number;
  status: string;
  chairId: number;
  createdBy: number;
  attendeeIds: readonly number[];
  shared?: boolean;
}

/** A gate entry to write: the topic, the gate and the department it speaks for (0 unless per-department). */
export type GateTarget = TopicFacts & { gate: GateKey; unitId: number };
/** A material of a meeting. */
export type MaterialFacts = MeetingFacts & { material: { level: number } };
/** A meeting with the actor's own attendance (for 签到). */
export type AttendanceFacts = MeetingFacts & { attendee: { attendance: string; signed_in_at?: string | null } | undefined };
/** Signing someone in: the meeting and the user signed in. */
export type SignInTarget = MeetingFacts & { userId: number };
/** A new topic's proposing unit. */
export type ProposalTarget = HandlerUnits & { unitId: number };

const OPEN_TOPIC = ['stored', 'preparing'];
const OPEN_MEETING = ['planned', 'notified'];
const CLOSED_MEETING = ['minuted', 'cancelled'];

/** Whether the actor's unit is a 会务处室. */
export function isHandler(a: Actor, c: HandlerUnits): boolean {
  return c.handlerUnitIds.includes(a.unitId);
}

/** 会务人员: a staff member, division head or director of a handler unit. */
export function isManager(a: Actor, c: HandlerUnits): boolean {
  return isHandler(a, c) && isBusinessUser(a) && hasRole(a, 'staff', 'division_head', 'director');
}

const propose = (a: Actor, _row: null) => isBusinessUser(a) && hasRole(a, 'leader', 'director', 'division_head', 'staff', 'liaison');
const readTopic = (a: Actor, t: TopicFacts) =>
  canSee(a, {
    level: t.level,
    unitIds: [t.proposingUnitId, ...t.concernedUnitIds, ...(isHandler(a, t) ? [a.unitId] : [])],
    userIds: [...(t.leaderId ? [t.leaderId] : []), t.proposedBy, ...t.meetingUserIds],
    shared: t.shared,
  });
const editTopic = (a: Actor, t: TopicFacts) =>
  readTopic(a, t) && OPEN_TOPIC.includes(t.status) && (isManager(a, t) || (a.unitId === t.proposingUnitId && propose(a, null)));
const moveTopic = (a: Actor, t: TopicFacts) => readTopic(a, t) && isManager(a, t);
const readMeeting = (a: Actor, m: MeetingFacts) =>
  canSee(a, { level: m.level, unitIds: isHandler(a, m) ? [a.unitId] : [], userIds: [m.chairId, m.createdBy, ...m.attendeeIds], shared: m.shared });
const manageMeeting = (a: Actor, m: MeetingFacts) => readMeeting(a, m) && isManager(a, m);
const editAgenda = (a: Actor, m: MeetingFacts) => manageMeeting(a, m) && OPEN_MEETING.includes(m.status);
const recordMinutes = (a: Actor, m: MeetingFacts) => manageMeeting(a, m) && m.status === 'held';
const supervise = (a: Actor, m: MeetingFacts) => manageMeeting(a, m) && (m.status === 'held' || m.status === 'minuted');
const readMaterial = (a: Actor, m: MaterialFacts) => readMeeting(a, m) && m.material.level <= a.clearance;
const signIn = (a: Actor, m: AttendanceFacts) => readMeeting(a, m) && m.attendee?.attendance === 'expected' && (m.status === 'notified' || m.status === 'held');

/** The named abilities of 会议. Abilities without a row (propose) take `null`; configure and createMeeting the configuration. */
export const meetingsPolicy = {
  /** 提出议题: any business user except an external rater. */
  propose,
  /** Propose for a unit: one's own unit, or any unit for the office. */
  proposeFor: (a: Actor, p: ProposalTarget) => propose(a, null) && (p.unitId === a.unitId || isManager(a, p)),
  /** Change the gate checklists and handler units: a handler unit's division head or director. */
  configure: (a: Actor, c: HandlerUnits) => isHandler(a, c) && isBusinessUser(a) && hasRole(a, 'division_head', 'director'),
  /** Read a topic. */
  readTopic,
  /** Edit a topic's content: the proposing unit or the office, while it is not on an agenda. */
  editTopic,
  /** Move a topic between 储存 and 调度, or place it on an agenda: the office. */
  moveTopic,
  /** Withdraw a topic (撤回): the proposing unit or the office, while it is not on an agenda. */
  withdrawTopic: editTopic,
  /** Attach files to a topic: whoever may edit it, or a concerned department (its evidence) while the topic is open. */
  attachToTopic: (a: Actor, t: TopicFacts) => editTopic(a, t) || (readTopic(a, t) && OPEN_TOPIC.includes(t.status) && t.concernedUnitIds.includes(a.unitId)),
  /**
   * Confirm a gate with evidence (or, for 会前协商一致, record a department's dissent): the office for
   * every gate; a concerned department's own users for that department's entry.
   */
  confirmGate: (a: Actor, g: GateTarget) =>
    readTopic(a, g) &&
    OPEN_TOPIC.includes(g.status) &&
    (isManager(a, g) || (GATE_INFO[g.gate].perUnit === true && a.unitId === g.unitId && g.concernedUnitIds.includes(g.unitId) && isBusinessUser(a))),
  /** Create a meeting: the office. */
  createMeeting: (a: Actor, c: HandlerUnits) => isManager(a, c),
  /** Read a meeting (and its agenda, minutes, decisions). */
  readMeeting,
  /** Organise a meeting (agenda, attendees, materials, notices, minutes): the office. */
  manageMeeting,
  /** Change the agenda: the office, before the meeting is held. */
  editAgenda,
  /** Record minutes and decisions (纪要, 议定事项): the office, once held and until finalised. */
  recordMinutes,
  /** Turn decisions into supervision items (会后督办): the office, once held. */
  supervise,
  /** Read a decision (议定事项) of a readable meeting: by its own 密级. */
  readDecision: (a: Actor, d: { level: number }) => d.level <= a.clearance,
  /** Read a material: an actor who may read the meeting and holds the material's 密级. */
  readMaterial,
  /** Upload a material's file: the office, while the meeting is not closed. */
  attachToMaterial: (a: Actor, m: MaterialFacts) => readMaterial(a, m) && manageMeeting(a, m) && !CLOSED_MEETING.includes(m.status),
  /** Sign in (签到): an expected attendee, once notified and until the meeting is over. */
  signIn,
  /** Sign a user in: oneself, or anyone for the office. */
  signInFor: (a: Actor, s: SignInTarget) => s.userId === a.id || manageMeeting(a, s),
};

/** The buttons of a topic, in the order the web lists them (`actions` of a topic's view). */
export const topicActions = {
  edit: editTopic,
  prepare: (a: Actor, t: TopicFacts) => moveTopic(a, t) && t.status === 'stored',
  store: (a: Actor, t: TopicFacts) => moveTopic(a, t) && t.status === 'preparing',
  schedule: (a: Actor, t: TopicFacts) => moveTopic(a, t) && t.status === 'preparing',
  withdraw: editTopic,
};

/** A meeting as its page presents it: the actor's attendance, and whether supervision is running. */
export type MeetingPage = AttendanceFacts & { supervisionAvailable: boolean };

/** The buttons of a meeting, in the order the web lists them (`actions` of a meeting's view). */
export const meetingActions = {
  edit: editAgenda,
  agenda: editAgenda,
  notify: editAgenda,
  hold: editAgenda,
  cancel: editAgenda,
  materials: (a: Actor, m: MeetingPage) => manageMeeting(a, m) && !CLOSED_MEETING.includes(m.status),
  minutes: recordMinutes,
  finalize: recordMinutes,
  supervise: (a: Actor, m: MeetingPage) => supervise(a, m) && m.supervisionAvailable,
  signIn: (a: Actor, m: MeetingPage) => signIn(a, m) && !m.attendee?.signed_in_at,
  minutesDocx: (_a: Actor, m: MeetingPage) => m.status === 'held' || m.status === 'minuted',
};
