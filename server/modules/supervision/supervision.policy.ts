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
  /** The instructing leader of the task's item (批示领导), where the caller knows it. */
  instructed_by_id?: number | null;
}

/** Settings that change who may do what. */
export interface PolicySettings {
  /** Who decides 延期申请: 督查室 only, or also the item's responsible leader. */
  extensionApprover: 'office' | 'office_or_leader';
}

/**
 * Who approves (审批): `staff` any 督查室 member of the item's office; `division_head` 督查室's 处长 (or the
 * 办公厅主任); `leader` the instructing leader (批示领导; the responsible leader when nobody instructed) or the 办公厅主任.
 */
export const APPROVER_LEVELS = ['staff', 'division_head', 'leader'] as const;
export type ApproverLevel = (typeof APPROVER_LEVELS)[number];
/** The approvals whose approver is configured: 延期 (extension), 办结 (accepting a task), 销号 (closing the item). */
export const APPROVAL_KINDS = ['extension', 'accept', 'close'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
/** The approver level of each approval, for an item's source. */
export type ApprovalLevels = Record<ApprovalKind, ApproverLevel>;

/** What deciding who approves needs of an item (or of a task with its item's instructing leader). */
export interface ApprovalSubject {
  owner_unit_id: number;
  level: number;
  instructed_by_id?: number | null;
  responsible_leader_id: number | null;
}

/** Whether the actor holds the approver `level` for the item (cleared for its 密级). */
export function holdsApproverLevel(a: Actor, i: ApprovalSubject, level: ApproverLevel): boolean {
  if (!isBusinessUser(a) || i.level > a.clearance) return false;
  if (level === 'staff') return isOfficeOf(a, i);
  if (isOfficeDirector(a)) return true;
  if (level === 'division_head') return isOfficeOf(a, i) && hasRole(a, 'division_head', 'director');
  const leader = i.instructed_by_id ?? i.responsible_leader_id;
  return leader !== null && leader === a.id;
}

/** The approval subject of a task: its item's office and leaders. */
function subjectOfTask(t: TaskRow): ApprovalSubject {
  return { owner_unit_id: t.owner_unit_id, level: t.level, instructed_by_id: t.instructed_by_id ?? null, responsible_leader_id: t.leader_id };
}

/** Anyone who may hold some approver level of the task (the workflow's own check; the use case checks the configured level). */
function mayApproveTask(a: Actor, t: TaskRow): boolean {
  return APPROVER_LEVELS.some((l) => holdsApproverLevel(a, subjectOfTask(t), l));
}

const OFFICE_ROLES = ['staff', 'division_head', 'director'] as const;
const OPEN_ITEM = ['registered', 'issued'];
const UNIT_ROLES = ['liaison', 'staff', 'division_head'] as const;

/** 督查室 staff: may register items (立项). */
export function isSupervisionOffice(a: Actor): boolean {
  return isBusinessUser(a) && a.unitCode === SUPERVISION_OFFICE_CODE && hasRole(a, ...OFFICE_ROLES);
}

/**
 * 办公厅主任/副主任 (the director role): oversees what the office handles — every 督办 item, its tasks and
 * reports, within clearance (issue: the office director could not open the items of his own office).
 */
export function isOfficeDirector(a: Actor): boolean {
  return isBusinessUser(a) && hasRole(a, 'director');
}

/** An item as its policy sees it: the row, the units holding its tasks, and whether a share grant names the actor. */
export interface ItemInContext extends ItemRow {
  taskUnitIds: readonly number[];
  shared: boolean;
}

/** A task as its policy sees it: the row and what the abilities need around it. */
export interface TaskInContext extends TaskRow {
  /** A share grant of its item names the actor or the actor's unit. */
  shared: boolean;
  /** Today's date in China (`YYYY-MM-DD`): 延期申请 is possible up to the time limit. */
  today: string;
  /** The module setting: who decides 延期申请. */
  extensionApprover: PolicySettings['extensionApprover'];
  /** The configured approver levels for the item's source. */
  approval: ApprovalLevels;
  /** A 延期申请 of the task is pending. */
  pendingExtension: boolean;
  /** Its open stages (节点) — the 完成节点 button. */
  openStages?: number;
  /** The unit has reported on it (a reported task is not withdrawn, it is reviewed). */
  reported?: boolean;
}

/** 督查室 of the item or task (same unit, an office role, cleared for its level). */
function isOfficeOf(a: Actor, r: { owner_unit_id: number; level: number }): boolean {
  return isBusinessUser(a) && a.unitId === r.owner_unit_id && hasRole(a, ...OFFICE_ROLES) && r.level <= a.clearance;
}

/** 情况反馈: only the unit's liaison/members, while the task is being worked on. */
function isWorkingUnit(a: Actor, t: TaskRow): boolean {
  return (
    isBusinessUser(a) &&
    a.unitId === t.unit_id &&
    hasRole(a, ...UNIT_ROLES) &&
    t.level <= a.clearance &&
    (t.status === 'in_progress' || t.status === 'returned')
  );
}

/** Abilities without a row (they take `null`). */
export const supervisionPolicy = {
  /** 立项 and 台账 import: 督查室 staff. */
  register: (a: Actor, _row?: unknown) => isSupervisionOffice(a),
  /** Work on the tasks of one's unit (their 待反馈 rows on the 工作台): liaisons, staff and division heads. */
  workOnUnitTasks: (a: Actor, _row?: unknown) => hasRole(a, ...UNIT_ROLES),
  /** Change the module settings: 督查室's division head or director. */
  manageSettings: (a: Actor, _row?: unknown) => isSupervisionOffice(a) && hasRole(a, 'division_head', 'director'),
};

/** The named abilities on an item. Every write also requires `read` (checked first, 404). */
export const itemPolicy = {
  /** 密级 + need-to-know: 督查室, the lead and task units, the responsible and instructing persons, the creator, or shared. */
  read: (a: Actor, i: ItemInContext) =>
    (isOfficeDirector(a) && i.level <= a.clearance) ||
    canSee(a, {
      level: i.level,
      unitIds: [i.owner_unit_id, i.lead_unit_id, ...i.taskUnitIds],
      userIds: [
        i.responsible_user_id,
        i.created_by,
        ...(i.responsible_leader_id ? [i.responsible_leader_id] : []),
        ...(i.instructed_by_id ? [i.instructed_by_id] : []),
      ],
      shared: i.shared,
    }),
  /** 督查室 of the item: split, issue, conclude, follow up. */
  manage: (a: Actor, i: Pick<ItemRow, 'owner_unit_id' | 'level'>) => isOfficeOf(a, i),
  /** 销号: the approver level configured for the item's source. */
  close: (a: Actor, i: ItemRow & { approval?: ApprovalLevels }) => holdsApproverLevel(a, i, i.approval?.close ?? 'division_head'),
  /** 批示件办理情况报告 (DOCX): the instructing leader, 督查室 of the item or the office director, cleared for its 密级. */
  instructionReport: (a: Actor, i: Pick<ItemRow, 'owner_unit_id' | 'level' | 'instructed_by_id'>) =>
    isBusinessUser(a) && i.level <= a.clearance && (i.instructed_by_id === a.id || isOfficeOf(a, i) || isOfficeDirector(a)),
  /** Upload an attachment: 督查室 staff managing the item, until it is closed. */
  attach: (a: Actor, i: Pick<ItemRow, 'owner_unit_id' | 'level' | 'status'>) => isSupervisionOffice(a) && isOfficeOf(a, i) && i.status !== 'closed',
};

/** The buttons of an item page (`presentActions`): the names the web knows. */
export const itemActions = {
  split: (a: Actor, i: ItemRow) => itemPolicy.manage(a, i) && i.status === 'registered',
  issue: (a: Actor, i: ItemRow) => itemPolicy.manage(a, i) && i.status === 'registered',
  close: (a: Actor, i: ItemRow & { approval?: ApprovalLevels }) => itemPolicy.close(a, i) && i.status === 'concluded',
  /** 修改 after 立项 (versioned, the units told what changed): 督查室, while open. */
  edit: (a: Actor, i: ItemRow) => itemPolicy.manage(a, i) && OPEN_ITEM.includes(i.status),
  /** 撤销 with a reason: 督查室, while open. */
  withdraw: (a: Actor, i: ItemRow) => itemPolicy.manage(a, i) && OPEN_ITEM.includes(i.status),
  /** 调整分工: a task for another unit once issued (before, 分解立项 does it). */
  add_task: (a: Actor, i: ItemRow) => itemPolicy.manage(a, i) && i.status === 'issued',
  /** 提出建议: 督查室, until closed or withdrawn. */
  recommend: (a: Actor, i: ItemRow) => itemPolicy.manage(a, i) && i.status !== 'closed' && i.status !== 'withdrawn',
  /** 督办协调: 督查室, while the units work on it. */
  coordinate: (a: Actor, i: ItemRow) => itemPolicy.manage(a, i) && i.status === 'issued',
  /** 批示件办理情况报告: an item with a 批示, for whoever may have it. */
  instruction_report: (a: Actor, i: ItemRow & { instruction_text?: string | null }) => !!i.instruction_text && itemPolicy.instructionReport(a, i),
};

/** The named abilities on a task. Every write also requires `read` (checked first, 404). */
export const taskPolicy = {
  /**
   * 密级 + need-to-know of a task: its unit, 督查室, the lead unit, the responsible person and leader, the office
   * director, or shared — `shared` also stands for the item's instructing leader (批示领导), who follows the whole item.
   */
  read: (a: Actor, t: TaskRow & { shared?: boolean }) =>
    (isOfficeDirector(a) && t.level <= a.clearance) ||
    canSee(a, {
      level: t.level,
      unitIds: [t.unit_id, t.owner_unit_id, t.lead_unit_id],
      userIds: [t.responsible_user_id, ...(t.leader_id ? [t.leader_id] : [])],
      shared: t.shared ?? false,
    }),
  /** Reports of a task: its own unit, 督查室 and the responsible leader — not the other units (unless shared). */
  readReports: (a: Actor, t: TaskRow & { shared?: boolean }) =>
    (isOfficeDirector(a) && t.level <= a.clearance) ||
    canSee(a, {
      level: t.level,
      unitIds: [t.unit_id, t.owner_unit_id],
      userIds: [t.responsible_user_id, ...(t.leader_id ? [t.leader_id] : [])],
      shared: t.shared ?? false,
    }),
  /** 督查室 of the task's item: review, remind. */
  manage: (a: Actor, t: Pick<TaskRow, 'owner_unit_id' | 'level'>) => isOfficeOf(a, t),
  /** 情况反馈 (and 申请办结, 延期申请, 完成节点): only the unit's liaison/members, while the task is being worked on. */
  report: (a: Actor, t: TaskRow) => isWorkingUnit(a, t),
  /** 撤销任务 (调整分工): 督查室, on a task the unit has not reported on yet. */
  cancel: (a: Actor, t: TaskRow & { reported?: boolean }) => isOfficeOf(a, t) && ['pending', 'in_progress', 'returned'].includes(t.status) && !t.reported,
  /** 审核把关: only 督查室, on a submitted final report. */
  review: (a: Actor, t: TaskRow) => isOfficeOf(a, t) && t.status === 'submitted',
  /** 审核通过 (办结): the approver level configured for the item's source. */
  accept: (a: Actor, t: TaskRow & Pick<TaskInContext, 'approval'>) => holdsApproverLevel(a, subjectOfTask(t), t.approval.accept),
  /** 催办: 督查室 on an open, issued task. */
  remind: (a: Actor, t: TaskRow) => isOfficeOf(a, t) && ['in_progress', 'returned', 'submitted'].includes(t.status),
  /** 延期申请: the unit, before the deadline (today ≤ deadline), while working. */
  requestExtension: (a: Actor, t: TaskRow & Pick<TaskInContext, 'today'>) => isWorkingUnit(a, t) && t.today <= t.deadline,
  /** Deciding an extension: the approver level configured for the item's source, or the responsible leader when the setting allows. */
  decideExtension: (a: Actor, t: TaskRow & Pick<TaskInContext, 'extensionApprover' | 'approval'>) =>
    holdsApproverLevel(a, subjectOfTask(t), t.approval.extension) ||
    (t.extensionApprover === 'office_or_leader' && isBusinessUser(a) && t.leader_id === a.id && t.level <= a.clearance),
};

/** The buttons of a task (`presentActions`): the names the web knows, in the order it shows them. */
export const taskActions = {
  report: (a: Actor, t: TaskInContext) => taskPolicy.report(a, t),
  request_close: (a: Actor, t: TaskInContext) => taskPolicy.report(a, t),
  request_extension: (a: Actor, t: TaskInContext) => taskPolicy.requestExtension(a, t) && !t.pendingExtension,
  accept: (a: Actor, t: TaskInContext) => t.status === 'submitted' && taskPolicy.accept(a, t),
  return: (a: Actor, t: TaskInContext) => taskPolicy.review(a, t) || (t.status === 'submitted' && taskPolicy.accept(a, t)),
  remind: (a: Actor, t: TaskInContext) => taskPolicy.remind(a, t),
  decide_extension: (a: Actor, t: TaskInContext) => t.pendingExtension && taskPolicy.decideExtension(a, t),
  /** 完成节点: the unit, on an open stage of a task it works on. */
  complete_stage: (a: Actor, t: TaskInContext) => taskPolicy.report(a, t) && (t.openStages ?? 0) > 0,
  /** 添加节点: 督查室, on an open task. */
  add_stage: (a: Actor, t: TaskInContext) => taskPolicy.manage(a, t) && ['pending', 'in_progress', 'returned'].includes(t.status),
  /** 撤销任务: 督查室, not the lead unit's task, before any report. */
  cancel: (a: Actor, t: TaskInContext) => t.unit_id !== t.lead_unit_id && taskPolicy.cancel(a, t),
};

/** A report (情况反馈) with its task, as its policy sees it. */
export interface ReportInContext {
  submitted_by: number;
  review_status: string;
  task: TaskRow;
}

/** The named abilities on a report. */
export const reportPolicy = {
  /** Add files: the submitter, until the report has been reviewed. */
  attach: (a: Actor, r: ReportInContext) =>
    r.submitted_by === a.id && r.review_status !== 'accepted' && r.review_status !== 'returned' && taskPolicy.readReports(a, r.task),
};

/**
 * The workflow engine's own checks of the approval steps (审核通过/退回, 销号): 督查室 or anyone who may hold some approver
 * level. The use cases check the level configured for the item's source before (review.ts, follow-up.ts).
 */
export const approvalSteps = {
  reviewTask: (a: Actor, t: TaskRow) => (isOfficeOf(a, t) || mayApproveTask(a, t)) && t.status === 'submitted',
  closeItem: (a: Actor, i: ItemRow) => isOfficeOf(a, i) || APPROVER_LEVELS.some((l) => holdsApproverLevel(a, i, l)),
};

/** The name of an ability of the item or task policy. */
export type ItemAbility = keyof typeof itemPolicy;
export type TaskAbility = keyof typeof taskPolicy;
