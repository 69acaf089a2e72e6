/**
 * Indexes for the item list, the intake queue and the statistics at a million items (bench/information.ts):
 * a unit's reports and 待采编 are read newest first and counted from an index alone (the level is in it),
 * the period's reports are counted per unit and 采用 level from one index, 批示 are found by date. Frozen.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('info_item_unit_origin_idx').on('info_item').columns(['unit_id', 'origin', 'id', 'level']).execute();
  // (status, id, level) serves every query (status, id) served
  await db.schema.createIndex('info_item_status_level_idx').on('info_item').columns(['status', 'id', 'level']).execute();
  await db.schema.dropIndex('info_item_status_idx').execute();
  await db.schema
    .createIndex('info_item_stats_idx')
    .on('info_item')
    .columns(['origin', 'reported_at', 'unit_id', 'late', 'adopt_level', 'merged_into_id'])
    .execute();
  await db.schema.createIndex('info_instruction_created_idx').on('info_instruction').column('created_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
