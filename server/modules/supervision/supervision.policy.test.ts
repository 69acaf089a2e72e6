import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { presentActions } from '../../platform/authz.js';
import {
  itemActions,
  itemPolicy,
  reportPolicy,
  SUPERVISION_OFFICE_CODE,
  supervisionPolicy,
  taskActions,
  taskPolicy,
  type ApprovalLevels,
  type ItemInContext,
  type TaskAbility,
  type TaskInContext,
} from './supervision.policy.js';

const OFFICE = 10;
const LEAD = 20;
const CO = 30;
const OTHER = 40;

function actor(id: number, unitId: number, roles: Actor['roles'], clearance: 0 | 1 | 2 | 3 = 1, adminRole: Actor['adminRole'] = null): Actor {
  const unitCode = unitId === OFFICE ? SUPERVISION_OFFICE_CODE : `u${unitId}`;
  return { id, username: `u${id}`, name: `u${id}`, unitId, unitName: '', unitCode, roles, clearance, adminRole, ip: null, locale: 'zh-CN' };
}

type ItemSeen = ItemInContext & { approval?: ApprovalLevels };
const HEAD: ApprovalLevels = { extension: 'division_head', accept: 'division_head', close: 'division_head' };
const STAFF: ApprovalLevels = { extension: 'staff', accept: 'staff', close: 'staff' };
const LEADER: ApprovalLevels = { extension: 'leader', accept: 'leader', close: 'leader' };

function item(over: Partial<ItemSeen> = {}): ItemSeen {
  return {
    id: 1,
    status: 'registered',
    version: 1,
    level: 1,
    owner_unit_id: OFFICE,
    lead_unit_id: LEAD,
    responsible_leader_id: 5,
    responsible_user_id: 2,
    instructed_by_id: null,
    created_by: 2,
    taskUnitIds: [LEAD, CO],
    shared: false,
    ...over,
  };
}

function task(over: Partial<TaskInContext> = {}): TaskInContext {
  return {
    id: 7,
    item_id: 1,
    status: 'in_progress',
    version: 1,
    level: 1,
    unit_id: LEAD,
    owner_unit_id: OFFICE,
    lead_unit_id: LEAD,
    leader_id: 5,
    responsible_user_id: 3,
    deadline: '2026-06-30',
    shared: false,
    today: '2026-06-01',
    extensionApprover: 'office',
    approval: HEAD,
    pendingExtension: false,
    ...over,
  };
}

const officeStaff = actor(1, OFFICE, ['staff']);
const officeHead = actor(2, OFFICE, ['division_head']);
const liaison = actor(3, LEAD, ['liaison']);
const coLiaison = actor(4, CO, ['liaison']);
const leader = actor(5, OTHER, ['leader']);
const stranger = actor(6, OTHER, ['staff']);
const lowClearance = actor(8, LEAD, ['liaison'], 0);
const sysadmin = actor(9, OFFICE, ['sysadmin'], 3, 'sysadmin');
const leadDirector = actor(11, LEAD, ['director']);
const instructing = actor(12, OTHER, ['leader']);

describe('supervision policy: abilities without a row', () => {
  it.each([
    ['督查室 staff', officeStaff, ['register', 'workOnUnitTasks']],
    ['督查室 division head', officeHead, ['register', 'workOnUnitTasks', 'manageSettings']],
    ['a liaison', liaison, ['workOnUnitTasks']],
    ['a director of another unit', leadDirector, []],
    ['a leader', leader, []],
    ['sysadmin (三员)', sysadmin, []],
  ] as const)('%s', (_n, a, expected) => {
    expect(presentActions(a, supervisionPolicy, null)).toEqual(Object.keys(supervisionPolicy).filter((k) => (expected as readonly string[]).includes(k)));
  });
});

