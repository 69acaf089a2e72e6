import { describe, expect, it } from 'vitest';
import type { Role } from '../../../common/enums.js';
import type { Actor } from '../../platform/actor.js';
import { presentActions } from '../../platform/authz.js';
import { meetingActions, meetingsPolicy, topicActions, type MeetingFacts, type TopicFacts } from './meetings.policy.js';

const OFFICE = 3;
const NDRC = 10;
const FINANCE = 11;
const OTHER = 12;

function actor(id: number, unitId: number, roles: Role[], clearance: 0 | 1 = 1, adminRole: Actor['adminRole'] = null): Actor {
  return { id, username: `u${id}`, name: `u${id}`, unitId, unitName: '', unitCode: null, roles, clearance, adminRole, ip: null, locale: 'zh-CN' };
}

const HANDLERS = { handlerUnitIds: [OFFICE] };
const topic = (over: Partial<TopicFacts> = {}): TopicFacts => ({
  ...HANDLERS,
  level: 1,
  status: 'preparing',
  proposingUnitId: NDRC,
  leaderId: 2,
  proposedBy: 20,
  concernedUnitIds: [FINANCE],
  meetingUserIds: [],
  ...over,
});
const meeting = (over: Partial<MeetingFacts> = {}): MeetingFacts => ({
  ...HANDLERS,
  level: 1,
  status: 'notified',
  chairId: 2,
  createdBy: 30,
  attendeeIds: [40, 41],
  ...over,
});

const officeStaff = actor(30, OFFICE, ['staff']);
const officeHead = actor(31, OFFICE, ['division_head']);
const proposer = actor(20, NDRC, ['liaison']);
const ndrcLow = actor(21, NDRC, ['liaison'], 0);
const financeLiaison = actor(22, FINANCE, ['liaison']);
const stranger = actor(23, OTHER, ['liaison']);
const leader = actor(2, 1, ['leader']);
const attendee = actor(40, OTHER, ['staff']);
const attendeeLow = actor(41, OTHER, ['staff'], 0);
const sysadmin = actor(50, OFFICE, ['sysadmin'], 1, 'sysadmin');
const rater = actor(51, OFFICE, ['rater']);

describe('meetingsPolicy: topics (roles × units × levels)', () => {
  it.each([
    ['office staff (会务处室)', officeStaff, true],
    ['proposing unit', proposer, true],
    ['proposing unit, clearance too low', ndrcLow, false],
    ['concerned department', financeLiaison, true],
    ['unrelated unit', stranger, false],
    ['分管领导', leader, true],
    ['sysadmin (三员)', sysadmin, false],
  ])('readTopic: %s → %s', (_n, a, expected) => {
    expect(meetingsPolicy.readTopic(a, topic())).toBe(expected);
  });

  it('attendees of the meeting a topic is on may read it (by level)', () => {
    expect(meetingsPolicy.readTopic(attendee, topic({ meetingUserIds: [40, 41] }))).toBe(true);
    expect(meetingsPolicy.readTopic(attendeeLow, topic({ meetingUserIds: [40, 41] }))).toBe(false);
    expect(meetingsPolicy.readTopic(attendeeLow, topic({ meetingUserIds: [40, 41], level: 0 }))).toBe(true);
  });

  it.each([
    ['stored', officeStaff, true, true],
    ['stored', proposer, true, false],
    ['preparing', proposer, true, false],
    ['scheduled', proposer, false, false],
    ['scheduled', officeStaff, false, true],
    ['preparing', financeLiaison, false, false],
    ['preparing', stranger, false, false],
  ] as const)('state %s, %o: edit=%s move=%s', (status, a, edit, move) => {
    expect(meetingsPolicy.editTopic(a, topic({ status }))).toBe(edit);
    expect(meetingsPolicy.moveTopic(a, topic({ status }))).toBe(move);
  });

  it.each([
    ['office confirms any gate', officeStaff, 'legal_review', 0, true],
    ['office records consensus for a department', officeStaff, 'consensus', FINANCE, true],
    ['department confirms its own consensus', financeLiaison, 'consensus', FINANCE, true],
    ['department cannot confirm another gate', financeLiaison, 'legal_review', 0, false],
    ['department cannot speak for another', financeLiaison, 'consensus', NDRC, false],
    ['proposer cannot confirm gates', proposer, 'situation_clear', 0, false],
    ['stranger', stranger, 'consensus', OTHER, false],
  ] as const)('confirmGate: %s', (_n, a, gate, unit, expected) => {
    expect(meetingsPolicy.confirmGate(a, { ...topic(), gate, unitId: unit })).toBe(expected);
  });

  it('gates are frozen once the topic is on an agenda', () => {
    expect(meetingsPolicy.confirmGate(officeStaff, { ...topic({ status: 'scheduled' }), gate: 'legal_review', unitId: 0 })).toBe(false);
  });

  it('propose: business users except raters and 三员', () => {
    expect([proposer, officeStaff, leader, rater, sysadmin].map((a) => meetingsPolicy.propose(a, null))).toEqual([true, true, true, false, false]);
  });
});

