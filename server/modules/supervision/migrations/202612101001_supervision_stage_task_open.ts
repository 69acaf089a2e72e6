/**
 * The ledger's light counts each shown task's open stages past their limit (`taskStatusesOf`: `task_id = ? AND done_at
 * IS NULL AND deadline < ?`). With only `(task_id, seq)` and `(done_at, deadline)` to choose from, SQLite without
 * statistics for the table (a new table, or one analyzed while it was nearly empty) took the second: every late open
 * stage of the office read for each task of the page. Measured with 100,000 open stages, 40 tasks: 1.4–1.6 s a page,
 * against 46 µs through this index, which answers the three terms itself whatever the statistics say (#17).
 *
 * Frozen: imports only kysely.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('supervision_stage_task_open_idx').on('supervision_stage').columns(['task_id', 'done_at', 'deadline']).execute();
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