describe('supervision policy: items (actor × item → abilities held)', () => {
  const rows: [string, Actor, ItemSeen, string[]][] = [
    ['督查室 staff, registered', officeStaff, item(), ['read', 'manage', 'instructionReport', 'attach']],
    ['督查室 staff, 销号 by staff configured', officeStaff, item({ approval: STAFF }), ['read', 'manage', 'close', 'instructionReport', 'attach']],
    ['督查室 head (处长 approves by default)', officeHead, item(), ['read', 'manage', 'close', 'instructionReport', 'attach']],
    [
      '督查室 head, 销号 by the instructing leader',
      officeHead,
      item({ approval: LEADER, instructed_by_id: 12 }),
      ['read', 'manage', 'instructionReport', 'attach'],
    ],
    ['the instructing leader, 销号 by the leader', instructing, item({ approval: LEADER, instructed_by_id: 12 }), ['read', 'close', 'instructionReport']],
    ['the responsible leader, another instructed', leader, item({ approval: LEADER, instructed_by_id: 12 }), ['read']],
    ['the office director (办公厅主任)', leadDirector, item({ approval: LEADER, instructed_by_id: 12 }), ['read', 'close', 'instructionReport']],
    ['督查室 staff, closed', officeStaff, item({ status: 'closed' }), ['read', 'manage', 'instructionReport']],
    ['督查室 staff, item above clearance', officeStaff, item({ level: 2 }), []],
    ['lead-unit liaison', liaison, item(), ['read']],
    ['co-unit liaison (holds a task)', coLiaison, item(), ['read']],
    ['co-unit liaison, no task yet', coLiaison, item({ taskUnitIds: [] }), []],
    ['responsible leader', leader, item(), ['read']],
    ['stranger', stranger, item(), []],
    ['stranger with a share grant', stranger, item({ shared: true }), ['read']],
    ['lead unit below the level', lowClearance, item(), []],
    ['sysadmin (三员) of the office unit', sysadmin, item(), []],
  ];
  it.each(rows)('%s', (_n, a, i, expected) => {
    expect(presentActions(a, itemPolicy, i)).toEqual(expected);
  });
  it('the table exercises every item ability both ways', () => {
    for (const k of Object.keys(itemPolicy) as (keyof typeof itemPolicy)[]) {
      const held = rows.map(([, a, i]) => itemPolicy[k](a, i));
      expect(held, k).toContain(true);
      expect(held, k).toContain(false);
    }
  });
  it('buttons: split and issue while registered, close once concluded, only for the configured approver', () => {
    expect(presentActions(officeStaff, itemActions, item())).toEqual(['split', 'issue', 'edit', 'withdraw', 'recommend']);
    expect(presentActions(officeStaff, itemActions, item({ status: 'issued' }))).toEqual(['edit', 'withdraw', 'add_task', 'recommend', 'coordinate']);
    expect(presentActions(officeStaff, itemActions, item({ status: 'concluded' }))).toEqual(['recommend']);
    expect(presentActions(officeStaff, itemActions, item({ status: 'withdrawn' }))).toEqual([]);
    expect(presentActions(officeHead, itemActions, item({ status: 'concluded' }))).toEqual(['close', 'recommend']);
    // the 批示件办理情况报告: an item with a 批示, for the instructing leader, 督查室 and the office director
    const instructed = { ...item({ status: 'issued', instructed_by_id: 12 }), instruction_text: '请抓紧' };
    expect(presentActions(instructing, itemActions, instructed)).toEqual(['instruction_report']);
    expect(presentActions(leadDirector, itemActions, instructed)).toEqual(['instruction_report']);
    expect(presentActions(leader, itemActions, instructed)).toEqual([]);
    expect(presentActions(liaison, itemActions, instructed)).toEqual([]);
    expect(presentActions(instructing, itemActions, item({ status: 'concluded', approval: LEADER, instructed_by_id: 12 }))).toEqual(['close']);
    expect(presentActions(liaison, itemActions, item({ status: 'concluded' }))).toEqual([]);
  });
});

