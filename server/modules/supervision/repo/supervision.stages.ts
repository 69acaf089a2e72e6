/** The queries of 节点 (stages), 撤销 and 修改 after 立项. */
import type { Db, Trx } from '../../../db/client.js';
import { updateVersioned } from '../../../platform/versioned.js';
import type { SupervisionItemTable } from './supervision.tables.js';

type H = Db | Trx;

/** Loads one stage. */
export function findStage(db: H, id: number) {
  return db.selectFrom('supervision_stage').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records a stage as completed by `by` with a note (409 `stale_version` if it changed meanwhile). */
export function completeStage(trx: Trx, stage: { id: number; version: number }, d: { note: string; by: number; at: string }) {
  return updateVersioned(trx, 'supervision_stage', stage, { done_at: d.at, note: d.note, done_by: d.by, updated_at: d.at });
}

/** Whether a task has any report (a reported task is reviewed, not withdrawn). */
export async function hasReports(db: H, taskId: number): Promise<boolean> {
  return (await db.selectFrom('supervision_report').select('id').where('task_id', '=', taskId).executeTakeFirst()) !== undefined;
}

/** Writes the edited fields of an item (409 `stale_version` if it changed meanwhile); returns the new version. */
export function updateItemFields(
  trx: Trx,
  item: { id: number; version: number },
  set: Partial<Pick<SupervisionItemTable, 'title' | 'requirement' | 'deadline' | 'priority' | 'closing_criteria' | 'responsible_leader_id'>> & {
    updated_at: string;
  },
) {
  return updateVersioned(trx, 'supervision_item', item, set);
}

/** Copies the item's responsible leader onto its tasks (the task visibility rule reads it). */
export async function setTasksLeader(trx: Trx, itemId: number, leaderId: number | null) {
  await trx.updateTable('supervision_task').set({ leader_id: leaderId }).where('item_id', '=', itemId).execute();
}

/** The open stages of the working tasks past their limit (件件有着落: each shows on the board). */
export function openStages(db: H) {
  return db
    .selectFrom('supervision_stage')
    .innerJoin('supervision_task', 'supervision_task.id', 'supervision_stage.task_id')
    .innerJoin('supervision_item', 'supervision_item.id', 'supervision_task.item_id')
    .where('supervision_stage.done_at', 'is', null)
    .where('supervision_task.status', 'in', ['in_progress', 'returned']);
}
