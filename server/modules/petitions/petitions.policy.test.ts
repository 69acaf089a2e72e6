/** The 信访 policy as a table: actor × case × ability → allowed (no database). Also the masks and the similarity. */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../common/enums.js';
import type { Actor } from '../../platform/actor.js';
import { presentActions } from '../../platform/authz.js';
import { maskAddress, maskIdNo, maskName, maskPhone, similarity } from './petitions.mask.js';
import { caseActions, officeActions, type CaseFacts } from './petitions.policy.js';

const OFFICE = 3;
const RECEPTION = 4;
const HOUSING = 10;
const ECOLOGY = 11;

function actor(id: number, unitId: number, roles: Role[], clearance: 0 | 1 = 1, adminRole: Actor['adminRole'] = null): Actor {
  return { id, username: `u${id}`, name: `u${id}`, unitId, unitName: '', unitCode: null, roles, clearance, adminRole, ip: null, locale: 'zh-CN' };
}
const UNITS = { staffUnitIds: [RECEPTION], overseerUnitIds: [OFFICE] };
const kase = (over: Partial<CaseFacts> = {}): CaseFacts => ({ ...UNITS, level: 0, status: 'transferred', unitId: HOUSING, handlerId: null, ...over });

const staff = actor(1, RECEPTION, ['staff'], 0);
const head = actor(2, RECEPTION, ['division_head']);
const director = actor(3, OFFICE, ['director']);
const officeStaff = actor(4, OFFICE, ['staff']);
const liaison = actor(5, HOUSING, ['liaison']);
const handler = actor(6, HOUSING, ['staff']);
const other = actor(7, ECOLOGY, ['liaison']);
const admin = actor(8, RECEPTION, ['sysadmin'], 1, 'sysadmin');
const rater = actor(9, RECEPTION, ['rater']);

describe('petitions policy', () => {
  const table: [string, Actor, Partial<CaseFacts>, string[]][] = [
    ['信访 staff on a registered case', staff, { status: 'registered', unitId: null }, ['read', 'seePersonal', 'transfer', 'answer', 'close']],
    ['信访 staff on a transferred case', staff, {}, ['read', 'seePersonal', 'transfer', 'close']],
    ['信访 head on a replied case', head, { status: 'replied' }, ['read', 'seePersonal', 'answer', 'close']],
    ['信访 staff on an answered case', staff, { status: 'answered' }, ['read', 'seePersonal', 'followUp', 'close']],
    ['信访 staff on a closed case', staff, { status: 'closed' }, ['read', 'seePersonal', 'followUp']],
    ['office director (overseer): reads masked', director, {}, ['read']],
    ['office staff: not an overseer', officeStaff, {}, []],
    ['unit liaison before acceptance: masked, may accept', liaison, {}, ['read', 'accept']],
    ['unit liaison, another user assigned: masked, may reply for the unit', liaison, { status: 'accepted', handlerId: 6 }, ['read', 'reply']],
    ['assigned handler sees personal data', handler, { status: 'accepted', handlerId: 6 }, ['read', 'seePersonal', 'reply']],
    ['another unit', other, {}, []],
    ['another unit, registered case', other, { status: 'registered', unitId: null }, []],
    ['三员 see nothing', admin, {}, []],
    ['a rater of the 信访 unit is not staff', rater, {}, []],
    ['classified above the clearance', staff, { level: 1 }, []],
  ];
  for (const [name, a, over, expected] of table) {
    it(name, () => expect(presentActions(a, caseActions, kase(over))).toEqual(expected));
  }

  it('registers and configures: 信访 staff only, configuring needs a head', () => {
    expect([staff, head, director, liaison, admin].map((a) => officeActions.register(a, UNITS))).toEqual([true, true, false, false, false]);
    expect([staff, head, director, officeStaff, liaison].map((a) => officeActions.configure(a, UNITS))).toEqual([false, true, true, false, false]);
  });
});

describe('petitions masks', () => {
  it('masks names, phones, ID numbers and addresses', () => {
    expect(maskName('张建国')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskPhone('13805361234')).toBe('138****1234');
    expect(maskIdNo('370702196805121234')).toBe('370702********1234');
    expect(maskAddress('青州市青山区幸福路8号3单元')).toBe('青州市青山区****');
    expect(maskPhone(null)).toBeNull();
  });
  it('similarity of subjects', () => {
    expect(similarity('幸福路小区加装电梯补贴迟迟未发放', '幸福路小区加装电梯补贴仍未发放')).toBeGreaterThan(0.6);
    expect(similarity('幸福路小区加装电梯补贴迟迟未发放', '化工园区异味问题')).toBeLessThan(0.2);
  });
});
