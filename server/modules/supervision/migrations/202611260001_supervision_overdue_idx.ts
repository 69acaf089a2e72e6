/**
 * Overdue-by-unit at a million tasks: an index that holds every column the task visibility rule
 * reads, so the count is answered from the index alone (no row lookups).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('supervision_task_overdue_idx')
    .on('supervision_task')
    .columns(['status', 'deadline', 'unit_id', 'level', 'owner_unit_id', 'lead_unit_id', 'responsible_user_id', 'leader_id', 'item_id'])
    .execute();
}