describe('supervision policy: tasks (actor × task → abilities held)', () => {
  const rows: [string, Actor, TaskInContext, TaskAbility[]][] = [
    ['lead-unit liaison, in progress', liaison, task(), ['read', 'readReports', 'report', 'requestExtension']],
    ['lead-unit liaison, past the limit', liaison, task({ today: '2026-07-01' }), ['read', 'readReports', 'report']],
    ['lead-unit liaison, submitted', liaison, task({ status: 'submitted' }), ['read', 'readReports']],
    ['lead-unit liaison, returned', liaison, task({ status: 'returned' }), ['read', 'readReports', 'report', 'requestExtension']],
    ['a director (办公厅主任: reads and approves at 处长 level)', leadDirector, task(), ['read', 'readReports', 'accept', 'decideExtension']],
    ['co-unit liaison on the lead task', coLiaison, task(), []],
    ['co-unit liaison on its own task', coLiaison, task({ unit_id: CO }), ['read', 'readReports', 'report', 'requestExtension']],
    ['督查室 staff, in progress', officeStaff, task(), ['read', 'readReports', 'manage', 'cancel', 'remind']],
    ['督查室 staff, the unit reported', officeStaff, task({ reported: true }), ['read', 'readReports', 'manage', 'remind']],
    ['督查室 staff, staff approve', officeStaff, task({ approval: STAFF }), ['read', 'readReports', 'manage', 'cancel', 'accept', 'remind', 'decideExtension']],
    ['督查室 staff, submitted', officeStaff, task({ status: 'submitted' }), ['read', 'readReports', 'manage', 'review', 'remind']],
    ['督查室 staff, accepted', officeStaff, task({ status: 'accepted' }), ['read', 'readReports', 'manage']],
    ['督查室 head, in progress', officeHead, task(), ['read', 'readReports', 'manage', 'cancel', 'accept', 'remind', 'decideExtension']],
    ['督查室 head, the leader approves', officeHead, task({ approval: LEADER, instructed_by_id: 12 }), ['read', 'readReports', 'manage', 'cancel', 'remind']],
    [
      'the instructing leader, the leader approves',
      instructing,
      task({ approval: LEADER, instructed_by_id: 12, shared: true }),
      ['read', 'readReports', 'accept', 'decideExtension'],
    ],
    ['responsible leader, office decides', leader, task(), ['read', 'readReports']],
    ['responsible leader, leader may decide', leader, task({ extensionApprover: 'office_or_leader' }), ['read', 'readReports', 'decideExtension']],
    ['stranger', stranger, task(), []],
    ['stranger with a share grant', stranger, task({ shared: true }), ['read', 'readReports']],
    ['lead unit below the level', lowClearance, task(), []],
    ['sysadmin (三员)', sysadmin, task(), []],
  ];
  it.each(rows)('%s', (_n, a, t, expected) => {
    expect(presentActions(a, taskPolicy, t)).toEqual((Object.keys(taskPolicy) as TaskAbility[]).filter((k) => expected.includes(k)));
  });
  it('the table exercises every task ability both ways', () => {
    for (const k of Object.keys(taskPolicy) as TaskAbility[]) {
      const held = rows.map(([, a, t]) => taskPolicy[k](a, t));
      expect(held, k).toContain(true);
      expect(held, k).toContain(false);
    }
  });
  it('buttons: the names the web knows, in its order; a pending request hides 申请延期 and shows the decision', () => {
    expect(presentActions(liaison, taskActions, task())).toEqual(['report', 'request_close', 'request_extension']);
    expect(presentActions(liaison, taskActions, task({ pendingExtension: true }))).toEqual(['report', 'request_close']);
    expect(presentActions(officeStaff, taskActions, task({ status: 'submitted' }))).toEqual(['return', 'remind']);
    expect(presentActions(officeHead, taskActions, task({ status: 'submitted' }))).toEqual(['accept', 'return', 'remind']);
    expect(presentActions(officeStaff, taskActions, task({ pendingExtension: true }))).toEqual(['remind', 'add_stage']);
    expect(presentActions(officeHead, taskActions, task({ pendingExtension: true }))).toEqual(['remind', 'decide_extension', 'add_stage']);
    // 节点 and 调整分工: the unit completes an open stage; 督查室 withdraws a co-unit's task nobody reported on
    expect(presentActions(liaison, taskActions, task({ openStages: 1 }))).toEqual(['report', 'request_close', 'request_extension', 'complete_stage']);
    expect(presentActions(liaison, taskActions, task({ openStages: 1, status: 'submitted' }))).toEqual([]);
    expect(presentActions(officeStaff, taskActions, task({ unit_id: CO }))).toEqual(['remind', 'add_stage', 'cancel']);
    expect(presentActions(officeStaff, taskActions, task({ unit_id: CO, reported: true }))).toEqual(['remind', 'add_stage']);
    expect(presentActions(coLiaison, taskActions, task({ unit_id: CO }))).toEqual(['report', 'request_close', 'request_extension']);
    expect(presentActions(instructing, taskActions, task({ pendingExtension: true, approval: LEADER, instructed_by_id: 12 }))).toEqual(['decide_extension']);
    expect(presentActions(leader, taskActions, task({ pendingExtension: true, extensionApprover: 'office_or_leader' }))).toEqual(['decide_extension']);
    expect(presentActions(stranger, taskActions, task({ shared: true, pendingExtension: true }))).toEqual([]);
  });
});

describe('supervision policy: reports', () => {
  it.each([
    ['the submitter, not yet reviewed', liaison, { submitted_by: liaison.id, review_status: 'pending' }, true],
    ['the submitter, a progress report', liaison, { submitted_by: liaison.id, review_status: 'none' }, true],
    ['the submitter, after acceptance', liaison, { submitted_by: liaison.id, review_status: 'accepted' }, false],
    ['the submitter, after return', liaison, { submitted_by: liaison.id, review_status: 'returned' }, false],
    ['督查室, not the submitter', officeStaff, { submitted_by: liaison.id, review_status: 'pending' }, false],
    ['the submitter, no longer cleared', lowClearance, { submitted_by: lowClearance.id, review_status: 'pending' }, false],
  ] as const)('attach: %s → %s', (_n, a, r, expected) => {
    expect(reportPolicy.attach(a, { ...r, task: task() })).toBe(expected);
  });
});
