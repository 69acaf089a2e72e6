/** The duty desk's policy as a table: actor × row × ability → allowed (no database). */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../common/enums.js';
import type { Actor } from '../../platform/actor.js';
import { presentActions } from '../../platform/authz.js';
import { dutyPolicy, entryActions, type Desk, type EntryFacts, type HandoverFacts, type ShiftFacts } from './duty.policy.js';

const OFFICE = 3;
const SECRETARIAT = 4;
const DUTY = 5;
const SUPERVISION = 6;
const NDRC = 10;
const EDUCATION = 11;

function actor(id: number, unitId: number, roles: Role[], clearance: 0 | 1 = 1, adminRole: Actor['adminRole'] = null): Actor {
  return { id, username: `u${id}`, name: `u${id}`, unitId, unitName: '', unitCode: null, roles, clearance, adminRole, ip: null, locale: 'zh-CN' };
}

const DESK: Desk = { dutyUnitIds: [DUTY, SECRETARIAT], officeUnitIds: [OFFICE, SECRETARIAT, DUTY, SUPERVISION], officeUnitId: OFFICE };
const shift = (over: Partial<ShiftFacts> = {}): ShiftFacts => ({ ...DESK, leaderId: 1, staffId: 20, status: 'scheduled', ...over });
const entry = (over: Partial<EntryFacts> = {}): EntryFacts => ({
  ...DESK,
  level: 0,
  kind: 'routine',
  status: 'open',
  ownerId: 20,
  leaderId: 1,
  registeredBy: 20,
  targetUnitId: null,
  reported: false,
  ...over,
});
const handover = (over: Partial<HandoverFacts> = {}): HandoverFacts => ({ ...DESK, status: 'signed', incoming: { leaderId: 2, staffId: 21 }, ...over });

const leader = actor(1, 1, ['leader']);
const deskStaff = actor(20, DUTY, ['staff'], 0);
const deskStaff2 = actor(21, SECRETARIAT, ['staff']);
const deskHead = actor(22, SECRETARIAT, ['division_head']);
const director = actor(23, OFFICE, ['director']);
const officeStaff = actor(30, SUPERVISION, ['staff']);
const liaison = actor(40, NDRC, ['liaison']);
const otherLiaison = actor(41, EDUCATION, ['liaison']);
const auditor = actor(50, OFFICE, [], 1, 'auditor');

