/**
 * 督查督办 authorization: pure predicates over loaded rows. The same read rules as SQL filters live in
 * `repo/supervision.visibility.ts`. Classification (密级) and need-to-know come from the platform core.
 */
import { hasRole, isBusinessUser, type Actor } from '../../platform/actor.js';
import { canSee } from '../../platform/authz.js';

/** The unit code of 督查室, whose staff register, issue, review and close items. */
export const SUPERVISION_OFFICE_CODE = 'supervision';

/** What the policy needs of an item. */
export interface ItemRow {
  id: number;
  status: string;
  version: number;
  level: number;
  owner_unit_id: number;
  lead_unit_id: number;
  responsible_leader_id: number | null;
  responsible_user_id: number;
  instructed_by_id: number | null;
  /** Who registered it (keeps need-to-know, e.g. the meeting secretary of 会后督办). */
  created_by: number;
}

/** What the policy needs of a task. */
export interface TaskRow {
  id: number;
  item_id: number;
  status: string;
  version: number;
  level: number;
  unit_id: number;
  owner_unit_id: number;
  lead_unit_id: number;
  leader_id: number | null;
  responsible_user_id: number;
  deadline: string;
}

/** Settings that change who may do what. */
export interface PolicySettings {
  /** Who decides 延期申请: 督查室 only, or also the item's responsible leader. */
  extensionApprover: 'office' | 'office_or_leader';
}

const OFFICE_ROLES = ['staff', 'division_head', 'director'] as const;
const UNIT_ROLES = ['liaison', 'staff', 'division_head'] as const;

/** 督查室 staff: may register items (立项). */
export function isSupervisionOffice(a: Actor): boolean {
  return isBusinessUser(a) && a.unitCode === SUPERVISION_OFFICE_CODE && hasRole(a, ...OFFICE_ROLES);
}

/** The pure predicates. Every write also requires `readItem`/`readTask` (checked by the service first). */
export const supervisionPolicy = {
  /** 密级 + need-to-know of an item, given the units holding its tasks and whether it is shared. */
  readItem: (a: Actor, i: ItemRow, taskUnitIds: readonly number[], shared = false) =>
    canSee(a, {
      level: i.level,
      unitIds: [i.owner_unit_id, i.lead_unit_id, ...taskUnitIds],
      userIds: [
        i.responsible_user_id,
        i.created_by,
        ...(i.responsible_leader_id ? [i.responsible_leader_id] : []),
        ...(i.instructed_by_id ? [i.instructed_by_id] : []),
      ],
      shared,
    }),
  /** 密级 + need-to-know of a task: its unit, 督查室, the lead unit, the responsible person and leader. */
  readTask: (a: Actor, t: TaskRow, shared = false) =>
    canSee(a, {
      level: t.level,
      unitIds: [t.unit_id, t.owner_unit_id, t.lead_unit_id],
      userIds: [t.responsible_user_id, ...(t.leader_id ? [t.leader_id] : [])],
      shared,
    }),
  /** Reports of a task: its own unit, 督查室 and the responsible leader — not the other units (unless shared). */
  readReports: (a: Actor, t: TaskRow, shared = false) =>
    canSee(a, { level: t.level, unitIds: [t.unit_id, t.owner_unit_id], userIds: [t.responsible_user_id, ...(t.leader_id ? [t.leader_id] : [])], shared }),
  /** 督查室 of the item: split, issue, remind, conclude, follow up. */
  manageItem: (a: Actor, i: Pick<ItemRow, 'owner_unit_id' | 'level'>) =>
    isBusinessUser(a) && a.unitId === i.owner_unit_id && hasRole(a, ...OFFICE_ROLES) && i.level <= a.clearance,
  /** 督查室 of the task's item. */
  manageTask: (a: Actor, t: Pick<TaskRow, 'owner_unit_id' | 'level'>) =>
    isBusinessUser(a) && a.unitId === t.owner_unit_id && hasRole(a, ...OFFICE_ROLES) && t.level <= a.clearance,
  /** 情况反馈: only the unit's liaison/members, while the task is being worked on. */
  report: (a: Actor, t: TaskRow) =>
    isBusinessUser(a) &&
    a.unitId === t.unit_id &&
    hasRole(a, ...UNIT_ROLES) &&
    t.level <= a.clearance &&
    (t.status === 'in_progress' || t.status === 'returned'),
  /** 审核把关: only 督查室, on a submitted final report. */
  review: (a: Actor, t: TaskRow) => supervisionPolicy.manageTask(a, t) && t.status === 'submitted',
  /** 催办: 督查室 on an open, issued task. */
  remind: (a: Actor, t: TaskRow) => supervisionPolicy.manageTask(a, t) && ['in_progress', 'returned', 'submitted'].includes(t.status),
  /** 延期申请: the unit, before the deadline (`today` ≤ deadline), while working. */
  requestExtension: (a: Actor, t: TaskRow, today: string) => supervisionPolicy.report(a, t) && today <= t.deadline,
  /** Deciding an extension: 督查室, or the responsible leader when the setting allows. */
  decideExtension: (a: Actor, t: TaskRow, s: PolicySettings) =>
    supervisionPolicy.manageTask(a, t) || (s.extensionApprover === 'office_or_leader' && isBusinessUser(a) && t.leader_id === a.id && t.level <= a.clearance),
};
