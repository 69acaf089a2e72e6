/** The writes of 督查督办: items, tasks, stages, reports and extension requests (the use cases call these in their transaction). */
import { sql, type Insertable } from 'kysely';
import type { Trx } from '../../../db/client.js';
import { updateVersioned } from '../../../platform/versioned.js';
import type { ItemRecord, SupervisionExtensionTable, SupervisionItemTable, SupervisionReportTable, SupervisionTaskTable } from './supervision.tables.js';

/** Inserts an item (立项) and returns the stored row. */
export function insertItem(trx: Trx, values: Insertable<SupervisionItemTable>): Promise<ItemRecord> {
  return trx.insertInto('supervision_item').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Bumps an item's version if it is still at `version` (409 `stale_version` otherwise). */
export async function touchItem(trx: Trx, item: { id: number; version: number }, at: string): Promise<number> {
  return updateVersioned(trx, 'supervision_item', item, { updated_at: at });
}

/** Re-points a still-pending task (分解立项 again): person, time limit, version. */
export async function repointPendingTask(trx: Trx, prev: { id: number; version: number }, set: { responsibleUserId: number; deadline: string }, at: string) {
  await trx
    .updateTable('supervision_task')
    .set({ responsible_user_id: set.responsibleUserId, deadline: set.deadline, version: prev.version + 1, updated_at: at })
    .where('id', '=', prev.id)
    .execute();
}

/** Marks the open stages of a task as withdrawn (they are replaced). */
export async function withdrawOpenStages(trx: Trx, taskId: number, at: string) {
  await trx
    .updateTable('supervision_stage')
    .set({ done_at: at, name: sql<string>`name || '（已撤销）'`, updated_at: at })
    .where('task_id', '=', taskId)
    .where('done_at', 'is', null)
    .execute();
}

/** Inserts a task; returns its id. */
export async function insertTask(trx: Trx, values: Insertable<SupervisionTaskTable>): Promise<number> {
  const row = await trx.insertInto('supervision_task').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The highest stage sequence number of a task (0 without stages). */
export async function maxStageSeq(trx: Trx, taskId: number): Promise<number> {
  return Number(
    (
      await trx
        .selectFrom('supervision_stage')
        .select((eb) => eb.fn.max('seq').as('m'))
        .where('task_id', '=', taskId)
        .executeTakeFirst()
    )?.m ?? 0,
  );
}

/** Appends one stage (节点) to a task. */
export async function insertStage(trx: Trx, s: { taskId: number; seq: number; name: string; deadline: string }, at: string): Promise<number> {
  const row = await trx
    .insertInto('supervision_stage')
    .values({ task_id: s.taskId, seq: s.seq, name: s.name, deadline: s.deadline, done_at: null, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts a report (情况反馈); returns its id. */
export async function insertReport(trx: Trx, values: Insertable<SupervisionReportTable>): Promise<number> {
  return (await trx.insertInto('supervision_report').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Writes `set` to a task if it is still at its version and bumps it (409 `stale_version` otherwise). */
export function updateTaskVersioned(
  trx: Trx,
  task: { id: number; version: number },
  set: { updated_at: string; last_report_at?: string; next_report_due?: string | null },
) {
  return updateVersioned(trx, 'supervision_task', task, set);
}

/** Records the review decision on the task's pending final reports. */
export async function reviewPendingReports(
  trx: Trx,
  taskId: number,
  r: { accept: boolean; comment: string | null; criteria: string | null; reviewedBy: number; at: string },
) {
  await trx
    .updateTable('supervision_report')
    .set((eb) => ({
      review_status: r.accept ? 'accepted' : 'returned',
      review_comment: r.comment,
      criteria: r.criteria,
      reviewed_by: r.reviewedBy,
      reviewed_at: r.at,
      updated_at: r.at,
      version: eb('version', '+', 1),
    }))
    .where('task_id', '=', taskId)
    .where('review_status', '=', 'pending')
    .execute();
}

/** Whether the item still has a task not accepted. */
export async function hasUnacceptedTask(trx: Trx, itemId: number): Promise<boolean> {
  const open = await trx
    .selectFrom('supervision_task')
    .select('id')
    .where('item_id', '=', itemId)
    .where('status', 'not in', ['accepted', 'withdrawn'])
    .executeTakeFirst();
  return open !== undefined;
}

/** Whether the task has a pending extension request. */
export async function hasPendingExtension(trx: Trx, taskId: number): Promise<boolean> {
  const pending = await trx.selectFrom('supervision_extension').select('id').where('task_id', '=', taskId).where('status', '=', 'pending').executeTakeFirst();
  return pending !== undefined;
}

/** Inserts an extension request (延期申请); returns its id. */
export async function insertExtension(trx: Trx, values: Insertable<SupervisionExtensionTable>): Promise<number> {
  return (await trx.insertInto('supervision_extension').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Loads one extension request. */
export function findExtension(trx: Trx, id: number) {
  return trx.selectFrom('supervision_extension').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Writes the decision on an extension request if it is still at its version (409 `stale_version` otherwise). */
export function decideExtensionRow(
  trx: Trx,
  ext: { id: number; version: number },
  d: { status: 'approved' | 'refused'; decidedBy: number; comment: string | null; newDeadline: string | null; at: string },
) {
  return updateVersioned(trx, 'supervision_extension', ext, {
    status: d.status,
    decided_by: d.decidedBy,
    decided_at: d.at,
    decision_comment: d.comment,
    new_deadline: d.newDeadline,
    updated_at: d.at,
  });
}

/** Moves a task's time limit after an approved extension (and clears its escalation). */
export async function extendTask(trx: Trx, task: { id: number; version: number; extension_count: number }, deadline: string, at: string) {
  await trx
    .updateTable('supervision_task')
    .set({ deadline, extension_count: task.extension_count + 1, escalated_at: null, version: task.version + 1, updated_at: at })
    .where('id', '=', task.id)
    .execute();
}

/** Moves an item's overall 时限 (its version is bumped). */
export async function extendItemDeadline(trx: Trx, item: { id: number; version: number }, deadline: string, at: string) {
  return updateVersioned(trx, 'supervision_item', item, { deadline, updated_at: at });
}

/** Marks a task as escalated to its leader. */
export async function markEscalated(trx: Trx, taskId: number, at: string) {
  await trx.updateTable('supervision_task').set({ escalated_at: at }).where('id', '=', taskId).execute();
}
