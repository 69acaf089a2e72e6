/**
 * 节点 completed with a note (who, when), and an item withdrawn (撤销) with its reason: the record stays,
 * the open counts leave it.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('supervision_stage').addColumn('note', 'text').execute();
  await db.schema.alterTable('supervision_stage').addColumn('done_by', 'integer').execute();
  await db.schema.alterTable('supervision_item').addColumn('withdrawn_at', 'text').execute();
  await db.schema.alterTable('supervision_item').addColumn('withdraw_reason', 'text').execute();
  await db.schema.createIndex('supervision_stage_open_idx').on('supervision_stage').columns(['done_at', 'deadline']).execute();
}
