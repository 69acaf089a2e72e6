/** 协办单位 as registered at 立项 (before 分解立项 creates their tasks). */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('supervision_item').addColumn('co_unit_ids', 'text').execute();
}