describe('duty policy', () => {
  const table: [string, boolean][] = [
    ['readRoster office staff', dutyPolicy.readRoster(officeStaff, DESK)],
    ['readRoster leader', dutyPolicy.readRoster(leader, DESK)],
    ['readRoster liaison', dutyPolicy.readRoster(liaison, DESK)],
    ['readRoster auditor', dutyPolicy.readRoster(auditor, DESK)],
    ['manageRoster desk head', dutyPolicy.manageRoster(deskHead, DESK)],
    ['manageRoster office director', dutyPolicy.manageRoster(director, DESK)],
    ['manageRoster desk staff', dutyPolicy.manageRoster(deskStaff, DESK)],
    ['requestSwap own shift', dutyPolicy.requestSwap(deskStaff, shift())],
    ['requestSwap own shift handed over', dutyPolicy.requestSwap(deskStaff, shift({ status: 'handed_over' }))],
    ['requestSwap someone else’s shift', dutyPolicy.requestSwap(deskStaff2, shift())],
    ['requestSwap manager', dutyPolicy.requestSwap(deskHead, shift())],
    ['decideSwap manager pending', dutyPolicy.decideSwap(deskHead, { ...DESK, status: 'pending' })],
    ['decideSwap manager approved', dutyPolicy.decideSwap(deskHead, { ...DESK, status: 'approved' })],
    ['decideSwap staff', dutyPolicy.decideSwap(deskStaff, { ...DESK, status: 'pending' })],
    ['register desk staff', dutyPolicy.register(deskStaff, DESK)],
    ['register office staff', dutyPolicy.register(officeStaff, DESK)],
    ['register liaison', dutyPolicy.register(liaison, DESK)],
    ['readEntry desk', dutyPolicy.readEntry(deskStaff2, entry())],
    ['readEntry desk below level', dutyPolicy.readEntry(deskStaff, entry({ level: 1, registeredBy: 21, ownerId: 21 }))],
    ['readEntry leader on duty', dutyPolicy.readEntry(leader, entry())],
    ['readEntry office director', dutyPolicy.readEntry(director, entry())],
    ['readEntry other office staff', dutyPolicy.readEntry(officeStaff, entry())],
    ['readEntry liaison of target unit', dutyPolicy.readEntry(liaison, entry({ targetUnitId: NDRC, status: 'transferred' }))],
    ['readEntry liaison of another unit', dutyPolicy.readEntry(otherLiaison, entry({ targetUnitId: NDRC, status: 'transferred' }))],
    ['handle desk open', dutyPolicy.handle(deskStaff2, entry())],
    ['handle desk handled', dutyPolicy.handle(deskStaff2, entry({ status: 'handled' }))],
    ['handle liaison of target', dutyPolicy.handle(liaison, entry({ targetUnitId: NDRC }))],
    ['instruct leader awaiting', dutyPolicy.instruct(leader, entry({ status: 'awaiting_instruction' }))],
    ['instruct leader open', dutyPolicy.instruct(leader, entry())],
    ['instruct desk staff', dutyPolicy.instruct(deskStaff2, entry({ status: 'awaiting_instruction' }))],
    ['report emergency', dutyPolicy.report(deskStaff2, entry({ kind: 'emergency' }))],
    ['report emergency twice', dutyPolicy.report(deskStaff2, entry({ kind: 'emergency', reported: true }))],
    ['report routine', dutyPolicy.report(deskStaff2, entry())],
    ['signHandover on shift', dutyPolicy.signHandover(deskStaff, shift())],
    ['signHandover not on shift', dutyPolicy.signHandover(deskStaff2, shift())],
    ['signHandover handed over', dutyPolicy.signHandover(deskHead, shift({ status: 'handed_over' }))],
    ['confirmHandover incoming', dutyPolicy.confirmHandover(deskStaff2, handover())],
    ['confirmHandover outgoing', dutyPolicy.confirmHandover(deskStaff, handover())],
    ['confirmHandover confirmed', dutyPolicy.confirmHandover(deskStaff2, handover({ status: 'confirmed' }))],
  ];
  const expected: Record<string, boolean> = {
    'readRoster office staff': true,
    'readRoster leader': true,
    'readRoster liaison': false,
    'readRoster auditor': false,
    'manageRoster desk head': true,
    'manageRoster office director': true,
    'manageRoster desk staff': false,
    'requestSwap own shift': true,
    'requestSwap own shift handed over': false,
    'requestSwap someone else’s shift': false,
    'requestSwap manager': true,
    'decideSwap manager pending': true,
    'decideSwap manager approved': false,
    'decideSwap staff': false,
    'register desk staff': true,
    'register office staff': false,
    'register liaison': false,
    'readEntry desk': true,
    'readEntry desk below level': false,
    'readEntry leader on duty': true,
    'readEntry office director': true,
    'readEntry other office staff': false,
    'readEntry liaison of target unit': true,
    'readEntry liaison of another unit': false,
    'handle desk open': true,
    'handle desk handled': false,
    'handle liaison of target': false,
    'instruct leader awaiting': true,
    'instruct leader open': false,
    'instruct desk staff': false,
    'report emergency': true,
    'report emergency twice': false,
    'report routine': false,
    'signHandover on shift': true,
    'signHandover not on shift': false,
    'signHandover handed over': false,
    'confirmHandover incoming': true,
    'confirmHandover outgoing': false,
    'confirmHandover confirmed': false,
  };
  it.each(table)('%s → as expected', (name, got) => {
    expect(got).toBe(expected[name]);
  });

  it('entry buttons follow the state', () => {
    expect(presentActions(deskStaff2, entryActions, entry())).toEqual(['onSpot', 'toUnit', 'toSupervision', 'toLeader', 'assignOwner']);
    expect(presentActions(deskStaff2, entryActions, entry({ leaderId: null, kind: 'emergency' }))).toEqual([
      'onSpot',
      'toUnit',
      'toSupervision',
      'assignOwner',
      'report',
    ]);
    expect(presentActions(leader, entryActions, entry({ status: 'awaiting_instruction' }))).toEqual(['instruct']);
    expect(presentActions(liaison, entryActions, entry({ targetUnitId: NDRC, status: 'transferred' }))).toEqual([]);
  });
});