describe('meetingsPolicy: meetings and materials', () => {
  it.each([
    ['office', officeStaff, true],
    ['chair', leader, true],
    ['attendee', attendee, true],
    ['attendee with clearance 0', attendeeLow, false],
    ['proposer of a topic on it', proposer, false],
    ['stranger', stranger, false],
  ])('readMeeting: %s → %s', (_n, a, expected) => {
    expect(meetingsPolicy.readMeeting(a, meeting())).toBe(expected);
  });

  it.each([
    ['attendee, internal material', attendee, 1, true],
    ['attendee clearance 0, public meeting, internal material', attendeeLow, 1, false],
    ['attendee clearance 0, public meeting, public material', attendeeLow, 0, true],
    ['non-attendee', stranger, 0, false],
  ] as const)('readMaterial: %s', (_n, a, level, expected) => {
    expect(meetingsPolicy.readMaterial(a, { ...meeting({ level: 0 }), material: { level } })).toBe(expected);
  });

  it.each([
    ['planned', true, false, false],
    ['notified', true, false, true],
    ['held', false, true, true],
    ['minuted', false, false, false],
  ] as const)('state %s: agenda=%s minutes=%s signIn=%s', (status, agenda, minutes, signIn) => {
    expect(meetingsPolicy.editAgenda(officeStaff, meeting({ status }))).toBe(agenda);
    expect(meetingsPolicy.recordMinutes(officeStaff, meeting({ status }))).toBe(minutes);
    expect(meetingsPolicy.signIn(attendee, { ...meeting({ status }), attendee: { attendance: 'expected' } })).toBe(signIn);
  });

  it('an excused attendee cannot sign in; office head may configure, staff may not', () => {
    expect(meetingsPolicy.signIn(attendee, { ...meeting(), attendee: { attendance: 'excused' } })).toBe(false);
    expect(meetingsPolicy.configure(officeHead, HANDLERS)).toBe(true);
    expect(meetingsPolicy.configure(officeStaff, HANDLERS)).toBe(false);
  });
});

describe('meetingsPolicy: abilities beyond read and edit', () => {
  it.each([
    ['own unit', proposer, NDRC, true],
    ['another unit', proposer, FINANCE, false],
    ['the office for any unit', officeStaff, NDRC, true],
    ['a rater, own unit', rater, OFFICE, false],
  ] as const)('proposeFor: %s', (_n, a, unitId, expected) => {
    expect(meetingsPolicy.proposeFor(a, { ...HANDLERS, unitId })).toBe(expected);
  });

  it('the handler units come from the configuration: another office is no 会务处室', () => {
    expect(meetingsPolicy.createMeeting(officeStaff, HANDLERS)).toBe(true);
    expect(meetingsPolicy.createMeeting(officeStaff, { handlerUnitIds: [OTHER] })).toBe(false);
    expect(meetingsPolicy.createMeeting(proposer, HANDLERS)).toBe(false);
    expect(meetingsPolicy.moveTopic(officeStaff, topic({ handlerUnitIds: [OTHER] }))).toBe(false);
  });

  it.each([
    ['proposer while open', proposer, 'preparing', true],
    ['concerned department while open (evidence)', financeLiaison, 'preparing', true],
    ['concerned department once scheduled', financeLiaison, 'scheduled', false],
    ['stranger', stranger, 'stored', false],
  ] as const)('attachToTopic: %s', (_n, a, status, expected) => {
    expect(meetingsPolicy.attachToTopic(a, topic({ status }))).toBe(expected);
  });

  it.each([
    ['office, open meeting', officeStaff, 'held', true],
    ['office, minutes issued', officeStaff, 'minuted', false],
    ['attendee', attendee, 'held', false],
  ] as const)('attachToMaterial: %s', (_n, a, status, expected) => {
    expect(meetingsPolicy.attachToMaterial(a, { ...meeting({ status }), material: { level: 0 } })).toBe(expected);
  });

  it.each([
    ['oneself', attendee, 40, true],
    ['someone else', attendee, 41, false],
    ['the office signs anyone in', officeStaff, 41, true],
  ] as const)('signInFor: %s', (_n, a, userId, expected) => {
    expect(meetingsPolicy.signInFor(a, { ...meeting(), userId })).toBe(expected);
  });

  it("readDecision: by the decision's own 密级", () => {
    expect(meetingsPolicy.readDecision(attendeeLow, { level: 1 })).toBe(false);
    expect(meetingsPolicy.readDecision(attendeeLow, { level: 0 })).toBe(true);
  });
});

describe('buttons (presentActions)', () => {
  it.each([
    ['proposer, stored', proposer, 'stored', ['edit', 'withdraw']],
    ['office, stored', officeStaff, 'stored', ['edit', 'prepare', 'withdraw']],
    ['office, preparing', officeStaff, 'preparing', ['edit', 'store', 'schedule', 'withdraw']],
    ['office, scheduled', officeStaff, 'scheduled', []],
    ['concerned department', financeLiaison, 'preparing', []],
  ] as const)('topic: %s', (_n, a, status, expected) => {
    expect(presentActions(a, topicActions, topic({ status }))).toEqual(expected);
  });

  const page = (status: string, over: Partial<Parameters<typeof meetingActions.signIn>[1]> = {}) => ({
    ...meeting({ status }),
    attendee: undefined,
    supervisionAvailable: true,
    ...over,
  });
  it.each([
    ['office, planned', officeStaff, page('planned'), ['edit', 'agenda', 'notify', 'hold', 'cancel', 'materials']],
    ['office, held', officeStaff, page('held'), ['materials', 'minutes', 'finalize', 'supervise', 'minutesDocx']],
    ['office, held, no supervision module', officeStaff, page('held', { supervisionAvailable: false }), ['materials', 'minutes', 'finalize', 'minutesDocx']],
    ['office, minuted', officeStaff, page('minuted'), ['supervise', 'minutesDocx']],
    ['attendee, notified, not signed in', attendee, page('notified', { attendee: { attendance: 'expected' } }), ['signIn']],
    ['attendee, held, signed in', attendee, page('held', { attendee: { attendance: 'expected', signed_in_at: '2026-12-01T01:00:00.000Z' } }), ['minutesDocx']],
  ] as const)('meeting: %s', (_n, a, row, expected) => {
    expect(presentActions(a, meetingActions, row)).toEqual(expected);
  });
});
