/** The API shapes of 督查督办: items (with their progress) and tasks, with their lights. */
import type { Light } from '../../../common/enums.js';
import type { Db, Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { chinaDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/module.js';
import { SOURCE_NAMES, type Item, type Task } from './supervision.constants.js';
import * as repo from './supervision.repo.js';
import { taskStatusesOf } from './repo/supervision.lists.js';
import { ITEM_STATES, TASK_STATES, TASK_WORKING } from './supervision.workflow.js';

/** The light of a time limit now (green/yellow/red, none when done or without a limit). */
export function light(ctx: AppContext, deadline: string | null, done: boolean, yellowDays: number): Light {
  return ctx.calendar.light(deadline, ctx.clock.now(), { done, yellowDays });
}

/** The light a finished item or task kept (按期/逾期办结), null while open: a finished one keeps its history instead of 无时限. */
export function finishedLight(done: boolean, finishedAt: string | null, deadline: string, onTime?: number | null): 'on_time' | 'overdue' | null {
  if (!done) return null;
  if (onTime === 0 || onTime === 1) return onTime === 1 ? 'on_time' : 'overdue';
  if (!finishedAt) return null;
  return chinaDate(new Date(finishedAt)) <= deadline ? 'on_time' : 'overdue';
}

/** Meeting-born items (`meeting_decision`): per item id, its meeting when `actor` may read it (else absent). */
export async function meetingsOf(ctx: AppContext, actor: Actor, items: Pick<Item, 'id' | 'source_type' | 'source_id'>[]) {
  const born = items.filter((i) => i.source_type === 'meeting_decision' && i.source_id !== null);
  const out = new Map<number, { meetingId: number; title: string }>();
  if (!born.length || !ctx.services.meetings?.meetingsOfDecisions) return out;
  const byDecision = await ctx.services.meetings.meetingsOfDecisions(
    ctx.db,
    actor,
    born.map((i) => i.source_id!),
  );
  for (const i of born) if (byDecision[i.source_id!]) out.set(i.id, byDecision[i.source_id!]!);
  return out;
}

/** The source text shown: a meeting-born item names its meeting only to who may read the meeting. */
const MEETING_HIDDEN = '会议议定事项';

/** The API shape of items: names, lights (a late stage turns an open item red) and the progress of their tasks. */
export async function presentItems(ctx: AppContext, db: Db | Trx, items: Item[], yellowDays: number, actor: Actor | null) {
  const ids = items.map((i) => i.id);
  const tasks = await taskStatusesOf(db, ids, chinaDate(ctx.clock.now()));
  const late = new Map<number, number>();
  for (const t of tasks)
    if ((TASK_WORKING as readonly string[]).includes(t.status) && Number(t.late_stages) > 0)
      late.set(t.item_id, (late.get(t.item_id) ?? 0) + Number(t.late_stages));
  const meetings = actor ? await meetingsOf(ctx, actor, items) : new Map<number, unknown>();
  const planned = new Map(items.map((i) => [i.id, i.co_unit_ids ? (JSON.parse(i.co_unit_ids) as number[]) : []]));
  const units = await repo.unitNames(db, [...items.map((i) => i.lead_unit_id), ...tasks.map((t) => t.unit_id), ...[...planned.values()].flat()]);
  const users = await repo.userNames(
    db,
    items.flatMap((i) => [i.responsible_leader_id, i.responsible_user_id]),
  );
  const tasksOf = new Map<number, typeof tasks>();
  for (const t of tasks) {
    const list = tasksOf.get(t.item_id);
    if (list) list.push(t);
    else tasksOf.set(t.item_id, [t]);
  }
  return items.map((i) => {
    const its = tasksOf.get(i.id) ?? [];
    const done = i.status === 'concluded' || i.status === 'closed' || i.status === 'withdrawn';
    const lateStages = done ? 0 : (late.get(i.id) ?? 0);
    const itemLight = light(ctx, i.deadline, done, yellowDays);
    return {
      id: i.id,
      number: i.number,
      title: i.title,
      requirement: i.requirement,
      source: i.source,
      sourceName: SOURCE_NAMES[i.source]?.zh ?? i.source,
      sourceType: i.source_type,
      sourceId: i.source_id,
      sourceRef: i.source_type === 'meeting_decision' && !meetings.has(i.id) ? MEETING_HIDDEN : i.source_ref,
      instructedBy: i.instructed_by,
      instructedById: i.instructed_by_id,
      instructedAt: i.instructed_at,
      instructionText: i.instruction_text,
      priority: i.priority,
      level: i.level,
      leadUnitId: i.lead_unit_id,
      leadUnitName: units.get(i.lead_unit_id) ?? '',
      coUnits: [...new Set([...(planned.get(i.id) ?? []), ...its.filter((t) => !t.is_lead).map((t) => t.unit_id)])].map((u) => ({
        id: u,
        name: units.get(u) ?? '',
      })),
      responsibleLeaderId: i.responsible_leader_id,
      responsibleLeaderName: i.responsible_leader_id ? (users.get(i.responsible_leader_id) ?? null) : null,
      responsibleUserId: i.responsible_user_id,
      responsibleUserName: users.get(i.responsible_user_id) ?? '',
      deadline: i.deadline,
      cadence: i.cadence,
      cadenceDates: i.cadence_dates ? (JSON.parse(i.cadence_dates) as string[]) : [],
      closingCriteria: i.closing_criteria,
      status: i.status,
      statusName: ITEM_STATES[i.status as keyof typeof ITEM_STATES]?.zh ?? i.status,
      light: lateStages > 0 ? ('red' as const) : itemLight,
      finishedLight: i.status === 'withdrawn' ? null : finishedLight(done, i.concluded_at, i.deadline),
      progress: {
        tasks: its.length,
        accepted: its.filter((t) => t.status === 'accepted').length,
        submitted: its.filter((t) => t.status === 'submitted').length,
      },
      issuedAt: i.issued_at,
      concludedAt: i.concluded_at,
      closedAt: i.closed_at,
      followupNote: i.followup_note,
      rating: i.rating,
      noticeAttachmentId: i.notice_attachment_id,
      withdrawnAt: i.withdrawn_at,
      withdrawReason: i.withdraw_reason,
      lateStages,
      version: i.version,
      createdAt: i.created_at,
    };
  });
}

/** The API shape of a task. */
export function presentTask(ctx: AppContext, t: Task, names: { units: Map<number, string>; users: Map<number, string> }, yellowDays: number) {
  return {
    id: t.id,
    itemId: t.item_id,
    unitId: t.unit_id,
    unitName: names.units.get(t.unit_id) ?? '',
    isLead: t.is_lead === 1,
    responsibleUserId: t.responsible_user_id,
    responsibleUserName: names.users.get(t.responsible_user_id) ?? '',
    deadline: t.deadline,
    status: t.status,
    statusName: TASK_STATES[t.status as keyof typeof TASK_STATES]?.zh ?? t.status,
    light: light(ctx, t.deadline, t.status === 'accepted' || t.status === 'withdrawn', yellowDays),
    finishedLight: finishedLight(t.status === 'accepted', t.accepted_at, t.deadline, t.accepted_on_time),
    level: t.level,
    lastReportAt: t.last_report_at,
    nextReportDue: t.next_report_due,
    reportOverdue: t.next_report_due !== null && TASK_WORKING.includes(t.status as never) && t.next_report_due < chinaDate(ctx.clock.now()),
    returnCount: t.return_count,
    extensionCount: t.extension_count,
    escalatedAt: t.escalated_at,
    acceptedAt: t.accepted_at,
    version: t.version,
  };
}
