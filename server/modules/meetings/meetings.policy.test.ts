import { describe, expect, it } from 'vitest';
import type { Role } from '../../../common/enums.js';
import type { Actor } from '../../platform/actor.js';
import { meetingsPolicy, type MeetingFacts, type TopicFacts } from './meetings.policy.js';

const OFFICE = 3;
const NDRC = 10;
const FINANCE = 11;
const OTHER = 12;

function actor(id: number, unitId: number, roles: Role[], clearance: 0 | 1 = 1, adminRole: Actor['adminRole'] = null): Actor {
  return { id, username: `u${id}`, name: `u${id}`, unitId, unitName: '', unitCode: null, roles, clearance, adminRole, ip: null, locale: 'zh-CN' };
}

const who = (a: Actor) => ({ actor: a, handler: a.unitId === OFFICE });
const topic = (over: Partial<TopicFacts> = {}): TopicFacts => ({
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
    expect(meetingsPolicy.readTopic(who(a), topic())).toBe(expected);
  });

  it('attendees of the meeting a topic is on may read it (by level)', () => {
    expect(meetingsPolicy.readTopic(who(attendee), topic({ meetingUserIds: [40, 41] }))).toBe(true);
    expect(meetingsPolicy.readTopic(who(attendeeLow), topic({ meetingUserIds: [40, 41] }))).toBe(false);
    expect(meetingsPolicy.readTopic(who(attendeeLow), topic({ meetingUserIds: [40, 41], level: 0 }))).toBe(true);
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
    expect(meetingsPolicy.editTopic(who(a), topic({ status }))).toBe(edit);
    expect(meetingsPolicy.moveTopic(who(a), topic({ status }))).toBe(move);
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
    expect(meetingsPolicy.confirmGate(who(a), topic(), gate, unit)).toBe(expected);
  });

  it('gates are frozen once the topic is on an agenda', () => {
    expect(meetingsPolicy.confirmGate(who(officeStaff), topic({ status: 'scheduled' }), 'legal_review', 0)).toBe(false);
  });

  it('propose: business users except raters and 三员', () => {
    expect([proposer, officeStaff, leader, rater, sysadmin].map((a) => meetingsPolicy.propose(who(a)))).toEqual([true, true, true, false, false]);
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
    expect(meetingsPolicy.readMeeting(who(a), meeting())).toBe(expected);
  });

  it.each([
    ['attendee, internal material', attendee, 1, true],
    ['attendee clearance 0, public meeting, internal material', attendeeLow, 1, false],
    ['attendee clearance 0, public meeting, public material', attendeeLow, 0, true],
    ['non-attendee', stranger, 0, false],
  ] as const)('readMaterial: %s', (_n, a, level, expected) => {
    expect(meetingsPolicy.readMaterial(who(a), meeting({ level: 0 }), { level })).toBe(expected);
  });

  it.each([
    ['planned', true, false, false],
    ['notified', true, false, true],
    ['held', false, true, true],
    ['minuted', false, false, false],
  ] as const)('state %s: agenda=%s minutes=%s signIn=%s', (status, agenda, minutes, signIn) => {
    expect(meetingsPolicy.editAgenda(who(officeStaff), meeting({ status }))).toBe(agenda);
    expect(meetingsPolicy.recordMinutes(who(officeStaff), meeting({ status }))).toBe(minutes);
    expect(meetingsPolicy.signIn(who(attendee), meeting({ status }), { attendance: 'expected' })).toBe(signIn);
  });

  it('an excused attendee cannot sign in; office head may configure, staff may not', () => {
    expect(meetingsPolicy.signIn(who(attendee), meeting(), { attendance: 'excused' })).toBe(false);
    expect(meetingsPolicy.configure(who(officeHead))).toBe(true);
    expect(meetingsPolicy.configure(who(officeStaff))).toBe(false);
  });
});
