/** What the 督查督办 use cases share: load-then-authorize reads, the task in its policy context, recipients, 催办 jobs and dates. */
import type { Db, Trx } from '../../../db/client.js';
import { isBusinessUser, type Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaDate } from '../../../platform/clock.js';
import { NotFoundError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { LIAISON_ROLES, type Item, type Task } from '../supervision.constants.js';
import { itemPolicy, taskPolicy, type ApproverLevel, type ItemInContext, type TaskInContext, type TaskRow } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { approvalOf, DEFAULT_SUPERVISION_SETTINGS, type SupervisionSettings } from '../supervision.settings.js';

/** Today's date in China (`YYYY-MM-DD`) by the injected clock. */
export function today(ctx: AppContext): string {
  return chinaDate(ctx.clock.now());
}

/** Loads an item and its tasks if the actor may read it; otherwise 404 (a refusal is audited as `action` denied). */
export async function loadItem(db: Db | Trx, actor: Actor, id: number, action = 'supervision.item.read'): Promise<{ item: Item; tasks: Task[] }> {
  const item = await repo.findItem(db, id);
  if (!item) throw new NotFoundError();
  const tasks = await repo.tasksOfItem(db, id);
  const seen: ItemInContext = { ...item, taskUnitIds: tasks.map((t) => t.unit_id), shared: false };
  // the share grant is looked up only when nothing else opens the item
  if (!itemPolicy.read(actor, seen) && isBusinessUser(actor) && item.level <= actor.clearance) seen.shared = await repo.itemShared(db, actor, id);
  authorize(actor, itemPolicy.read, seen, { action, targetType: 'supervision_item', targetId: id, mode: 'read' });
  return { item, tasks };
}

/**
 * Loads a task if the actor may read it; otherwise 404 (a refusal is audited as `action` denied). `find` reads the row
 * (a task with more columns: `repo.findTaskWithItem`).
 */
export async function loadTask<T extends Task = Task>(
  db: Db | Trx,
  actor: Actor,
  id: number,
  action = 'supervision.task.read',
  find: (db: Db | Trx, id: number) => Promise<T | undefined> = repo.findTask as (db: Db | Trx, id: number) => Promise<T | undefined>,
): Promise<T> {
  const task = await find(db, id);
  if (!task) throw new NotFoundError();
  let shared = false;
  if (!taskPolicy.read(actor, task) && isBusinessUser(actor) && task.level <= actor.clearance) shared = await repo.itemShared(db, actor, task.item_id);
  authorize(actor, taskPolicy.read, inContext(null, task, null, null, { shared }), { action, targetType: 'supervision_task', targetId: id, mode: 'read' });
  return task;
}

/**
 * A task with what its policy needs around it: its item's source decides who approves, its instructing
 * leader may be the approver. One literal of the columns the policy reads (TaskRow: a policy reading another
 * does not compile) and the context: `{ ...row, ...context }` cost ~15 µs a task read — V8 takes a slow
 * path for a spread of a SQLite row (a dictionary-mode object) or for a spread followed by more fields
 * (issue #12's W1). Without settings and item (the read check), the context's fields are the neutral ones.
 */
export function inContext(
  ctx: AppContext | null,
  t: TaskRow,
  s: Pick<SupervisionSettings, 'extensionApprover' | 'approvers'> | null,
  item: Pick<Item, 'source' | 'instructed_by_id'> | null,
  more: { shared?: boolean; pendingExtension?: boolean; openStages?: number; reported?: boolean } = {},
): TaskInContext {
  return {
    id: t.id,
    item_id: t.item_id,
    status: t.status,
    version: t.version,
    level: t.level,
    unit_id: t.unit_id,
    owner_unit_id: t.owner_unit_id,
    lead_unit_id: t.lead_unit_id,
    leader_id: t.leader_id,
    responsible_user_id: t.responsible_user_id,
    deadline: t.deadline,
    instructed_by_id: item ? item.instructed_by_id : (t.instructed_by_id ?? null),
    today: ctx ? today(ctx) : '',
    extensionApprover: s ? s.extensionApprover : 'office',
    approval: approvalOf(s ?? DEFAULT_SUPERVISION_SETTINGS, item?.source ?? ''),
    shared: more.shared ?? false,
    pendingExtension: more.pendingExtension ?? false,
    openStages: more.openStages ?? 0,
    reported: more.reported ?? false,
  };
}

/** The refusal code naming who may approve at `level` (督查室工作人员, 督查室处长 or 办公厅主任, 批示领导 or 办公厅主任). */
export function approverCode(level: ApproverLevel): string {
  return `supervision.approver_${level}`;
}

/** Who hears about a task: its responsible person and the unit's liaisons. */
export async function recipientsOf(db: Db | Trx, task: Pick<Task, 'unit_id' | 'responsible_user_id'>): Promise<number[]> {
  const liaisons = await repo.usersOfUnit(db, task.unit_id, LIAISON_ROLES);
  return [...new Set([task.responsible_user_id, ...liaisons.map((u) => u.id)])];
}

/** Schedules the automatic 催办 before and after the time limit, and the escalation. */
export async function scheduleReminders(ctx: AppContext, trx: Trx, task: Pick<Task, 'id' | 'deadline'>, s: SupervisionSettings): Promise<void> {
  for (const k of s.remindBeforeDays)
    await ctx.scheduler.schedule(trx, {
      kind: 'supervision.remind',
      targetType: 'supervision_task',
      targetId: task.id,
      dueAt: morningOf(addDays(task.deadline, -k)),
      payload: { deadline: task.deadline, offsetDays: -k },
    });
  for (const k of s.remindAfterDays)
    await ctx.scheduler.schedule(trx, {
      kind: 'supervision.remind',
      targetType: 'supervision_task',
      targetId: task.id,
      dueAt: morningOf(addDays(task.deadline, k)),
      payload: { deadline: task.deadline, offsetDays: k },
    });
  await ctx.scheduler.schedule(trx, {
    kind: 'supervision.escalate',
    targetType: 'supervision_task',
    targetId: task.id,
    dueAt: morningOf(addDays(task.deadline, s.escalateAfterDays)),
    payload: { deadline: task.deadline },
  });
}

/** The first periodic report date after `from` by the item's cadence (null for one-off). */
export function nextReportDue(item: Pick<Item, 'cadence' | 'cadence_dates' | 'deadline'>, from: string): string | null {
  let d: string | null = null;
  if (item.cadence === 'weekly') d = addDays(from, 7);
  else if (item.cadence === 'monthly') d = addMonths(from, 1);
  else if (item.cadence === 'dates') d = (JSON.parse(item.cadence_dates ?? '[]') as string[]).find((x) => x > from) ?? null;
  return d !== null && d < item.deadline ? d : null;
}

/** `date` plus `n` days. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
function addMonths(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}
/** 09:00 China time of a date, as an instant. */
function morningOf(date: string): Date {
  return new Date(`${date}T01:00:00Z`);
}
