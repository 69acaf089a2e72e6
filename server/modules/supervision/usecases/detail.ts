/** The item page and the task page: what the actor may see of them, and the buttons they may press. */
import type { Actor } from '../../../platform/actor.js';
import { presentActions } from '../../../platform/authz.js';
import type { AppContext } from '../../../platform/module.js';
import { itemActions, taskActions, taskPolicy } from '../supervision.policy.js';
import { light, meetingsOf, presentItems, presentTask } from '../supervision.presenter.js';
import * as repo from '../supervision.repo.js';
import { approvalOf, readSettings } from '../supervision.settings.js';
import { inContext, loadItem, loadTask } from './common.js';

/** The item page: item, the tasks the actor may see, their reports where allowed, extensions, timeline, attachments, actions. */
export async function itemDetail(ctx: AppContext, actor: Actor, id: number) {
  const db = ctx.db;
  const { item, tasks } = await loadItem(db, actor, id);
  const s = (await readSettings(db)).value;
  const shared = await repo.itemShared(db, actor, id);
  const visibleTasks = tasks.filter((t) => taskPolicy.read(actor, { ...t, shared }));
  const reportTaskIds = visibleTasks.filter((t) => taskPolicy.readReports(actor, { ...t, shared })).map((t) => t.id);
  const [stages, reports, extensions, events] = await Promise.all([
    repo.stagesOf(
      db,
      visibleTasks.map((t) => t.id),
    ),
    repo.reportsOf(db, reportTaskIds),
    repo.extensionsOf(db, reportTaskIds),
    repo.eventsOf(db, id),
  ]);
  const names = {
    units: await repo.unitNames(db, [item.lead_unit_id, ...tasks.map((t) => t.unit_id)]),
    users: await repo.userNames(db, [
      ...visibleTasks.map((t) => t.responsible_user_id),
      ...stages.map((st) => st.done_by),
      ...reports.flatMap((r) => [r.submitted_by, r.reviewed_by]),
      ...extensions.flatMap((e) => [e.requested_by, e.decided_by]),
    ]),
  };
  const [presented] = await presentItems(ctx, db, [item], s.yellowDays, actor);
  const meeting = (await meetingsOf(ctx, actor, [item])).get(item.id);
  const reportFiles = await Promise.all(reports.map((r) => ctx.files.listFor(db, 'supervision_report', r.id)));
  const visibleTaskIds = new Set(reportTaskIds);
  return {
    item: presented!,
    actions: presentActions(actor, itemActions, { ...item, approval: approvalOf(s, item.source) }),
    tasks: visibleTasks.map((t) => {
      const pendingExtension = extensions.some((e) => e.task_id === t.id && e.status === 'pending');
      const own = stages.filter((st) => st.task_id === t.id);
      const reported = reports.some((r) => r.task_id === t.id);
      const ended = t.status === 'accepted' || t.status === 'withdrawn';
      return {
        ...presentTask(ctx, t, names, s.yellowDays),
        stages: own.map((st) => ({
          id: st.id,
          seq: st.seq,
          name: st.name,
          deadline: st.deadline,
          doneAt: st.done_at,
          note: st.note,
          doneByName: st.done_by ? (names.users.get(st.done_by) ?? null) : null,
          light: light(ctx, st.deadline, st.done_at !== null || ended, s.yellowDays),
          version: st.version,
        })),
        canReadReports: visibleTaskIds.has(t.id),
        actions: presentActions(
          actor,
          taskActions,
          inContext(ctx, t, s, item, { shared, pendingExtension, openStages: own.filter((st) => !st.done_at).length, reported }),
        ),
      };
    }),
    reports: reports.map((r, k) => ({
      id: r.id,
      taskId: r.task_id,
      kind: r.kind,
      content: r.content,
      submittedBy: names.users.get(r.submitted_by) ?? '',
      submittedById: r.submitted_by,
      submittedAt: r.submitted_at,
      late: r.late === 1,
      reviewStatus: r.review_status,
      reviewComment: r.review_comment,
      criteria: r.criteria ? JSON.parse(r.criteria) : null,
      reviewedBy: r.reviewed_by ? (names.users.get(r.reviewed_by) ?? null) : null,
      reviewedAt: r.reviewed_at,
      attachments: reportFiles[k]!,
    })),
    extensions: extensions.map((e) => ({
      id: e.id,
      taskId: e.task_id,
      reason: e.reason,
      oldDeadline: e.old_deadline,
      requestedDeadline: e.requested_deadline,
      status: e.status,
      requestedBy: names.users.get(e.requested_by) ?? '',
      decidedBy: e.decided_by ? (names.users.get(e.decided_by) ?? null) : null,
      decidedAt: e.decided_at,
      comment: e.decision_comment,
      newDeadline: e.new_deadline,
      version: e.version,
      createdAt: e.created_at,
    })),
    timeline: events
      .filter((e) => e.task_id === null || visibleTaskIds.has(e.task_id))
      .map((e) => ({
        id: e.id,
        taskId: e.task_id,
        kind: e.kind,
        actorName: e.actor_name,
        at: e.at,
        message: e.message,
        detail: e.detail ? JSON.parse(e.detail) : null,
      })),
    attachments: await ctx.files.listFor(db, 'supervision_item', id),
    meeting: meeting ? { id: meeting.meetingId, title: meeting.title, link: `/meetings/${meeting.meetingId}` } : null,
  };
}

/** One task (W1 of the benchmark: the task with its item's fields, one query). */
export async function taskDetail(ctx: AppContext, actor: Actor, id: number) {
  const task = await loadTask(ctx.db, actor, id, undefined, repo.findTaskWithItem);
  const item = { source: task.item_source, instructed_by_id: task.item_instructed_by_id };
  const s = (await readSettings(ctx.db)).value;
  const names = { units: await repo.unitNames(ctx.db, [task.unit_id]), users: await repo.userNames(ctx.db, [task.responsible_user_id]) };
  return {
    task: { ...presentTask(ctx, task, names, s.yellowDays), itemNumber: task.item_number, itemTitle: task.item_title, itemStatus: task.item_status },
    actions: presentActions(actor, taskActions, inContext(ctx, task, s, item)),
  };
}
